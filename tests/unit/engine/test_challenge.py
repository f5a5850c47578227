"""Design claims the interviewer questions (knowledge/challenges.md): found only when the candidate
affirms them in a step where they matter, never when the same step already handles them, each once."""

import pytest

from interviewer.claims import challenge_for
from interviewer.engine.interview import Interview
from interviewer.knowledge.loader import load_knowledge
from tests.support.engine import collect, last_reply, say


@pytest.fixture(scope="module")
def challenges(knowledge):
    return list(knowledge.challenges.values())


def raised(challenges, text, step="data", case="video-recommendation", earlier=(), done=()):
    return challenge_for(challenges, case, step, text, [*earlier, text], done)


def test_an_affirmed_claim_is_questioned_in_a_step_where_it_matters(challenges):
    found = raised(challenges, "We take the watch logs. Then I'd shuffle everything and split it randomly 80/20.")
    assert found is not None and found.challenge.id == "random-split"
    assert found.question.endswith("?") and "random" in found.question


@pytest.mark.parametrize("text", [
    "Never a random split: random splits leak future co-watch patterns, so I split by time.",
    "Should I use a random split here?",
    "I'd train on the first 25 days and test on the next 5; a random split would leak counters.",
])
def test_a_negated_asked_or_already_argued_claim_is_not_questioned(challenges, text):
    assert raised(challenges, text) is None


def test_what_the_candidate_said_earlier_in_the_step_counts(challenges):
    earlier = ["Labels come from the logs, and everything is split by time."]
    assert raised(challenges, "Then a random 80/20 split of the rest.", earlier=earlier) is None


def test_a_claim_is_questioned_only_in_its_steps_and_cases_and_once(challenges):
    assert raised(challenges, "I'd split it randomly.", step="serving") is None
    assert raised(challenges, "The goal is to maximise clicks.", step="frame").challenge.id == "clicks-objective"
    assert raised(challenges, "The goal is to maximise clicks.", step="frame", case="ad-click-prediction") is None
    assert raised(challenges, "I'd split it randomly.", done=["random-split"]) is None


def test_the_candidates_own_word_is_named_in_the_question(challenges):
    found = raised(challenges, "Features would be age, gender, location and school.", step="features")
    assert found is not None and "gender" in found.question and "gender" in found.again


def test_a_broken_challenge_is_reported_with_file_and_line(tmp_path):
    path = tmp_path / "challenges.md"
    path.write_text("---\nkind: challenges\n---\n\n# Claims\n\n## [random-split] A random split\n\n"
                    "- Steps: data\n- Says: random split\n- Question: Is that safe\n"
                    "- Why: Behavioural data is ordered in time, so a random split leaks the future.\n")
    kb = load_knowledge(path)
    assert [str(p) for p in kb.problems] == [f"{path}:11: challenge 'random-split': question: the Question: line "
                                             "must end with '?'"]


async def test_the_interviewer_questions_the_claim_rephrases_it_and_does_not_repeat_it(make_deps, knowledge):
    interview = Interview.start(make_deps(), "video-recommendation")
    await collect(interview.open())
    await say(interview, "Let's move on.")  # to framing
    await say(interview, "Let's move on.")  # to data
    await say(interview, "We log every impression and watch. Then I'd shuffle everything and split it randomly.")
    challenge = last_reply(interview)
    assert challenge.move == "challenge" and "random split" in challenge.text
    await say(interview, "Sorry, can you rephrase that?")
    rephrased = last_reply(interview)
    assert rephrased.move == "rephrase"
    assert knowledge.challenges["random-split"].again in rephrased.text
    await say(interview, "Again, a random split of the logs, 80/20.")
    assert last_reply(interview).move != "challenge"


def test_a_claim_that_needs_a_second_phrase_is_raised_only_with_it_in_the_same_sentence(challenges):
    claim = "Collaborative filtering handles new videos, because similar users watch them."
    assert raised(challenges, claim, step="model").challenge.id == "cf-cold-start"
    assert raised(challenges, "I'd use collaborative filtering on the watch history. New videos are many.",
                  step="model") is None
    assert raised(challenges, claim, step="model", earlier=["Content features and metadata cover new videos."]) is None


def test_rejecting_the_fix_does_not_handle_the_claim(challenges):
    # "rather than a time-based split" names the fix only to turn it down
    found = raised(challenges, "I'd do a random split over rows rather than a time-based split, since it is more "
                               "representative.")
    assert found is not None and found.challenge.id == "random-split"


@pytest.mark.parametrize(("text", "step", "claim"), [
    ("Fraud is about 0.1% of payments, so accuracy is the right headline metric.", "clarify", "accuracy-metric"),
    ("I'd oversample the clicks up to 50/50 so the model is not biased toward zero.", "data",
     "rebalance-probabilities"),
    ("We'd run the A/B test for a day; with this many users any gap is automatically significant.", "serving",
     "short-experiment"),
])
def test_common_wrong_reasoning_is_questioned(challenges, text, step, claim):
    found = raised(challenges, text, step=step, case="payment-fraud-detection")
    assert found is not None and found.challenge.id == claim


@pytest.mark.parametrize(("text", "step"), [
    ("I'd downsample negatives to 50/50 and recalibrate with the sampling rate afterwards.", "data"),
    ("The test runs two full weeks so day-of-week and novelty effects wash out.", "serving"),
])
def test_the_same_words_with_the_fix_are_not_questioned(challenges, text, step):
    assert raised(challenges, text, step=step, case="payment-fraud-detection") is None
