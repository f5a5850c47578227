"""`interviewer score` and `interviewer report`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from interviewer.config import Settings


def score_session(settings: Settings, session: str, *, rescore: bool = True):
    """Score (or load the stored scorecard of) a session; returns (scorecard, stored session)."""
    from interviewer.embeddings import embeddings_name, make_embeddings
    from interviewer.engine.factory import open_store
    from interviewer.knowledge.loader import load_knowledge
    from interviewer import locations
    from interviewer.scoring import service

    store = open_store(settings)
    stored = store.load(session)
    if not rescore:
        existing = service.load(store, stored.info.id)
        if existing is not None:
            return existing, stored
    kb = load_knowledge(settings.index.knowledge_dir or locations.knowledge_dir())
    case = kb.case(stored.info.case)
    embedder = make_embeddings(settings.embeddings) if settings.scoring.use_embeddings else None
    provider = None
    if settings.scoring.combine != "coverage":
        from interviewer.providers import make_provider

        provider = make_provider(settings)
    card = asyncio.run(service.score_stored(stored, case, settings, embedder=embedder,
                                            embeddings_name=embeddings_name(settings.embeddings), provider=provider))
    service.save(store, card)
    return card, stored


def register(app: typer.Typer, settings_from_cli: Callable[[], Settings]) -> None:
    from interviewer.storage.store import SessionNotFound

    @app.command("score")
    def score(
        session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
    ) -> None:
        """Score a finished (or stopped) session against the rubric and store the scorecard."""
        try:
            card, _ = score_session(settings_from_cli(), session)
        except SessionNotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if as_json:
            typer.echo(json.dumps(scorecard_json(card), indent=2, ensure_ascii=False))
            return
        from interviewer.report.common import SIGNAL_LABELS

        typer.echo(f"{card.case_title}: {SIGNAL_LABELS[card.hire_signal]} ({card.level_estimate})")
        for c in card.criteria:
            typer.echo(f"  {c.level}/4  {c.title:<44} {c.justification[:90]}")
        typer.echo(f"Report: interviewer report {card.session_id} --format html")

    @app.command("report")
    def report(
        session: Annotated[str, typer.Argument(help="Session id (or a unique prefix).")],
        fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "html",
        out: Annotated[Path | None, typer.Option(help="Where to write it (default: the data home's reports/).")] = None,
    ) -> None:
        """Write the feedback report (scoring the session first if it has no scorecard yet)."""
        from interviewer import locations
        from interviewer.report.html import render_html
        from interviewer.report.markdown import render_markdown

        if fmt not in {"md", "html"}:
            raise typer.BadParameter("format is md or html", param_hint="--format")
        settings = settings_from_cli()
        try:
            card, stored = score_session(settings, session, rescore=False)
        except SessionNotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        text = render_html(card, stored) if fmt == "html" else render_markdown(card, stored)
        if out is None:
            out = locations.reports_dir(settings.ensure_home()) / f"{card.session_id}.{fmt}"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(str(out))


def scorecard_json(card) -> dict:
    """The documented JSON: criteria with levels and evidence, covered and missed ids per step, the hire
    signal and the level estimate."""
    data = card.model_dump(mode="json")
    data["covered"] = {s.step: s.covered for s in card.steps}
    data["missed"] = {s.step: s.missed for s in card.steps}
    return data
