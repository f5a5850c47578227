"""What the engine tells its consumers (the TUI, the headless runner, the evals). Plain dataclasses: the
TUI turns them into Textual messages, the runner into JSON."""

from __future__ import annotations

from dataclasses import dataclass

from interviewer.domain.session import Turn
from interviewer.domain.steps import PhaseId


@dataclass(frozen=True)
class TurnStarted:
    role: str
    phase: PhaseId


@dataclass(frozen=True)
class Token:
    text: str


@dataclass(frozen=True)
class CandidateTurnSaved:
    turn: Turn


@dataclass(frozen=True)
class InterviewerTurnDone:
    turn: Turn
    replaced: bool = False
    """True when the streamed phrasing failed a check and the engine's own draft was used instead."""


@dataclass(frozen=True)
class StepChanged:
    previous: PhaseId
    current: PhaseId


@dataclass(frozen=True)
class TimeWarning:
    phase: PhaseId
    remaining_s: float


@dataclass(frozen=True)
class EngineError:
    message: str
    recoverable: bool = True


@dataclass(frozen=True)
class SessionFinished:
    session_id: str


Event = (TurnStarted | Token | CandidateTurnSaved | InterviewerTurnDone | StepChanged | TimeWarning | EngineError
         | SessionFinished)
