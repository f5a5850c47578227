"""What a case study, the framework and the trade-off catalogue hold. Every knowledge file must pass
these models; `interviewer kb validate` reports each failure with its file and line."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator, model_validator

from interviewer.domain.steps import STEP_IDS, StepId

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
LOCAL_ID = r"^[a-z0-9]+([.-][a-z0-9]+)*$"
REQUIRED_FACTS = ("users", "traffic", "catalogue", "latency", "data", "labels", "constraints", "goal")


def _again_is_a_question(again: str) -> str:
    if again.strip() and not again.strip().endswith("?"):
        raise ValueError("the Again: line must be a question ending with '?'")
    return again.strip()


Again = Annotated[str, AfterValidator(_again_is_a_question)]
"""An optional second wording of a question (key points' Ask:, probes' Question:)."""


def _smaller_is_a_question(smaller: str) -> str:
    if smaller.strip() and not smaller.strip().endswith("?"):
        raise ValueError("the Smaller: line must be a question ending with '?'")
    return smaller.strip()


Smaller = Annotated[str, AfterValidator(_smaller_is_a_question)]
"""An optional easier part of a question, asked when the candidate says they don't know: one concrete
piece they can answer, which neither names the point nor gives the answer."""


class Located(BaseModel):
    """Anything parsed from a file remembers its line, so problems can point at it."""

    line: int = Field(default=0, exclude=True, repr=False)


class Fact(Located):
    key: str = Field(pattern=LOCAL_ID)
    label: str = Field(min_length=2)
    text: str = Field(min_length=10)
    asked: list[str] = Field(default_factory=list)
    """Questions a candidate might ask that this fact answers, in candidates' words (the `Asked:` line): a
    question is nearer in meaning to another question than to the sentence that answers it."""


class KeyPoint(Located):
    id: str = Field(pattern=LOCAL_ID)
    step: StepId
    title: str = Field(min_length=3)
    text: str = Field(min_length=20)
    cues: list[str] = Field(min_length=2)
    """Words or short phrases whose presence in an answer suggests the point is covered."""
    ask: str
    """A follow-up question that steers toward the point without giving it away."""
    again: Again = ""
    """The same question in other words (the `Again:` line), for "can you rephrase?"."""
    smaller: Smaller = ""
    """An easier piece of the question (the `Smaller:` line), for "I don't know"."""

    @field_validator("cues")
    @classmethod
    def cues_not_blank(cls, cues: list[str]) -> list[str]:
        cleaned = [c.strip().lower() for c in cues if c.strip()]
        if len(cleaned) < 2:
            raise ValueError("needs at least 2 non-empty cues")
        return cleaned

    @field_validator("ask")
    @classmethod
    def ask_is_a_question(cls, ask: str) -> str:
        if not ask.strip().endswith("?"):
            raise ValueError("the Ask: line must be a question ending with '?'")
        return ask.strip()

    @model_validator(mode="after")
    def id_names_its_step(self) -> KeyPoint:
        if not self.id.startswith(f"{self.step}."):
            raise ValueError(f"key point id '{self.id}' must start with '{self.step}.'")
        return self


class StepContent(Located):
    step: StepId
    key_points: list[KeyPoint] = Field(min_length=4, max_length=8)
    weak_answer: str = Field(min_length=30)
    deeper: list[str] = Field(default_factory=list)
    """Case-specific questions one level deeper (the `### Deeper` section), for a candidate who covered
    the step's key points in one go: better than a question any case could get."""


class Probe(Located):
    id: str = Field(pattern=LOCAL_ID)
    title: str = Field(min_length=5)
    step: StepId
    tradeoff: str | None = None
    """Id of the matching entry in knowledge/tradeoffs.md, when there is one."""
    triggers: list[str] = Field(min_length=2)
    question: str
    again: Again = ""
    """The same question in other words (the `Again:` line), for "can you rephrase?"."""
    smaller: Smaller = ""
    """An easier piece of the question (the `Smaller:` line), for "I don't know"."""
    considerations: str = Field(min_length=40)

    @field_validator("triggers")
    @classmethod
    def lower_triggers(cls, triggers: list[str]) -> list[str]:
        return [t.strip().lower() for t in triggers if t.strip()]

    @field_validator("question")
    @classmethod
    def question_mark(cls, question: str) -> str:
        if not question.strip().endswith("?"):
            raise ValueError("the Question: line must end with '?'")
        return question.strip()


class CaseHeader(Located):
    """A case file's front matter."""

    slug: str = Field(pattern=SLUG)
    title: str = Field(min_length=5)
    difficulty: Literal["easy", "medium", "hard"]
    practises: list[str] = Field(min_length=2)


