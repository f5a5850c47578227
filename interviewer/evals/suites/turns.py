"""The turns suite: does the engine read what a candidate is doing? Candidate turns written blind (writers
saw the intents, never the classifier), each with its intent, are classified as the engine classifies
them (the case's topic words, the step it is in). A turn read wrongly gets the wrong move: "can you
rephrase?" answered with the same question, an opinion request answered with "assume", an answer taken
for small talk. Split dev (tuned on) and test (run and reported, never tuned on), by writer."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from interviewer import paths
from interviewer.config import Settings
from interviewer.domain.steps import StepId
from interviewer.engine.classify import Classification, case_texts, classify, topic_words
from interviewer.evals.models import EvalContext, ItemResult
from interviewer.jsonl import read_jsonl

Intent = Literal["answer", "clarifying_question", "opinion_request", "rephrase_request", "hint_request",
                 "dont_know", "move_on", "wrap_up_request", "off_topic"]
INTENTS: tuple[Intent, ...] = get_args(Intent)


class WrittenTurn(BaseModel):
    id: str
    case: str
    step: StepId
    question: str = Field(min_length=3)
    text: str = Field(min_length=1)
    label: Intent


def load_turns(split: str = "all", folder: Path | None = None) -> list[WrittenTurn]:
    folder = folder or paths.evals_dir() / "interviewer" / "turns"
    names = ["dev", "test"] if split in ("all", "regression") else [split]
    return [turn for name in names for _, turn in read_jsonl(folder / f"{name}.jsonl", WrittenTurn)]


def intent(reading: Classification) -> str:
    """The engine's reading of a turn in the writers' terms ("I don't know" is an answer that declines)."""
    if reading.kind == "answer" and reading.declined:
        return "dont_know"
    return reading.kind


class TurnResult(ItemResult):
    case: str
    step: str
    text: str
    label: str
    read_as: str


class TurnsSuite:
    name = "turns"
    item_model = TurnResult

    def uses_model(self, settings: Settings) -> bool:
        return False  # the rules the engine runs by default (engine.classifier = rules)

    def config(self, ctx: EvalContext) -> dict[str, Any]:
        return {"classifier": "rules", "split": ctx.split, "prompt_version": "-", "model": "-"}

    async def run(self, ctx: EvalContext) -> list[TurnResult]:
        cases = ctx.runtime.cases
        vocabulary = {slug: topic_words(case_texts(case), [case_texts(c) for c in cases.values() if c is not case])
                      for slug, case in cases.items()}
        return [TurnResult(id=t.id, case=t.case, step=t.step, text=t.text, label=t.label,
                           read_as=intent(classify(t.text, vocabulary[t.case], t.step)))
                for t in load_turns(ctx.split)]

    def summarize(self, items: Sequence[TurnResult]) -> dict[str, float]:
        out: dict[str, float] = {"turns": float(len(items))}
        if not items:
            return out
        out["accuracy"] = statistics.fmean(i.read_as == i.label for i in items)
        recalls = []
        for label in INTENTS:
            rows = [i for i in items if i.label == label]
            if rows:
                out[f"recall_{label}"] = statistics.fmean(i.read_as == label for i in rows)
                recalls.append(out[f"recall_{label}"])
        out["macro_recall"] = statistics.fmean(recalls)
        # the costly mistake: a real answer (or question) read as a request, so the candidate's content is
        # not credited or the question is not answered
        content = [i for i in items if i.label in ("answer", "clarifying_question")]
        if content:
            out["content_read_as_request"] = statistics.fmean(
                i.read_as not in ("answer", "clarifying_question") for i in content)
        return out

    def regression(self, old: TurnResult, new: TurnResult) -> str | None:
        if old.read_as == old.label and new.read_as != new.label:
            return f"{new.id}: {new.text[:60]!r} is now read as {new.read_as} (it is {new.label})"
        return None

