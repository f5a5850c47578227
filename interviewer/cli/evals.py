"""`interviewer eval run|compare`: measure retrieval, the interviewer and the scorer; compare versions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from interviewer.cli.common import echo_json, fail, progress_printer, settings

if TYPE_CHECKING:
    from interviewer.evals.models import EvalRun

SUITE_NAMES = ("scoring", "interviewer", "retrieval", "turns")
"""The suites by name (interviewer.evals.suites.SUITES, which the suites test checks this against); not
imported from there, because the suites import SciPy and the CLI's start should not."""

eval_app = typer.Typer(help="Measure retrieval, the interviewer and the scorer; compare runs.", no_args_is_help=True)


@eval_app.command("run")
def run(
    suite: Annotated[str, typer.Option(help="scoring, interviewer, retrieval, turns or all.")] = "all",
    prompt_version: Annotated[str | None, typer.Option(help="Prompt version to evaluate.")] = None,
    model: Annotated[str | None, typer.Option(help="Chat model (name, or GGUF path for local).")] = None,
    repeats: Annotated[int, typer.Option(min=1, help="Times each scoring item is scored (self-consistency).")] = 1,
    split: Annotated[Literal["dev", "test", "all", "regression"], typer.Option(
        help="Which data: the dev or test split of the scoring benchmark and the interviewer candidates (or all), "
             "or the scoring regression set.")] = "test",
    cache: Annotated[Literal["read", "write", "off"], typer.Option(help="Reply cache: read, write or off.")] = "read",
    update_baseline: Annotated[Path | None, typer.Option(
        "--update-baseline", help="Also write the run to this file (e.g. evals/baselines/scoring.json).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summaries as JSON.")] = False,
) -> None:
    """Run eval suites; each run is saved under the data home's eval-runs/ with Markdown and HTML reports."""
    # deferred: the suites' statistics (SciPy, scikit-learn) take a second to import; no other command,
    # and not the app's cold start, should pay for them
    from interviewer.evals.reports import summary_table
    from interviewer.evals.runner import run_suite
    from interviewer.evals.runs import save_run, write_run

    chosen = SUITE_NAMES if suite == "all" else (suite,)
    if any(s not in SUITE_NAMES for s in chosen):
        raise typer.BadParameter(f"unknown suite '{suite}' (scoring, interviewer, retrieval, turns, all)",
                                 param_hint="--suite")
    if update_baseline is not None and len(chosen) > 1:
        raise typer.BadParameter("a baseline is one suite's run: name one --suite", param_hint="--update-baseline")
    config = settings()
    changes: dict[str, Any] = {}
    if prompt_version:
        changes["prompt_version"] = prompt_version
    if model:
        changes["chat"] = config.chat.model_copy(update={"model": model})
    config = config.model_copy(update=changes)
    out = {}
    for name in chosen:
        result = run_suite(name, config, split=split, repeats=repeats, cache=cache, quiet=as_json,
                           progress=None if as_json else progress_printer())
        folder = save_run(result, config.ensure_home())
        out[name] = {"run": str(folder), "summary": result.summary}
        if update_baseline is not None:
            path = write_run(result, update_baseline)
            if not as_json:
                typer.echo(f"baseline written: {path}")
        if not as_json:
            typer.echo(f"\n{name}: {folder}\n{summary_table(result)}")
    if as_json:
        echo_json(out)


@eval_app.command("compare")
def compare(
    run_a: Annotated[str, typer.Argument(help="Run id, folder, run.json, or baseline:<suite>.")],
    run_b: Annotated[str, typer.Argument(help="The run to judge against RUN_A.")],
    gate: Annotated[bool, typer.Option(
        "--gate", help="Exit 1 if a floor or tolerance in evals/gates.toml is broken.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Per-metric deltas with paired bootstrap 95% intervals, and the items that got worse."""
    from interviewer.evals import compare as cmp  # deferred, like `eval run`'s imports
    from interviewer.evals.runs import load_run, save_comparison

    config = settings()
    try:
        a, b = load_run(run_a, config.home), load_run(run_b, config.home)
    except (FileNotFoundError, ValueError) as exc:
        fail(str(exc), 2)
    if a.suite != b.suite:
        fail(f"cannot compare a {a.suite} run with a {b.suite} run", 2)
    rows = cmp.metric_rows(a, b)
    worse = cmp.worse_items(a.suite, a.items, b.items)
    failures = cmp.gate(a.suite, a, b, cmp.load_gates()) if gate else []
    report = save_comparison(a, b, rows, worse, failures if gate else None, config.ensure_home())
    if as_json:
        echo_json({"suite": a.suite, "metrics": rows, "worse": worse, "gate_failures": failures,
                   "report": str(report)})
    else:
        _print_comparison(a, b, rows, worse, failures if gate else None)
        typer.echo(f"report: {report}")
    if failures:
        raise typer.Exit(1)


def _print_comparison(a: EvalRun[Any], b: EvalRun[Any], rows: list[dict[str, Any]], worse: list[str],
                      failures: list[str] | None) -> None:
    from interviewer.evals.reports import ci_text, fmt  # deferred, like `eval run`'s imports

    typer.echo(f"{a.suite}: {a.run_id}  ->  {b.run_id}")
    typer.echo(f"{'metric':<28}{'A':>11}{'B':>11}{'delta':>11}   95% CI")
    for r in rows:
        typer.echo(f"{r['metric']:<28}{fmt(r['a']):>11}{fmt(r['b']):>11}{fmt(r['delta'], sign=True):>11}   "
                   f"{ci_text(r['ci95'])}")
    typer.echo(f"\n{len(worse)} items got worse" + (":" if worse else "."))
    for line in worse[:20]:
        typer.echo(f"  {line}")
    if failures is not None:
        typer.echo("gate: " + ("passed" if not failures else "FAILED"))
        for failure in failures:
            typer.echo(f"  {failure}")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
