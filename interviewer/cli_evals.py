"""`interviewer eval run|compare`: measure retrieval, the interviewer and the scorer; compare versions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer

from interviewer.config import Settings

SUITES = ("scoring", "interviewer", "retrieval")


def register(app: typer.Typer, settings_from_cli: Callable[[], Settings]) -> None:
    eval_app = typer.Typer(help="Measure retrieval, the interviewer and the scorer; compare runs.", no_args_is_help=True)
    app.add_typer(eval_app, name="eval")

    @eval_app.command("run")
    def run(
        suite: Annotated[str, typer.Option(help="scoring, interviewer, retrieval or all.")] = "all",
        prompt_version: Annotated[str | None, typer.Option(help="Prompt version to evaluate.")] = None,
        model: Annotated[str | None, typer.Option(help="Chat model (name, or GGUF path for local).")] = None,
        repeats: Annotated[int, typer.Option(min=1, help="Times each scoring item is scored (self-consistency).")] = 1,
        split: Annotated[str, typer.Option(help="Scoring items: dev, heldout or all.")] = "all",
        cache: Annotated[str, typer.Option(help="Reply cache: read, write or off.")] = "read",
        update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Commit this run as the suite's baseline.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summaries as JSON.")] = False,
    ) -> None:
        """Run eval suites; each run is saved under the data home's eval-runs/ with Markdown and HTML reports."""
        from interviewer.evals import runner
        from interviewer.evals.runs import save_run, summary_table, write_baseline

        chosen = SUITES if suite == "all" else (suite,)
        if any(s not in SUITES for s in chosen):
            raise typer.BadParameter(f"unknown suite '{suite}' (scoring, interviewer, retrieval, all)", param_hint="--suite")
        if split not in ("dev", "heldout", "all") or cache not in ("read", "write", "off"):
            raise typer.BadParameter("split is dev|heldout|all and cache is read|write|off")
        overrides = {}
        if prompt_version:
            overrides["prompt_version"] = prompt_version
        settings = settings_from_cli()
        if overrides or model:
            data = settings.model_dump()
            data.update(overrides)
            if model:
                data["chat"]["model"] = model
            settings = Settings(**data)
        progress = None if as_json else (lambda d, t, m: typer.echo(f"  knowledge index: [{d}/{t}] {m}", err=True))
        out = {}
        for name in chosen:
            if name == "scoring":
                result = runner.run_scoring(settings, split=split, repeats=repeats, cache=cache, quiet=as_json)
            elif name == "interviewer":
                result = runner.run_interviewer(settings, cache=cache, quiet=as_json, progress=progress)
            else:
                result = runner.run_retrieval_suite(settings, quiet=as_json, progress=progress)
            folder = save_run(result, settings.ensure_home())
            out[name] = {"run": str(folder), "summary": result["summary"]}
            if update_baseline:
                path = write_baseline(result)
                if not as_json:
                    typer.echo(f"baseline updated: {path}")
            if not as_json:
                typer.echo(f"\n{name}: {folder}\n{summary_table(result)}")
        if as_json:
            typer.echo(json.dumps(out, indent=2))

    @eval_app.command("compare")
    def compare(
        run_a: Annotated[str, typer.Argument(help="Run id, folder, run.json, or baseline:<suite>.")],
        run_b: Annotated[str, typer.Argument(help="The run to judge against RUN_A.")],
        gate: Annotated[bool, typer.Option("--gate", help="Exit 1 if a floor or tolerance in evals/gates.toml is broken.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    ) -> None:
        """Per-metric deltas with paired bootstrap 95% intervals, and the items that got worse."""
        from interviewer.evals import compare as cmp
        from interviewer.evals.runs import ci_text, fmt, load_run, save_comparison

        settings = settings_from_cli()
        try:
            a, b = load_run(run_a, settings.home), load_run(run_b, settings.home)
        except FileNotFoundError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        if a["suite"] != b["suite"]:
            typer.echo(f"error: cannot compare a {a['suite']} run with a {b['suite']} run", err=True)
            raise typer.Exit(2)
        suite = a["suite"]
        intervals = cmp.paired_bootstrap(suite, a["items"], b["items"])
        worse = cmp.worse_items(suite, a["items"], b["items"])
        failures = cmp.gate(suite, a, b, cmp.load_gates()) if gate else []
        rows = []
        for key, new in b["summary"].items():
            old = a["summary"].get(key)
            if isinstance(new, float) and isinstance(old, float):
                # run-level totals (tokens, cost) have no per-item resampling, so no interval
                interval = intervals.get(key)
                rows.append({"metric": key, "a": old, "b": new, "delta": new - old,
                             "ci95": list(interval) if interval else None})
        report = save_comparison(a, b, rows, worse, failures if gate else None, settings.ensure_home())
        if as_json:
            typer.echo(json.dumps({"suite": suite, "metrics": rows, "worse": worse, "gate_failures": failures,
                                   "report": str(report)}, indent=2))
        else:
            typer.echo(f"{suite}: {a['run_id']}  ->  {b['run_id']}")
            typer.echo(f"{'metric':<28}{'A':>11}{'B':>11}{'delta':>11}   95% CI")
            for r in rows:
                typer.echo(f"{r['metric']:<28}{fmt(r['a']):>11}{fmt(r['b']):>11}{fmt(r['delta'], sign=True):>11}   "
                           f"{ci_text(r['ci95'])}")
            typer.echo(f"\n{len(worse)} items got worse" + (":" if worse else "."))
            for line in worse[:20]:
                typer.echo(f"  {line}")
            if gate:
                typer.echo("gate: " + ("passed" if not failures else "FAILED"))
                for failure in failures:
                    typer.echo(f"  {failure}")
            typer.echo(f"report: {report}")
        if failures:
            raise typer.Exit(1)
