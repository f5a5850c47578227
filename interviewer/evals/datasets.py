"""The eval datasets in evals/: labelled scoring items and scripted interviewer scenarios."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from interviewer import locations

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


def _read_jsonl(path: Path, model: type[BaseModel]) -> list:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(model.model_validate_json(line))
        except ValidationError as exc:
            raise ValueError(f"{path}:{number}: {exc.errors()[0]['msg']}") from None
    return out


def load_scoring_items(split: str = "all", folder: Path | None = None) -> list[ScoringItem]:
    folder = folder or locations.evals_dir() / "scoring"
    items = [i for p in sorted(folder.glob("*.jsonl")) for i in _read_jsonl(p, ScoringItem)]
    return [i for i in items if split == "all" or i.split == split]


def load_scenarios(folder: Path | None = None) -> list[Scenario]:
    folder = folder or locations.evals_dir() / "interviewer"
    return [s for p in sorted(folder.glob("*.jsonl")) for s in _read_jsonl(p, Scenario)]


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)
