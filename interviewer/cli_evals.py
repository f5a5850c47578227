"""`interviewer eval ...`: run eval suites and print their metrics."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer

from interviewer.config import Settings


def register(app: typer.Typer, settings_from_cli: Callable[[], Settings]) -> None:
    eval_app = typer.Typer(help="Measure retrieval, the interviewer and the scorer.", no_args_is_help=True)
    app.add_typer(eval_app, name="eval")

    @eval_app.command("run")
    def run(
        suite: Annotated[str, typer.Option(help="Which suite: retrieval.")] = "retrieval",
        as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    ) -> None:
        """Run an eval suite and print its summary."""
        if suite != "retrieval":
            raise typer.BadParameter(f"unknown suite '{suite}' (available: retrieval)", param_hint="--suite")
        from interviewer.cli_knowledge import _ready_index
        from interviewer.evals.retrieval import load_queries, run_retrieval

        index = _ready_index(settings_from_cli(), quiet=as_json)
        result = run_retrieval(index, load_queries())
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            return
        typer.echo(f"retrieval: {result['queries']} queries")
        typer.echo(f"{'':<18}{'recall@5':>10}{'MRR':>8}{'nDCG@5':>9}")
        for label, key in (("with case filter", "with_case_filter"), ("without filter", "without_filter")):
            m = result[key]
            typer.echo(f"{label:<18}{m['recall@5']:>10.3f}{m['mrr']:>8.3f}{m['ndcg@5']:>9.3f}")
        typer.echo(f"search latency: p50 {result['latency_ms']['p50']} ms, p95 {result['latency_ms']['p95']} ms")
        if result["misses_at_5"]:
            typer.echo(f"{len(result['misses_at_5'])} queries with no relevant chunk in the top 5 (case filter):")
            for miss in result["misses_at_5"][:15]:
                typer.echo(f"  {miss['at']}: {miss['query']!r} wanted {miss['relevant']}")
