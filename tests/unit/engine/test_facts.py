"""Which facts answer a clarifying question: decided by word-start keywords and distinctive shared words,
never by a substring inside another word or by a loose similarity."""

import pytest

from interviewer.engine.facts import FactRetriever


@pytest.fixture
def facts_of(knowledge):
    return lambda slug, question: [f.key for f in FactRetriever(knowledge.cases[slug]).find(question)]


@pytest.mark.parametrize(
    ("slug", "question", "expected"),
    [
        # "transactions" contains "actions" (a fact of this case); a substring match answered the wrong fact
        ("payment-fraud-detection", "What's the peak number of transactions per second?", ["traffic"]),
        # "upload" contains "load" (a traffic keyword)
        ("visual-search", "How quickly must a newly uploaded image become searchable?", ["freshness"]),
        # no keyword: the distinctive words "accounts" and "sign" appear only in the cold-start fact
        ("video-recommendation", "How many new accounts sign up each day?", ["cold-start"]),
        ("ad-click-prediction", "How does the auction work? Is it second price?", ["marketplace"]),
        ("street-view-blurring", "What labelled data do we have?", ["labels", "data"]),
    ],
)
def test_the_fact_that_answers_is_found(facts_of, slug, question, expected):
    assert facts_of(slug, question) == expected


def test_a_two_part_question_gets_both_facts(facts_of):
    got = facts_of("video-recommendation", "What's the size of the catalogue, and how many requests per second at peak?")
    assert sorted(got) == ["catalogue", "traffic"]
    # one part, one fact: "each day" alone does not drag the traffic fact in
    assert facts_of("video-recommendation", "How many new accounts sign up each day?") == ["cold-start"]


@pytest.mark.parametrize(
    ("slug", "question"),
    [
        ("ad-click-prediction", "How many people are on the ads ranking team?"),
        ("payment-fraud-detection", "What's the split between debit and credit cards in our volume?"),
        ("llm-content-moderation", "What's the average age of our sellers?"),
    ],
)
def test_questions_the_brief_does_not_cover_find_nothing(facts_of, slug, question):
    assert facts_of(slug, question) == []
