"""Naming back what the candidate said: the case's own terms, quoted as the candidate wrote them, never from
a question, a rejected option or a figure, so the interviewer never credits what was not said."""

import pytest

from interviewer.engine.echo import Echo


@pytest.fixture
def echo_of(knowledge):
    catalogue = list(knowledge.cases.values())
    return lambda slug, text, step="", avoid=(): Echo(knowledge.cases[slug], catalogue).best(text, step, avoid)


def test_a_term_is_named_back_as_the_candidate_wrote_it(echo_of):
    text = "Training data comes from the logs. Split by time, so the test set is always the most recent day."
    assert echo_of("video-recommendation", text, "data") == "split by time"


def test_a_question_a_rejected_option_and_a_figure_are_not_named_back(echo_of):
    assert echo_of("video-recommendation", "Should we use a two-tower model?", "model") == ""
    assert echo_of("video-recommendation", "We would not need a two-tower model here.", "model") == ""
    assert echo_of("payment-fraud-detection", "The budget is 50 ms at p99.", "serving") == ""


def test_a_term_named_back_once_is_not_named_again(echo_of):
    text = "I'd run an A/B test with watch time as the main metric."
    first = echo_of("video-recommendation", text, "serving")
    assert first
    assert echo_of("video-recommendation", text, "serving", [first.lower()]) != first


def test_lone_verbs_and_plain_words_are_not_named_back(echo_of):
    # "fine-tune" is a cue of the visual-search case, but "You mentioned fine-tune." reads badly
    assert echo_of("visual-search", "Fine-tune it.", "model") == ""


def test_a_name_keeps_its_capital_and_terms_with_digits_are_names_not_figures(echo_of):
    assert echo_of("payment-fraud-detection", "Velocity counters that Flink writes into the in-memory store.",
                   "features") == "Flink"
    assert echo_of("rag-support-assistant", "BM25 and dense scores, language, product area.", "features") == "BM25"


def test_a_lone_word_that_reads_badly_is_named_with_the_word_that_makes_it_a_thing(echo_of):
    # "drift" alone could be a verb, "near-duplicate" an adjective: named back with their nouns
    assert echo_of("visual-search", "Alert on p99 latency, deletion lag past 24 hours, embedding drift.",
                   "monitoring") == "embedding drift"
    assert echo_of("visual-search", "Split by near-duplicate cluster and time to avoid leakage.",
                   "data") == "near-duplicate cluster"
    # a verb is not the first word of such a pair: "Scrub emails" is an order, not a thing
    assert "scrub" not in echo_of("rag-support-assistant", "Scrub emails, names and API keys first.", "data").lower()


def test_a_quote_mark_inside_a_named_phrase_is_left_out(echo_of):
    named = echo_of("rag-support-assistant", "Searches followed by a 'helpful' vote give more pairs.", "data")
    assert named == "helpful vote"


def test_a_matched_phrase_that_starts_with_a_preposition_or_ends_in_a_pronoun_is_not_named_back(echo_of):
    # "in shadow" and "A/B it" find the rollout and experiment points, but "You mentioned in shadow." reads badly
    named = echo_of("payment-fraud-detection", "I'd ship it in shadow next to the rules first, then A/B it.", "serving")
    assert named.lower() not in ("in shadow", "a/b it")


def test_a_quantifier_is_not_the_word_that_makes_a_lone_term_a_thing(echo_of):
    named = echo_of("llm-content-moderation", "Sellers file many appeals, so I'd sample them for relabelling.", "data")
    assert not named.lower().startswith("many")


def test_the_opening_prompts_own_words_are_not_named_back(knowledge, echo_of):
    # the ad prompt is about an auction: "You already mentioned auction earlier." acknowledges nothing new
    assert "auction" in knowledge.cases["ad-click-prediction"].opening_prompt
    assert echo_of("ad-click-prediction", "The auction needs our prediction for every ad.", "clarify") == ""
    # a term the candidate brought is named
    assert echo_of("ad-click-prediction", "Since it feeds the auction, I'd predict expected value per ad.",
                   "clarify") == "expected value"


def test_a_term_written_in_notation_is_not_named_back_as_a_broken_fragment(echo_of):
    text = "I'd rank by P(invite | shown) times P(accept | invite), so we optimise accepted connections."
    named = echo_of("people-you-may-know", text, "data")
    assert named == "accepted connections"


def test_an_unknown_word_that_ends_like_an_adjective_is_named_with_its_noun(echo_of):
    text = "I would predict whether a user saves a result, trained with a contrastive loss."
    assert echo_of("visual-search", text, "frame") == "contrastive loss"