class CaseStudy(CaseHeader):
    opening_prompt: str = Field(min_length=80)
    facts: list[Fact] = Field(min_length=len(REQUIRED_FACTS))
    assumptions: str = Field(min_length=40)
    open_questions: list[str] = Field(default_factory=list)
    """Questions a candidate may ask that the facts do not answer (the `## Not in the brief` section): a
    question that reads as close to one of these as to any fact's `Asked:` question gets "assume a value",
    not the nearest fact."""
    steps: dict[StepId, StepContent]
    probes: list[Probe] = Field(min_length=6)
    pitfalls: list[str] = Field(min_length=3)
    deep_dives: list[str] = Field(min_length=3)
    references: list[str] = Field(min_length=2)
    source: str = ""

    @model_validator(mode="after")
    def complete_and_unique(self) -> CaseStudy:
        keys = [f.key for f in self.facts]
        missing = [k for k in REQUIRED_FACTS if k not in keys]
        if missing:
            raise ValueError(f"scenario facts lack: {', '.join(missing)}")
        missing_steps = [s for s in STEP_IDS if s not in self.steps]
        if missing_steps:
            raise ValueError(f"missing steps: {', '.join(missing_steps)}")
        ids = [kp.id for s in self.steps.values() for kp in s.key_points] + [p.id for p in self.probes] + keys
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate ids: {', '.join(dupes)}")
        return self

    def key_points(self, step: str | None = None) -> list[KeyPoint]:
        return [kp for s in self.steps.values() for kp in s.key_points if step is None or kp.step == step]

    def key_point(self, kp_id: str) -> KeyPoint:
        for kp in self.key_points():
            if kp.id == kp_id:
                return kp
        raise KeyError(kp_id)

    def fact(self, key: str) -> Fact:
        return next(f for f in self.facts if f.key == key)

    def all_text(self) -> str:
        """Everything the case's knowledge file says: the words an answer about this case draws on."""
        parts = [self.title, self.opening_prompt, self.assumptions, *self.open_questions, *self.pitfalls,
                 *self.deep_dives, *(f"{f.text} {' '.join(f.asked)}" for f in self.facts)]
        for step in self.steps.values():
            parts += [step.weak_answer, *step.deeper, *(f"{kp.title} {kp.text} {' '.join(kp.cues)} {kp.ask} "
                                                        f"{kp.again} {kp.smaller}" for kp in step.key_points)]
        parts += [f"{p.title} {' '.join(p.triggers)} {p.question} {p.again} {p.smaller} {p.considerations}"
                  for p in self.probes]
        return " ".join(parts)


class Tradeoff(Located):
    id: str = Field(pattern=LOCAL_ID)
    title: str
    steps: list[StepId] = Field(min_length=1)
    sides: list[tuple[str, str]] = Field(min_length=2, max_length=2)
    """(side, when it wins) for each of the two sides."""
    strong_answer: str = Field(min_length=40)
    source: str = ""


class Challenge(Located):
    """A design claim an interviewer does not let pass, in any case: said in one of `steps` (any of `says`,
    affirmed), and not already argued in that step (none of `unless`), it is questioned once."""

    id: str = Field(pattern=LOCAL_ID)
    title: str = Field(min_length=5)
    steps: list[StepId] = Field(min_length=1)
    says: list[str] = Field(min_length=1)
    together: list[str] = Field(default_factory=list)
    """When given, one of these must be in the same sentence as the claim ("collaborative filtering" is a
    claim only next to "new videos" or "cold start")."""
    unless: list[str] = Field(default_factory=list)
    question: str
    again: Again = ""
    why: str = Field(min_length=40)
    """What a strong candidate knows about the claim (for whoever edits the file; never said)."""
    not_in: list[str] = Field(default_factory=list)
    """Case slugs where the claim is right ("maximise clicks" is the ad case's very task)."""
    source: str = ""

    @field_validator("says", "together", "unless")
    @classmethod
    def lower_phrases(cls, phrases: list[str]) -> list[str]:
        return [p.strip().lower() for p in phrases if p.strip()]

    @field_validator("question")
    @classmethod
    def is_a_question(cls, question: str) -> str:
        if not question.strip().endswith("?"):
            raise ValueError("the Question: line must end with '?'")
        return question.strip()


class FrameworkStep(Located):
    step: StepId
    title: str
    budget_minutes: int = Field(ge=1, le=20)
    listening_for: str = Field(min_length=40)
    strong_signals: str = Field(min_length=30)
    weak_signals: str = Field(min_length=30)
    common_mistakes: str = Field(min_length=30)


class Framework(Located):
    overview: str = Field(min_length=40)
    steps: list[FrameworkStep]
    source: str = ""

    @model_validator(mode="after")
    def all_steps_in_order(self) -> Framework:
        if [s.step for s in self.steps] != list(STEP_IDS):
            raise ValueError(f"framework steps must be, in order: {', '.join(STEP_IDS)}")
        total = sum(s.budget_minutes for s in self.steps)
        if total > 45:
            raise ValueError(f"step budgets add up to {total} minutes; the interview has 45")
        return self


def split_list(text: str) -> list[str]:
    """`a, b; c` -> ['a', 'b', 'c'] for Cues:, Triggers: and Steps: lines."""
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
