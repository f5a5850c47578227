"""Knowledge commands: `kb validate|build|search`, `cases`, and the retrieval eval."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from interviewer.config import Settings


def register(app: typer.Typer, settings_from_cli: Callable[[], Settings]) -> None:
    kb_app = typer.Typer(help="The knowledge base: validate, build the index, search it.", no_args_is_help=True)
    app.add_typer(kb_app, name="kb")

    def knowledge_root(settings: Settings | None = None) -> Path:
        from interviewer import locations

        if settings and settings.index.knowledge_dir:
            return settings.index.knowledge_dir
        return locations.knowledge_dir()

    @kb_app.command("validate")
    def kb_validate(
        path: Annotated[Path | None, typer.Argument(help="Knowledge folder or one file (default: knowledge/).")] = None,
    ) -> None:
        """Check every knowledge file; print each problem as file:line: message and exit 1 if any."""
        from interviewer.knowledge.loader import load_knowledge

        kb = load_knowledge(path or knowledge_root(settings_from_cli()))
        for problem in kb.problems:
            typer.echo(str(problem))
        summary = (
            f"{len(kb.files)} files: {len(kb.cases)} case studies, {len(kb.tradeoffs)} trade-offs, "
            f"framework {'present' if kb.framework else 'missing'}"
        )
        if kb.problems:
            typer.echo(f"{len(kb.problems)} problems in {summary}", err=True)
            raise typer.Exit(1)
        typer.echo(f"ok: {summary}")

    @kb_app.command("build")
    def kb_build(as_json: Annotated[bool, typer.Option("--json", help="Print the build report as JSON.")] = False) -> None:
        """Index the knowledge into Chroma; only files that changed are embedded again."""
        from interviewer.knowledge.index import KnowledgeError, KnowledgeIndex

        index = KnowledgeIndex(settings_from_cli())
        try:
            report = index.build(progress=None if as_json else _progress_printer())
        except KnowledgeError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if as_json:
            typer.echo(json.dumps(report.__dict__, indent=2))
            return
        if report.changed:
            typer.echo(
                f"indexed {report.chunks_added} chunks from {len(report.embedded_files)} changed files"
                f"{f', removed {len(report.removed_files)}' if report.removed_files else ''}; "
                f"{report.chunks_total} chunks in {index.where()} ({report.seconds:.1f}s)"
            )
        else:
            typer.echo(f"up to date: {report.chunks_total} chunks from {report.files} files ({report.seconds:.1f}s)")

    @kb_app.command("search")
    def kb_search(
        query: Annotated[str, typer.Argument(help="What to look for.")],
        case: Annotated[str | None, typer.Option(help="Only this case study (slug), or 'general' for the framework and trade-offs.")] = None,
        step: Annotated[str | None, typer.Option(help="Only this step: clarify, frame, data, features, model, serving, monitoring.")] = None,
        kind: Annotated[str | None, typer.Option(help="Only this kind: fact, key_point, tradeoff, pitfall, framework, overview.")] = None,
        k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many results.")] = 5,
        as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
    ) -> None:
        """Search the knowledge index (built first if needed)."""
        from interviewer.domain.steps import STEP_IDS
        from interviewer.knowledge.chunks import KINDS

        if step and step not in STEP_IDS:
            raise typer.BadParameter(f"unknown step '{step}' (one of {', '.join(STEP_IDS)})", param_hint="--step")
        if kind and kind not in KINDS:
            raise typer.BadParameter(f"unknown kind '{kind}' (one of {', '.join(KINDS)})", param_hint="--kind")
        index = _ready_index(settings_from_cli(), quiet=as_json)
        if case:
            known = index.load().cases
            if case not in known and case != "general":
                raise typer.BadParameter(f"no case '{case}' (known: {', '.join(sorted(known))})", param_hint="--case")
        hits = index.search(query, case=case, step=step, kind=kind, k=k)
        if as_json:
            typer.echo(json.dumps([h.as_dict() for h in hits], indent=2))
            return
        if not hits:
            typer.echo("no results")
        for rank, hit in enumerate(hits, start=1):
            text = " ".join(hit.text.split())
            typer.echo(f"{rank}. {hit.chunk_id}  ({hit.score:.3f}, {hit.metadata.get('kind')})")
            typer.echo(f"   {text[:300]}{'...' if len(text) > 300 else ''}")

    @app.command("cases")
    def cases(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
        """List the case studies (slug, title, difficulty)."""
        from interviewer.knowledge.loader import load_knowledge

        kb = load_knowledge(knowledge_root(settings_from_cli()))
        rows = [
            {"slug": c.slug, "title": c.title, "difficulty": c.difficulty, "practises": c.practises}
            for c in sorted(kb.cases.values(), key=lambda c: c.slug)
        ]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        width = max((len(r["slug"]) for r in rows), default=4)
        for r in rows:
            typer.echo(f"{r['slug']:<{width}}  {r['difficulty']:<6}  {r['title']}")
        if kb.problems:
            typer.echo(f"({len(kb.problems)} problems in the knowledge files: run `interviewer kb validate`)", err=True)


def _progress_printer() -> Callable[[int, int, str], None]:
    def show(done: int, total: int, message: str) -> None:
        typer.echo(f"  [{done:>4}/{total}] {message}", err=True)

    return show


def _ready_index(settings: Settings, quiet: bool = False):
    """The index, built first (with progress on stderr) when missing or stale."""
    from interviewer.knowledge.index import KnowledgeError, KnowledgeIndex

    index = KnowledgeIndex(settings)
    try:
        report = index.ensure_built(progress=None if quiet else _progress_printer())
    except KnowledgeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if report is not None and not quiet:
        typer.echo(f"(built the knowledge index: {report.chunks_added} chunks in {report.seconds:.1f}s)", err=True)
    return index
