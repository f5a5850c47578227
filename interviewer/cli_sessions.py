"""Session commands: `run` (scripted or console), `resume`, `sessions`, `transcript`."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from interviewer.config import Settings


def _progress(done: int, total: int, message: str) -> None:
    typer.echo(f"  knowledge index: [{done}/{total}] {message}", err=True)


def register(app: typer.Typer, settings_from_cli: Callable[[], Settings]) -> None:
    def deps(settings: Settings, quiet: bool):
        from interviewer.engine.factory import build_deps
        from interviewer.knowledge.index import KnowledgeError
        from interviewer.prompts import PromptError

        try:
            return build_deps(settings, progress=None if quiet else _progress)
        except (KnowledgeError, PromptError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None

    def drive(interview, script_path: Path | None, as_json: bool) -> None:
        from interviewer.headless import ScriptError, dumps, read_script, run_console, run_script, transcript_json

        if script_path is not None:
            try:
                script = read_script(script_path)
            except (ScriptError, OSError) as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(2) from None
            out = None if as_json else (lambda s: (sys.stdout.write(s), sys.stdout.flush()))
            asyncio.run(run_script(interview, script, out))
        else:
            asyncio.run(run_console(interview))
        if as_json:
            typer.echo(dumps(transcript_json(interview)))
        elif script_path is not None:
            typer.echo(f"session {interview.session_id}: {'finished' if interview.finished else 'resumable'}")

    @app.command("run")
    def run(
        case: Annotated[str, typer.Option(help="Case study slug (see `interviewer cases`).")],
        script: Annotated[Path | None, typer.Option(help="JSONL of candidate turns: {\"text\": ..., \"elapsed_s\": ...}.")] = None,
        practice: Annotated[bool, typer.Option(help="No clock: steps move on by coverage or when asked.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON at the end.")] = False,
    ) -> None:
        """Run an interview headless: a scripted candidate, or typed in this terminal without --script."""
        from interviewer.engine.interview import Interview

        settings = settings_from_cli()
        engine = deps(settings, quiet=as_json)
        if case not in engine.cases:
            raise typer.BadParameter(f"no case '{case}' (known: {', '.join(sorted(engine.cases))})", param_hint="--case")
        interview = Interview.start(engine, case, practice=practice or settings.engine.practice)
        drive(interview, script, as_json)

    @app.command("resume")
    def resume(
        session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
        script: Annotated[Path | None, typer.Option(help="Continue with scripted turns instead of typing.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON at the end.")] = False,
    ) -> None:
        """Continue an unfinished session where it stopped, with its clock restored."""
        from interviewer.engine.interview import Interview
        from interviewer.storage.store import SessionNotFound

        engine = deps(settings_from_cli(), quiet=as_json)
        try:
            interview = Interview.resume(engine, session)
        except SessionNotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if interview.finished:
            typer.echo(f"error: session {interview.session_id} has finished; see `interviewer transcript`", err=True)
            raise typer.Exit(1)
        if not as_json:
            typer.echo(f"Resuming {interview.session_id} ({interview.case.slug}) at {interview.state.phase}, "
                       f"{interview.state.elapsed_s / 60:.1f} min in.")
            last = next((t for t in reversed(interview.turns) if t.role == "interviewer"), None)
            if last:
                typer.echo(f"[{last.phase}] interviewer: {last.text}")
        drive(interview, script, as_json)

    @app.command("sessions")
    def sessions(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
        """List interview sessions (newest first)."""
        from interviewer.engine.factory import open_store

        rows = open_store(settings_from_cli()).list_sessions()
        if as_json:
            typer.echo(json.dumps([r.model_dump() for r in rows], indent=2))
            return
        if not rows:
            typer.echo("no sessions yet: start one with `interviewer`")
        for r in rows:
            score = r.score or "-"
            typer.echo(f"{r.id}  {r.created_at[:16].replace('T', ' ')}  {r.case:<26} {r.status:<8} "
                       f"{r.phase:<10} {r.turns:>3} turns  {score}")

    @app.command("transcript")
    def transcript(
        session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
        fmt: Annotated[str, typer.Option("--format", help="md or json.")] = "md",
        out: Annotated[Path | None, typer.Option(help="Write to this file instead of printing.")] = None,
    ) -> None:
        """Export a session's transcript as Markdown or JSON."""
        from interviewer.engine.factory import open_store
        from interviewer.storage.store import SessionNotFound
        from interviewer.transcript import transcript_dict, transcript_markdown

        if fmt not in {"md", "json"}:
            raise typer.BadParameter("format is md or json", param_hint="--format")
        try:
            stored = open_store(settings_from_cli()).load(session)
        except SessionNotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        text = transcript_markdown(stored) if fmt == "md" else json.dumps(transcript_dict(stored), indent=2, ensure_ascii=False)
        if out:
            out.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {out}")
        else:
            typer.echo(text)
