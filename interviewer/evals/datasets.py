"""The eval datasets in evals/: labelled scoring items and scripted interviewer scenarios."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from interviewer import paths
from interviewer.jsonl import read_jsonl

Quality = Literal["strong", "good", "mixed", "weak", "empty", "gibberish", "idk", "padded", "buzzwords", "injection"]


class ScoringItem(BaseModel):
    id: str
    case: str
    step: str
    quality: Quality
    split: Literal["dev", "heldout"]
    answer: str
    gold: dict[str, int]
    covers: list[str]


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
    folder = folder or paths.evals_dir() / "scoring"
    items = [i for p in sorted(folder.glob("*.jsonl")) for _, i in read_jsonl(p, ScoringItem)]
    return [i for i in items if split == "all" or i.split == split]


def load_scenarios(folder: Path | None = None) -> list[Scenario]:
    folder = folder or paths.evals_dir() / "interviewer"
    return [s for p in sorted(folder.glob("*.jsonl")) for _, s in read_jsonl(p, Scenario)]

