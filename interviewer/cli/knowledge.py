"""Knowledge commands: `kb validate|build|search` and `cases`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from interviewer.cli.common import build_runtime, echo_json, progress_printer, settings
from interviewer.domain.steps import STEP_IDS
from interviewer.knowledge.chunks import GENERAL, KINDS
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.knowledge.loader import load_knowledge

kb_app = typer.Typer(help="The knowledge base: validate, build the index, search it.", no_args_is_help=True)


@kb_app.command("validate")
def kb_validate(
    path: Annotated[Path | None, typer.Argument(help="Knowledge folder or one file (default: knowledge/).")] = None,
) -> None:
    """Check every knowledge file; print each problem as file:line: message and exit 1 if any."""
    kb = load_knowledge(path or settings().knowledge_dir)
    for problem in kb.problems:
        typer.echo(str(problem))
    summary = (
        f"{len(kb.files)} files: {len(kb.cases)} case studies, {len(kb.tradeoffs)} trade-offs, "
        f"{len(kb.challenges)} challenged claims, "
        f"framework {'present' if kb.framework else 'missing'}"
    )
    if kb.problems:
        typer.echo(f"{len(kb.problems)} problems in {summary}", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {summary}")


@kb_app.command("build")
def kb_build(as_json: Annotated[bool, typer.Option("--json", help="Print the build report as JSON.")] = False) -> None:
    """Index the knowledge into Chroma; only files that changed are embedded again."""
    index = build_runtime().index
    report = index.build(progress=None if as_json else progress_printer("embedding"))
    if as_json:
        echo_json(report.__dict__)
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
    case: Annotated[str | None, typer.Option(
        help="Only this case study (slug), or 'general' for the framework and trade-offs.")] = None,
    step: Annotated[str | None, typer.Option(
        help="Only this step: clarify, frame, data, features, model, serving, monitoring.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="Only this kind: fact, key_point, tradeoff, pitfall, framework, overview.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many results.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
) -> None:
    """Search the knowledge index (built first if needed)."""
    if step and step not in STEP_IDS:
        raise typer.BadParameter(f"unknown step '{step}' (one of {', '.join(STEP_IDS)})", param_hint="--step")
    if kind and kind not in KINDS:
        raise typer.BadParameter(f"unknown kind '{kind}' (one of {', '.join(KINDS)})", param_hint="--kind")
    rt = build_runtime()
    if case and case not in rt.cases and case != GENERAL:
        raise typer.BadParameter(f"no case '{case}' (known: {', '.join(sorted(rt.cases))})", param_hint="--case")
    index = _ready(rt.index, quiet=as_json)
    hits = index.search(query, case=case, step=step, kind=kind, k=k)
    if as_json:
        echo_json([h.as_dict() for h in hits])
        return
    if not hits:
        typer.echo("no results")
    for rank, hit in enumerate(hits, start=1):
        text = " ".join(hit.text.split())
        typer.echo(f"{rank}. {hit.chunk_id}  ({hit.score:.3f}, {hit.metadata.get('kind')})")
        typer.echo(f"   {text[:300]}{'...' if len(text) > 300 else ''}")


def cases(as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False) -> None:
    """List the case studies (slug, title, difficulty)."""
    kb = load_knowledge(settings().knowledge_dir)
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


def _ready(index: KnowledgeIndex, quiet: bool) -> KnowledgeIndex:
    """The index, built first (with progress on stderr) when missing or stale."""
    report = index.ensure_built(progress=None if quiet else progress_printer("embedding"))
    if report is not None and not quiet:
        typer.echo(f"(built the knowledge index: {report.chunks_added} chunks in {report.seconds:.1f}s)", err=True)
    return index


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
    app.command("cases")(cases)
