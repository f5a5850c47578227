"""What a sentence affirms: a rejection drops what follows it, a negation inside a condition does not."""

import pytest

from interviewer.negation import affirmed, dismisses, waves_away


@pytest.mark.parametrize(("sentence", "kept", "dropped"), [
    ("We'd definitely not need shadow, canary or rollback.", "", "canary"),
    ("A two-tower model is not a good choice here, so a plain ranker.", "ranker", "two-tower"),
    # "where no passage scores" says when the flag is raised; it rejects nothing
    ("Questions where no passage scores above threshold are flagged as content gaps for the docs team.",
     "content gaps", ""),
    ("If we don't calibrate, bids go wrong, so calibration stays.", "bids go wrong", ""),
])
def test_a_rejection_drops_what_follows_it_and_a_condition_does_not(sentence, kept, dropped):
    said = affirmed(sentence)
    assert kept in said
    assert not dropped or dropped not in said


@pytest.mark.parametrize(("sentence", "dropped"), [
    # the reason for a dismissal names concepts, but proposes none of them
    ("I'd skip any delayed-feedback handling since most clicks come in within a minute anyway.", "clicks"),
    ("Feature drift detection is overkill, the model is retrained daily.", "retrained"),
    ("User history sequences I'd also hold off on since they're expensive to store.", "history"),
    # a rejection of "it" takes back the clause before it
    ("Gradient boosting would beat the logistic regression, but I don't think it's worth the effort.", "boosting"),
    ("Profile overlap is noisy, so there's little point engineering it.", "overlap"),
])
def test_a_dismissal_affirms_neither_the_thing_nor_its_reasons(sentence, dropped):
    assert dropped not in affirmed(sentence).lower()
    assert dismisses(sentence)


@pytest.mark.parametrize(("sentence", "kept"), [
    ("I'd use a time-based split rather than a random one, because a random split leaks the future.", "leaks"),
    ("Articles are re-indexed on edit, not nightly, since 60 change a week.", "60 change a week"),
])
def test_a_rejection_that_chooses_keeps_the_choice_and_its_reason(sentence, kept):
    assert kept in affirmed(sentence)
    assert not dismisses(sentence)


def test_an_alternative_named_after_a_dismissal_is_kept():
    said = affirmed("A two-tower model is not a good choice here, so instead a plain ranker over all items.")
    assert "ranker" in said
    assert "two-tower" not in said


def test_an_answer_that_mostly_dismisses_the_step_waves_it_away_and_one_that_chooses_does_not():
    dismissive = ("I wouldn't bother with drift monitoring here. Scheduled retraining isn't needed either, since the "
                  "model saw 13 months of logs. A holdback group would be a waste of traffic. We'd watch revenue.")
    choosing = ("I'd retrain daily rather than weekly, because tastes move fast. I'd monitor the feature "
                "distributions against the training window with a PSI alert. A 1% holdback measures long-term "
                "effects instead of a one-off A/B test. We don't need a separate fairness dashboard yet.")
    assert waves_away(dismissive)
    assert not waves_away(choosing)


def test_what_a_design_achieves_is_no_dismissal():
    """'so calibration isn't broken' says what the correction is for; the answer proposes throughout."""
    answer = ("I'd keep all clicks, downsample negatives to 10%, and correct the predicted probabilities afterwards "
              "so calibration isn't broken. For splitting I'd go by time, so no future information leaks into "
              "training.")
    assert not waves_away(answer)
    assert not any(dismisses(s) for s in answer.split(". "))
    assert "calibration" in affirmed(answer.split(". ")[0])
