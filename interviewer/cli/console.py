"""Headless interviews for `run` and `resume`: a scripted candidate (JSONL) or a plain console, through
the real engine. Everything printed is text, never terminal control; what the candidate types is saved
as a draft until it is sent, and Ctrl-C stops cleanly with the way back printed."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from pydantic import BaseModel, Field

from interviewer.engine import events as ev
from interviewer.engine.interview import Interview
from interviewer.jsonl import read_jsonl
from interviewer.storage.errors import StorageError
from interviewer.text import printable


class ScriptLine(BaseModel):
    text: str
    elapsed_s: float | None = Field(default=None, ge=0)


class ScriptError(ValueError):
    """A script line that is not `{"text": ..., "elapsed_s": ...}`; the message names file and line."""


def read_script(path: Path) -> list[ScriptLine]:
    return [line for _, line in read_jsonl(path, ScriptLine, expected='{"text": ..., "elapsed_s": ...}',
                                           error=ScriptError)]


Printer = Callable[[str], None]
INTERRUPTED = 130
"""The exit status after Ctrl-C, as shells expect."""


def print_now(text: str) -> None:
    """Write to the terminal at once (a streamed reply shows as it comes), with control characters out."""
    sys.stdout.write(printable(text))
    sys.stdout.flush()


async def _drain(events: AsyncIterator[ev.Event], out: Printer | None, echo_candidate: bool = True) -> None:
    streamed = ""
    async for event in events:
        if out is None:
            continue
        if isinstance(event, ev.TurnStarted):
            out(f"\n[{event.phase}] interviewer: ")
            streamed = ""
        elif isinstance(event, ev.Token):
            streamed += event.text
            out(event.text)
        elif isinstance(event, ev.InterviewerTurnDone) and streamed.strip() != event.turn.text.strip():
            # what was said is the turn's text: after a failed phrasing, or a model that said nothing
            out(f"\n  (phrasing replaced by the engine's draft) {event.turn.text}" if streamed.strip()
                else event.turn.text)
        elif isinstance(event, ev.StepChanged):
            out(f"\n--- step: {event.current} ---")
        elif isinstance(event, ev.TimeWarning):
            out(f"\n(about {event.remaining_s / 60:.0f} min left in {event.phase})")
        elif isinstance(event, ev.EngineError):
            out(f"\n(notice: {event.message})")
        elif isinstance(event, ev.CandidateTurnSaved) and echo_candidate:
            out(f"\n[{event.turn.phase}] candidate: {event.turn.text[:500]}")


async def run_script(interview: Interview, script: list[ScriptLine], out: Printer | None = None) -> None:
    """Each line is committed, then answered; a StorageError stops the run (the script still has it)."""
    await _drain(interview.open(), out)
    for line in script:
        if interview.finished:
            break
        await _drain(interview.submit(line.text, line.elapsed_s), out)
    if out:
        out("\n")


def _resume_hint(interview: Interview) -> str:
    return f"Continue with: interviewer resume {interview.session_id}"


def _keep_draft(interview: Interview, text: str, out: Printer) -> None:
    """Save what was typed but not sent; if even that fails, show it so it can be copied."""
    if not text:
        return
    try:
        interview.save_draft(text)
    except StorageError as exc:
        out(f"\n{exc}\nYour unsent text was not saved; here it is:\n{text}\n")


def run_console(interview: Interview, read: Callable[[str], str] = input, out: Printer = print_now) -> int:
    """A line-by-line interview in a plain terminal: an empty line sends what was typed. Ctrl-D leaves and
    Ctrl-C stops (both keep the unsent text as the session's draft); returns the exit status."""
    lines: list[str] = interview.draft.splitlines() if interview.draft else []
    with asyncio.Runner() as runner:
        try:
            runner.run(_drain(interview.open(), out))
        except KeyboardInterrupt:
            out(f"\nStopped. {_resume_hint(interview)}\n")
            return INTERRUPTED
        while not interview.finished:
            out("\n\nyou (finish with an empty line)> ")
            if lines:
                out("\n".join(lines) + "\n")
            try:
                while True:
                    line = read("")
                    if not line and lines:
                        break
                    if line:
                        lines.append(line)
            except EOFError:
                _keep_draft(interview, "\n".join(lines), out)
                out(f"\nSaved. {_resume_hint(interview)}\n")
                return 0
            except KeyboardInterrupt:
                _keep_draft(interview, "\n".join(lines), out)
                kept = " Your unsent text is kept as a draft." if lines else ""
                out(f"\nStopped.{kept} {_resume_hint(interview)}\n")
                return INTERRUPTED
            try:
                turn = interview.record("\n".join(lines))
            except StorageError as exc:
                out(f"\nerror: {exc}\nYour answer was not sent (it is above): fix that, then press Enter to "
                    "send it again, or Ctrl-D to stop.")
                continue
            lines = []
            try:
                runner.run(_drain(interview.respond(turn), out, echo_candidate=False))
            except KeyboardInterrupt:
                out(f"\nStopped while the interviewer was replying; your answer is saved. {_resume_hint(interview)}\n")
                return INTERRUPTED
            except StorageError as exc:
                out(f"\nerror: {exc}\nYour answer is saved; the reply is made when you resume. "
                    f"{_resume_hint(interview)}\n")
                return 1
    out("\n")
    return 0
