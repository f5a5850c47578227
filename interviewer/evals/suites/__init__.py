"""The suites, by name: the one registry the CLI, the run store and comparisons look suites up in."""

from __future__ import annotations

from typing import Any

from interviewer.evals.models import Suite
from interviewer.evals.suites.interviewer import InterviewerSuite
from interviewer.evals.suites.retrieval import RetrievalSuite
from interviewer.evals.suites.scoring import ScoringSuite
from interviewer.evals.suites.turns import TurnsSuite

SUITES: dict[str, Suite[Any]] = {
    s.name: s for s in (ScoringSuite(), InterviewerSuite(), RetrievalSuite(), TurnsSuite())
}


def get_suite(name: str) -> Suite[Any]:
    try:
        return SUITES[name]
    except KeyError:
        raise ValueError(f"unknown suite '{name}' (one of {', '.join(SUITES)})") from None
