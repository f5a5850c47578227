"""Session commands: `run` (scripted or typed in the terminal), `resume`, `sessions`, `transcript`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer

from interviewer.cli.common import build_runtime, echo_json, fail, progress_printer, settings
from interviewer.cli.console import (
    INTERRUPTED,
    ScriptError,
    ScriptLine,
    print_now,
    read_script,
    run_console,
    run_script,
)
from interviewer.engine.interview import Interview
from interviewer.report.transcript import transcript_dict, transcript_markdown
from interviewer.runtime import Runtime
from interviewer.storage.errors import describe
from interviewer.storage.files import write_text
from interviewer.text import printable


def _script(path: Path | None) -> list[ScriptLine] | None:
    """The script's lines, read before any session is made (a bad script leaves nothing behind)."""
    if path is None:
        return None
    try:
        return read_script(path)
    except ScriptError as exc:
        fail(str(exc), 2)
    except OSError as exc:
        fail(str(describe(exc, path, "read the script")), 2)


def _drive(rt: Runtime, interview: Interview, script: list[ScriptLine] | None, as_json: bool) -> None:
    try:
        if script is not None:
            try:
                asyncio.run(run_script(interview, script, None if as_json else print_now))
            except KeyboardInterrupt:
                typer.echo(f"\nStopped. Continue with: interviewer resume {interview.session_id}", err=True)
                raise typer.Exit(INTERRUPTED) from None
        else:
            status = run_console(interview)
            if status:
                raise typer.Exit(status)
    finally:
        interview.close()
    if as_json:
        echo_json(transcript_dict(rt.store.load(interview.session_id)))
    elif script is not None:
        typer.echo(f"session {interview.session_id}: {'finished' if interview.finished else 'resumable'}")


def run(
    case: Annotated[str, typer.Option(help="Case study slug (see `interviewer cases`).")],
    script: Annotated[Path | None, typer.Option(
        help="JSONL of candidate turns: {\"text\": ..., \"elapsed_s\": ...}.")] = None,
    practice: Annotated[bool, typer.Option(help="No clock: steps move on by coverage or when asked.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON at the end.")] = False,
) -> None:
    """Run an interview headless: a scripted candidate, or typed in this terminal without --script."""
    config = settings()
    rt = build_runtime(config)
    if case not in rt.cases:
        raise typer.BadParameter(f"no case '{case}' (known: {', '.join(sorted(rt.cases))})", param_hint="--case")
    lines = _script(script)
    interview = rt.start(case, practice=practice or config.engine.practice,
                         progress=None if as_json else progress_printer())
    _drive(rt, interview, lines, as_json)


def resume(
    session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
    script: Annotated[Path | None, typer.Option(help="Continue with scripted turns instead of typing.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON at the end.")] = False,
) -> None:
    """Continue an unfinished session where it stopped, with its clock restored."""
    rt = build_runtime()
    lines = _script(script)
    interview = rt.resume(session, progress=None if as_json else progress_printer())
    if interview.finished:
        interview.close()
        fail(f"session {interview.session_id} has finished; see `interviewer transcript`")
    if not as_json:
        typer.echo(f"Resuming {interview.session_id} ({interview.case.slug}) at {interview.state.phase}, "
                   f"{interview.state.elapsed_s / 60:.1f} min in.")
        last = next((t for t in reversed(interview.turns) if t.role == "interviewer"), None)
        if last:
            typer.echo(printable(f"[{last.phase}] interviewer: {last.text}"))
    _drive(rt, interview, lines, as_json)


def sessions(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List interview sessions (newest first)."""
    rows = build_runtime().store.list_sessions()
    if as_json:
        echo_json([r.model_dump() for r in rows])
        return
    if not rows:
        typer.echo("no sessions yet: start one with `interviewer`")
    for r in rows:
        score = f"{r.score} (partial)" if r.score and r.score_partial else (r.score or "-")
        typer.echo(f"{r.id}  {r.created_at[:16].replace('T', ' ')}  {r.case:<26} {r.status:<8} "
                   f"{r.phase:<10} {r.turns:>3} turns  {score}")


def transcript(
    session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
    fmt: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of printing.")] = None,
) -> None:
    """Export a session's transcript as Markdown or JSON."""
    if fmt not in {"md", "json"}:
        raise typer.BadParameter("format is md or json", param_hint="--format")
    stored = build_runtime().store.load(session)
    text = (transcript_markdown(stored) if fmt == "md"
            else json.dumps(transcript_dict(stored), indent=2, ensure_ascii=False))
    if out:
        typer.echo(f"wrote {write_text(out, text)}")
    else:
        typer.echo(text)


def register(app: typer.Typer) -> None:
    for command in (run, resume, sessions, transcript):
        app.command(command.__name__)(command)
