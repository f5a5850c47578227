"""What a sentence affirms: a rejection drops what follows it, a negation inside a condition does not."""

import pytest

from interviewer.negation import affirmed


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
