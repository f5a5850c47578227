"""`interviewer score` and `interviewer report`."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from interviewer.cli.common import build_runtime, echo_json
from interviewer.report.common import SIGNAL_LABELS


def score(
    session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
) -> None:
    """Score a finished (or stopped) session against the rubric and store the scorecard."""
    card, stored = asyncio.run(build_runtime().score_session(session, rescore=True))
    if card.partial:
        typer.echo(f"note: session {card.session_id} has not finished (it stopped at {stored.state.phase}); "
                   "this scorecard is partial and stays out of history's trends.", err=True)
    if as_json:
        echo_json(card.public_json())
        return
    partial = " [partial]" if card.partial else ""
    typer.echo(f"{card.case_title}: {SIGNAL_LABELS[card.hire_signal]} ({card.level_estimate}){partial}")
    for note in card.notes:
        typer.echo(f"  note: {note}")
    for c in card.criteria:
        typer.echo(f"  {c.level}/4  {c.title:<44} {c.justification[:90]}")
    typer.echo(f"Report: interviewer report {card.session_id} --format html")


def report(
    session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "html",
    out: Annotated[Path | None, typer.Option(help="Where to write it (default: the data home's reports/).")] = None,
) -> None:
    """Write the feedback report (scoring the session first if it has no scorecard yet)."""
    if fmt not in ("md", "html"):
        raise typer.BadParameter("format is md or html", param_hint="--format")
    rt = build_runtime()
    card, stored = asyncio.run(rt.score_session(session))
    typer.echo(str(rt.write_report(card, stored, "html" if fmt == "html" else "md", out)))


def register(app: typer.Typer) -> None:
    app.command("score")(score)
    app.command("report")(report)
