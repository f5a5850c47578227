"""Headless interviews for `run` and `resume`: a scripted candidate (JSONL) or a plain console, through
the real engine."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from pydantic import BaseModel, Field

from interviewer.engine import events as ev
from interviewer.engine.interview import Interview
from interviewer.jsonl import read_jsonl


class ScriptLine(BaseModel):
    text: str
    elapsed_s: float | None = Field(default=None, ge=0)


class ScriptError(ValueError):
    """A script line that is not `{"text": ..., "elapsed_s": ...}`; the message names file and line."""


def read_script(path: Path) -> list[ScriptLine]:
    return [line for _, line in read_jsonl(path, ScriptLine, expected='{"text": ..., "elapsed_s": ...}',
                                           error=ScriptError)]


Printer = Callable[[str], None]


def print_now(text: str) -> None:
    """Write to the terminal at once (a streamed reply shows as it comes)."""
    sys.stdout.write(text)
    sys.stdout.flush()


async def _drain(events: AsyncIterator[ev.Event], out: Printer | None, echo_candidate: bool = True) -> None:
    async for event in events:
        if out is None:
            continue
        if isinstance(event, ev.TurnStarted):
            out(f"\n[{event.phase}] interviewer: ")
        elif isinstance(event, ev.Token):
            out(event.text)
        elif isinstance(event, ev.InterviewerTurnDone) and event.replaced:
            out(f"\n  (phrasing replaced by the engine's draft) {event.turn.text}")
        elif isinstance(event, ev.StepChanged):
            out(f"\n--- step: {event.current} ---")
        elif isinstance(event, ev.TimeWarning):
            out(f"\n(about {event.remaining_s / 60:.0f} min left in {event.phase})")
        elif isinstance(event, ev.EngineError):
            out(f"\n(notice: {event.message})")
        elif isinstance(event, ev.CandidateTurnSaved) and echo_candidate:
            out(f"\n[{event.turn.phase}] candidate: {event.turn.text[:500]}")


async def run_script(interview: Interview, script: list[ScriptLine], out: Printer | None = None) -> None:
    await _drain(interview.open(), out)
    for line in script:
        if interview.finished:
            break
        await _drain(interview.submit(line.text, line.elapsed_s), out)
    if out:
        out("\n")


async def run_console(interview: Interview, read: Callable[[str], str] = input) -> None:
    """A line-by-line interview in a plain terminal: an empty line sends what was typed; Ctrl-D leaves
    (the session stays resumable)."""
    out = print_now
    await _drain(interview.open(), out)
    while not interview.finished:
        out("\n\nyou (finish with an empty line)> ")
        lines: list[str] = []
        try:
            while True:
                line = read("")
                if not line and lines:
                    break
                if line:
                    lines.append(line)
        except EOFError:
            if not lines:
                out(f"\nSaved. Continue with: interviewer resume {interview.session_id}\n")
                return
        await _drain(interview.submit("\n".join(lines)), out, echo_candidate=False)
    out("\n")

