"""The rubric as data (knowledge/rubric.toml), and the deterministic rules that turn criterion levels into
a hire signal and a level estimate: never left to the model."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, Field, ValidationError, model_validator

from interviewer import paths
from interviewer.domain.steps import STEP_IDS

HireSignal = Literal["strong_no_hire", "no_hire", "lean_no_hire", "lean_hire", "hire", "strong_hire"]
LevelEstimate = Literal["below mid-level", "mid-level", "senior", "staff"]
"""'below mid-level': too little was shown to pass even a mid-level bar; a near-empty interview is not
read as a mid-level one."""


class Criterion(BaseModel):
    id: str
    scope: str
    """A step id, or "cross" for cross-cutting criteria."""
    title: str
    levels: list[str] = Field(min_length=4, max_length=4)

    def describe(self, level: int) -> str:
        return self.levels[level - 1]


class HireRule(BaseModel):
    signal: HireSignal
    min_mean: float
    min_step_level: int = 1


class LevelRule(BaseModel):
    level: LevelEstimate
    min_mean: float
    min_criterion: dict[str, int] = Field(default_factory=dict)


class Rubric(BaseModel):
    version: str
    step_thresholds: list[float] = Field(min_length=3, max_length=3)
    max_level_after_hint: int = Field(ge=1, le=4)
    max_level_without_reasoning: int = Field(default=4, ge=1, le=4)
    max_level_with_unsound_claim: int = Field(default=4, ge=1, le=4)
    """A step that makes a claim that does not hold (knowledge/challenges.md) and never handles it cannot
    score above this: the right words around a random split of time-ordered data are not a sound design."""
    min_words_for_hire: int = Field(default=0, ge=0)
    min_reasons_for_top: int = Field(default=0, ge=0)
    asking_steps: list[str] = Field(default_factory=list)
    """Steps where asking the right questions is the substance: there a covered point counts as the
    reasoning level 3 needs (level 4 still needs reasons)."""
    min_words_for_top: int = Field(default=0, ge=0)
    mention_steps: list[str] = Field(default_factory=list)
    """Steps whose level 2 asks only that the subject is addressed ("says to monitor the model without
    saying what or how"): there an on-topic statement (a question, in an asking step) earns level 2 even
    when it covers no key point."""
    criteria: list[Criterion]
    hire_rules: list[HireRule]
    level_rules: list[LevelRule]

    @model_validator(mode="after")
    def complete(self) -> Rubric:
        scopes = [c.scope for c in self.criteria if c.scope != "cross"]
        if sorted(scopes) != sorted(STEP_IDS):
            raise ValueError("the rubric needs exactly one criterion per step")
        if not self.hire_rules or self.hire_rules[-1].min_mean > 0:
            raise ValueError("the last hire rule must be a catch-all (min_mean = 0)")
        if not self.level_rules or self.level_rules[-1].min_mean > 0 or self.level_rules[-1].min_criterion:
            raise ValueError("the last level rule must be a catch-all")
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def step_level(self, share: float, evidence: bool, hinted: bool, reasons: int | None = None,
                   words: int | None = None, addressed: bool = False) -> int:
        """`reasons`: sentences in the step giving a why, a trade-off or a number; `words`: what the
        candidate said in it. None means not counted (no cap). `addressed`: the step's subject was
        addressed on topic, which is level 2 in a mention step."""
        if not evidence:
            return 2 if addressed else 1
        level = 1 + sum(1 for t in self.step_thresholds if share >= t)
        if hinted:
            level = min(level, self.max_level_after_hint)
        if reasons is not None and reasons == 0:
            level = min(level, self.max_level_without_reasoning)
        if level == 4 and ((reasons is not None and reasons < self.min_reasons_for_top)
                           or (words is not None and words < self.min_words_for_top)):
            level = 3
        return level

    def hire_signal(self, levels: dict[str, int], words: int | None = None) -> HireSignal:
        """`words`: how much the candidate said; too little caps the signal below hire."""
        mean = sum(levels.values()) / len(levels)
        lowest_step = min(levels[c.id] for c in self.criteria if c.scope != "cross")
        signal = next((rule.signal for rule in self.hire_rules
                       if mean >= rule.min_mean and lowest_step >= rule.min_step_level), self.hire_rules[-1].signal)
        if words is not None and words < self.min_words_for_hire:
            order = list(get_args(HireSignal))
            signal = order[min(order.index(signal), order.index("lean_no_hire"))]
        return signal

    def level_estimate(self, levels: dict[str, int]) -> LevelEstimate:
        mean = sum(levels.values()) / len(levels)
        for rule in self.level_rules:
            if mean >= rule.min_mean and all(levels.get(c, 0) >= v for c, v in rule.min_criterion.items()):
                return rule.level
        return self.level_rules[-1].level


class RubricError(Exception):
    """The rubric file is missing or invalid; the message names the file."""


RUBRIC_FILE = "rubric.toml"
"""The rubric's file name inside the knowledge folder."""


@lru_cache(maxsize=4)
def load_rubric(path: Path | None = None) -> Rubric:
    """The rubric at `path` (default: the shipped knowledge's)."""
    path = path or paths.knowledge_dir() / RUBRIC_FILE
    try:
        return Rubric.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise RubricError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{path}: not valid TOML ({exc})") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise RubricError(f"{path}: {problems}") from None
