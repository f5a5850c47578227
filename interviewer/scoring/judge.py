"""The chat model's rubric judgement, for models capable of it. Its evidence is validated like ours: a
quote not found in the turn it names fails validation, the model is told and asked again, and after the
allowed retries the criterion falls back to the coverage score."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from interviewer.domain.session import Turn
from interviewer.prompts import PromptSet
from interviewer.providers import ChatProvider, system, user
from interviewer.scoring.rubric import Criterion
from interviewer.scoring.scorecard import CriterionScore, Evidence

MAX_TRANSCRIPT_CHARS = 6000


class JudgedQuote(BaseModel):
    turn_id: str
    quote: str


class Judgement(BaseModel):
    """The model's verdict on one criterion, with quotes from the candidate's turns."""

    level: int = Field(ge=1, le=4)
    justification: str = Field(min_length=5, max_length=600)
    evidence: list[JudgedQuote] = Field(default_factory=list, max_length=3)

    @model_validator(mode="after")
    def needs_evidence(self) -> Judgement:
        if self.level > 1 and not self.evidence:
            raise ValueError("a level above 1 needs at least one quote")
        return self


def judgement_model(candidate_turns: dict[str, str]) -> type[Judgement]:
    """A Judgement schema whose quotes are checked against this transcript."""

    class CheckedQuote(JudgedQuote):
        @model_validator(mode="after")
        def in_turn(self) -> CheckedQuote:
            if self.quote.strip() == "" or self.quote not in candidate_turns.get(self.turn_id, ""):
                raise ValueError(f"quote not found verbatim in the candidate's turn {self.turn_id}")
            return self

    class CheckedJudgement(Judgement):
        evidence: list[CheckedQuote] = Field(default_factory=list, max_length=3)  # type: ignore[assignment]

    return CheckedJudgement


def transcript_for(criterion: Criterion, turns: list[Turn]) -> str:
    chosen = [t for t in turns if t.role == "candidate" and (criterion.scope == "cross" or t.phase == criterion.scope)]
    lines, used = [], 0
    for t in chosen:
        line = f"[{t.id}] {t.text.strip()}"
        if used + len(line) > MAX_TRANSCRIPT_CHARS:
            break
        lines.append(line)
        used += len(line)
    return "\n".join(lines) or "(the candidate said nothing in this part)"


async def judge_criterion(
    provider: ChatProvider, prompts: PromptSet, criterion: Criterion, turns: list[Turn], candidate_turns: dict[str, str]
) -> CriterionScore:
    """The model's score for one criterion. Raises ProviderError when the model cannot give a valid one
    (StructuredOutputError after the retries); the caller keeps the coverage score and says so."""
    levels = "\n".join(f"{i}. {text}" for i, text in enumerate(criterion.levels, start=1))
    messages = [
        system(prompts.render("judge_system")),
        user(prompts.render("judge", criterion=criterion.title, levels=levels,
                            transcript=transcript_for(criterion, turns))),
    ]
    result = await provider.structured(messages, judgement_model(candidate_turns), max_tokens=300)
    return CriterionScore(
        criterion=criterion.id, title=criterion.title, scope=criterion.scope, level=result.level,
        justification=result.justification,
        evidence=[Evidence(turn_id=e.turn_id, quote=e.quote) for e in result.evidence], source="judge",
    )
