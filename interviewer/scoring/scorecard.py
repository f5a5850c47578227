"""The scorecard. Evidence quotes are checked against the transcript by a validator: a quote that is not
in the candidate turn it names is rejected, and a level above the lowest needs evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from interviewer.scoring.rubric import HireSignal, LevelEstimate


class Evidence(BaseModel):
    turn_id: str
    quote: str = Field(min_length=3)

    @model_validator(mode="after")
    def quote_is_in_the_turn(self, info: ValidationInfo) -> Evidence:
        turns: dict[str, str] | None = (info.context or {}).get("candidate_turns")
        if turns is not None:
            text = turns.get(self.turn_id)
            if text is None:
                raise ValueError(f"{self.turn_id} is not one of the candidate's turns")
            if self.quote not in text:
                raise ValueError(f"the quote is not in {self.turn_id}: {self.quote[:60]!r}")
        return self


class CriterionScore(BaseModel):
    criterion: str
    title: str
    scope: str
    level: int = Field(ge=1, le=4)
    justification: str
    evidence: list[Evidence] = Field(default_factory=list)
    source: Literal["coverage", "judge", "combined"] = "coverage"

    @model_validator(mode="after")
    def credit_needs_evidence(self) -> CriterionScore:
        if self.level > 1 and not self.evidence:
            raise ValueError(f"{self.criterion}: a level above 1 needs evidence")
        return self


class StepResult(BaseModel):
    step: str
    title: str
    level: int
    covered: list[str]
    missed: list[str]
    hinted: list[str]
    time_s: float
    said_elsewhere: dict[str, str] = Field(default_factory=dict)
    """Covered points said in another step: key point id -> the step it was said in."""


class MissedPoint(BaseModel):
    key_point_id: str
    step: str
    title: str
    text: str
    pointer: str
    """Where the knowledge covers it: file:line and the chunk id for `interviewer kb search`."""


class Improvement(BaseModel):
    text: str
    criterion: str


class Scorecard(BaseModel):
    session_id: str
    case: str
    case_title: str
    rubric_version: str
    settings_key: str
    criteria: list[CriterionScore]
    steps: list[StepResult]
    hire_signal: HireSignal
    level_estimate: LevelEstimate
    strengths: list[str]
    improvements: list[Improvement] = Field(min_length=0, max_length=5)
    missed_key_points: list[MissedPoint]
    hints_used: int
    total_time_s: float
    partial: bool = False
    """Scored before the interview finished: labelled as such, and kept out of history's trends."""
    notes: list[str] = Field(default_factory=list)
    """What the reader must know about how this card was made (a judge that failed, a partial session)."""

    @field_validator("criteria")
    @classmethod
    def unique(cls, criteria: list[CriterionScore]) -> list[CriterionScore]:
        ids = [c.criterion for c in criteria]
        if len(ids) != len(set(ids)):
            raise ValueError("a criterion is scored twice")
        return criteria

    def levels(self) -> dict[str, int]:
        return {c.criterion: c.level for c in self.criteria}

    def public_json(self) -> dict:
        """The documented JSON (`score --json`): the scorecard, plus the covered and missed key point ids
        per step at the top level."""
        data = self.model_dump(mode="json")
        data["covered"] = {s.step: s.covered for s in self.steps}
        data["missed"] = {s.step: s.missed for s in self.steps}
        return data
