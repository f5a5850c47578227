"""The eval datasets in evals/: the scoring benchmark (answers written and graded blind, split dev/test by
case), the scoring regression set (the project's own labelled answers), the scripted interviewer
scenarios and the held-out interviewer candidates (written blind, split dev/test by case)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from interviewer import paths
from interviewer.jsonl import read_jsonl

Quality = Literal["strong", "good", "mixed", "weak", "empty", "gibberish", "idk", "padded", "buzzwords", "injection"]


class ScoringItem(BaseModel):
    """A regression item: an answer this project wrote, with the levels and key points it meant to show."""

    id: str
    case: str
    step: str
    quality: Quality
    split: Literal["dev", "heldout"]
    answer: str
    gold: dict[str, int]
    covers: list[str]


Split = Literal["dev", "test"]
SIGNALS = ("strong_no_hire", "no_hire", "lean_no_hire", "lean_hire", "hire", "strong_hire")


class WriterLabel(BaseModel):
    """What the blind writer meant the answer to be (never shown to the graders)."""

    target: str
    special: str = ""
    """A deliberate test: wrong_case, negated, buzzword_list, buzzword_sentences, questions_only, terse,
    right_words_wrong_reasoning."""
    style: str = ""


class BenchmarkStep(BaseModel):
    """A step answer written by a writer who saw only the case's prompt and brief, graded 1-4 by two
    graders who saw the rubric's level descriptions and the brief (a third when they disagreed)."""

    id: str
    case: str
    split: Split
    step: str
    answer: str
    writer: WriterLabel
    grades: dict[str, int]
    gold: int = Field(ge=1, le=4)


class InterviewTurn(BaseModel):
    step: str
    text: str


class InterviewGrade(BaseModel):
    levels: dict[str, int]
    hire_signal: str


class BenchmarkInterview(BaseModel):
    """A whole interview written blind, with every criterion's level and a hire signal graded blind."""

    id: str
    case: str
    split: Split
    turns: list[InterviewTurn]
    writer: WriterLabel
    grades: dict[str, InterviewGrade]
    gold: InterviewGrade


class ScenarioTurn(BaseModel):
    text: str | None = None
    repeat: str | None = None
    times: int = Field(default=1, ge=1)
    elapsed_s: float | None = None

    def content(self) -> str:
        if self.repeat is not None:
            return " ".join([self.repeat] * self.times)
        return self.text or ""


class Scenario(BaseModel):
    id: str
    case: str
    turns: list[ScenarioTurn]
    expect: list[dict]


def load_scoring_items(split: str = "all", folder: Path | None = None) -> list[ScoringItem]:
    """The regression set (`split` is its own dev/heldout labelling, or all)."""
    folder = folder or paths.evals_dir() / "scoring" / "regression"
    items = [i for p in sorted(folder.glob("*.jsonl")) for _, i in read_jsonl(p, ScoringItem)]
    return [i for i in items if split == "all" or i.split == split]


class OutsideInterview(BaseModel):
    """A whole interview for a product outside the catalogue (credit risk, spam filtering, churn ...), written
    blind from the product's name alone: scored against any case, it is about another product."""

    id: str
    product: str
    turns: list[InterviewTurn]


def load_outside(folder: Path | None = None) -> list[OutsideInterview]:
    """The interviews for products outside the catalogue (evals/scoring/outside/)."""
    folder = folder or paths.evals_dir() / "scoring" / "outside"
    return [i for _, i in read_jsonl(folder / "interviews.jsonl", OutsideInterview)]


def load_benchmark(split: str = "all", folder: Path | None = None
                   ) -> tuple[list[BenchmarkStep], list[BenchmarkInterview]]:
    """The blind benchmark's step answers and whole interviews of one split (dev, test or all)."""
    folder = folder or paths.evals_dir() / "scoring" / "benchmark"
    steps = [s for _, s in read_jsonl(folder / "steps.jsonl", BenchmarkStep)]
    interviews = [i for _, i in read_jsonl(folder / "interviews.jsonl", BenchmarkInterview)]
    keep = (lambda item: True) if split == "all" else (lambda item: item.split == split)
    return [s for s in steps if keep(s)], [i for i in interviews if keep(i)]


def load_scenarios(folder: Path | None = None) -> list[Scenario]:
    """The scripted scenarios the engine was built against (part of the dev split)."""
    folder = folder or paths.evals_dir() / "interviewer"
    return [s for _, s in read_jsonl(folder / "scenarios.jsonl", Scenario)]


Intent = Literal["answer", "ask_fact", "ask_unknown", "wrong_fact", "rephrase", "opinion", "off_topic", "dont_know",
                 "move_on", "hint", "wrap_up", "injection"]


class CandidateTurn(BaseModel):
    """One message of a held-out candidate, with what its writer meant by it."""

    text: str
    intent: Intent
    expect: str = ""
    """For ask_fact and wrong_fact: the brief's figure or phrase a correct reply contains."""


class HeldoutCandidate(BaseModel):
    """A scripted candidate written by a writer who saw only the case's prompt, its brief and a persona
    (never the engine, the key points or the cues): turns per step, sent as the interview reaches it."""

    id: str
    case: str
    persona: str
    split: Split
    writer: str
    steps: dict[str, list[CandidateTurn]]


def load_candidates(split: str = "all", folder: Path | None = None) -> list[HeldoutCandidate]:
    """The held-out candidates of one split (dev, test or all)."""
    folder = folder or paths.evals_dir() / "interviewer"
    found = [c for _, c in read_jsonl(folder / "heldout.jsonl", HeldoutCandidate)]
    return [c for c in found if split == "all" or c.split == split]

