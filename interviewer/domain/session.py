"""A session's durable shape: turns, and the engine state saved after every turn."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from interviewer.domain.steps import PhaseId

Role = Literal["interviewer", "candidate"]
TurnKind = Literal["clarifying_question", "answer", "move_on", "hint_request", "off_topic", "empty", "interviewer",
                   "rephrase_request", "opinion_request", "wrap_up_request"]
Status = Literal["active", "finished"]


class Turn(BaseModel):
    seq: int
    role: Role
    phase: PhaseId
    text: str
    kind: TurnKind = "interviewer"
    move: str = ""
    """For interviewer turns: the policy's move (answer_fact, probe, follow_up, advance, ...)."""
    elapsed_s: float = 0.0
    meta: dict = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"t{self.seq}"


class StepProgress(BaseModel):
    spent_s: float = 0.0
    covered: dict[str, int] = Field(default_factory=dict)
    """key point id -> seq of the candidate turn that covered it."""
    worded: list[str] = Field(default_factory=list)
    """Covered points the candidate said in the point's own words (cue phrases): the only ones the
    interviewer names back to them, since an embedding match can be a near miss."""
    followups: list[str] = Field(default_factory=list)
    probes: list[str] = Field(default_factory=list)
    challenges: list[str] = Field(default_factory=list)
    """Ids of the claims questioned in this step (knowledge/challenges.md): one per step, each once."""
    hints: list[str] = Field(default_factory=list)
    candidate_turns: int = 0
    warned: bool = False


class SessionState(BaseModel):
    phase: PhaseId = "intro"
    phase_started_s: float = 0.0
    elapsed_s: float = 0.0
    visited: list[PhaseId] = Field(default_factory=lambda: list[PhaseId](["intro"]))
    steps: dict[str, StepProgress] = Field(default_factory=dict)
    answered_facts: dict[str, str] = Field(default_factory=dict)
    """Fact key -> the sentences of it the interviewer has said, so a second ask gets "As I said"."""
    asked: list[str] = Field(default_factory=list)
    """Normalised questions the interviewer has asked, so none is asked twice."""
    echoed: list[str] = Field(default_factory=list)
    """The candidate's terms the interviewer has named back (lower case), so none is named twice."""
    mentioned: list[str] = Field(default_factory=list)
    """Key points the candidate came near without earning them: never asked for (asking for what was just
    said is the worst way not to listen), never credited."""
    declined: list[str] = Field(default_factory=list)
    """Key point or probe ids the candidate declined; never asked again."""
    narrowed: list[str] = Field(default_factory=list)
    """Key point or probe ids whose easier part (`Smaller:`) was asked after "I don't know"; asked once."""
    settled: list[str] = Field(default_factory=list)
    """Probe ids the candidate's own words already answered; never asked."""
    last_question: str = ""
    last_again: str = ""
    """A second wording of the last question when it came from outside the case file (a challenge), for
    "can you rephrase?"."""
    last_item: str = ""
    """Id of the key point or probe the last question was about (so "I don't know" can decline it)."""
    last_move: str = ""
    """The kind of the interviewer's last move (a second "can you rephrase?" in a row gets an easier part)."""
    redirected: bool = False
    finished: bool = False
    drill: str | None = None
    """A drill practises one step: the session opens there and wraps up after it."""

    turns_said: int = 0
    """Interviewer lines so far."""
    move_counts: dict[str, int] = Field(default_factory=dict)
    """How often each kind of move was made: picks the next of its wordings, so none repeats until all
    have been said, and a replay says the same."""

    def progress(self, phase: str) -> StepProgress:
        return self.steps.setdefault(phase, StepProgress())

    def challenged(self) -> list[str]:
        """Every claim questioned so far, in any step."""
        return [c for p in self.steps.values() for c in p.challenges]

    def covered(self, key_point_id: str) -> bool:
        """Said anywhere in the interview: a point made early is not asked for again later."""
        return any(key_point_id in p.covered for p in self.steps.values())

    @property
    def hints_used(self) -> int:
        return sum(len(p.hints) for p in self.steps.values())


class SessionInfo(BaseModel):
    id: str
    case: str
    status: Status
    prompt_version: str
    model: str
    practice: bool
    created_at: str
    updated_at: str
    phase: PhaseId
    elapsed_s: float
    turns: int = 0
    score: str | None = None
    score_partial: bool = False
    """The scorecard was made before the interview finished."""
