"""Eval runs: one JSON file per run (config, per-item results, summary) under the data home's
eval-runs/, with a Markdown and a self-contained HTML report beside it. Baselines are runs committed
under evals/baselines/."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from interviewer import locations

SUMMARIZERS = {}


def summarizer(suite: str):
    if not SUMMARIZERS:
        from interviewer.evals import interviewer_suite, retrieval, scoring_suite

        SUMMARIZERS.update(scoring=scoring_suite.summarize, interviewer=interviewer_suite.summarize,
                           retrieval=retrieval.summarize)
    return SUMMARIZERS[suite]


def new_run(suite: str, config: dict, items: list[dict], usage: dict[str, float] | None = None) -> dict:
    """`usage`: run-level totals (tokens, cost) added to the per-item summary."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    model = re.sub(r"[^a-zA-Z0-9.]+", "-", str(config.get("model", "")))[:40].strip("-")
    run_id = f"{stamp}-{suite}-{config.get('prompt_version', '')}-{model}".strip("-")
    return {"run_id": run_id, "suite": suite, "created_at": stamp, "config": config,
            "summary": summarizer(suite)(items) | (usage or {}), "items": items}


def save_run(run: dict, home: Path) -> Path:
    folder = locations.eval_runs_dir(home) / run["run_id"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps(run, indent=1, ensure_ascii=False), encoding="utf-8")
    (folder / "report.md").write_text(markdown_report(run), encoding="utf-8")
    (folder / "report.html").write_text(html_report(run), encoding="utf-8")
    return folder


def load_run(ref: str, home: Path) -> dict:
    """A run from a run id, a folder, a run.json path, or `baseline:<suite>`."""
    if ref.startswith("baseline:"):
        path = baseline_path(ref.split(":", 1)[1])
    else:
        path = Path(ref)
        if not path.exists():
            path = locations.eval_runs_dir(home) / ref
        if path.is_dir():
            path = path / "run.json"
    if not path.exists():
        raise FileNotFoundError(f"no eval run '{ref}' (looked for {path})")
    return json.loads(path.read_text(encoding="utf-8"))


def baseline_path(suite: str) -> Path:
    return locations.evals_dir() / "baselines" / f"{suite}.json"


def write_baseline(run: dict) -> Path:
    path = baseline_path(run["suite"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def fmt(value, sign: bool = False) -> str:
    """Three decimals for rates and seconds; whole numbers for counts (tokens run to the millions)."""
    if not isinstance(value, float):
        return str(value)
    spec = ("+" if sign else "") + (",.0f" if abs(value) >= 1000 else ".3f")
    return format(value, spec)


def summary_table(run: dict) -> str:
    rows = [f"{k:<28} {fmt(v):>10}" for k, v in run["summary"].items()]
    return "\n".join(rows)


def markdown_report(run: dict) -> str:
    lines = [f"# Eval run {run['run_id']}", "", f"Suite: {run['suite']}", "",
             "| config | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in run["config"].items()]
    lines += ["", "| metric | value |", "| --- | ---: |"]
    lines += [f"| {k} | {fmt(v)} |" for k, v in run["summary"].items()]
    return "\n".join(lines) + "\n"


def html_report(run: dict) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(fmt(v))}</td></tr>" for k, v in run["summary"].items())
    config = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in run["config"].items())
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Eval run</title><style>"
            "body{font:14px sans-serif;max-width:800px;margin:2rem auto}td{border-bottom:1px solid #ddd;padding:.3rem}"
            f"</style></head><body><h1>Eval run {escape(run['run_id'])}</h1><h2>Config</h2><table>{config}</table>"
            f"<h2>Metrics</h2><table id='metrics'>{rows}</table></body></html>")


def ci_text(interval: list[float] | None) -> str:
    return f"[{interval[0]:+.3f}, {interval[1]:+.3f}]" if interval else "-"


def comparison_markdown(a: dict, b: dict, rows: list[dict], worse: list[str], failures: list[str] | None) -> str:
    lines = [f"# {a['suite']}: {a['run_id']} -> {b['run_id']}", "",
             "| metric | A | B | delta | 95% CI |", "| --- | ---: | ---: | ---: | --- |"]
    lines += [f"| {r['metric']} | {fmt(r['a'])} | {fmt(r['b'])} | {fmt(r['delta'], True)} | {ci_text(r['ci95'])} |"
              for r in rows]
    lines += ["", f"## {len(worse)} items got worse", ""] + [f"- {w}" for w in worse]
    if failures is not None:
        lines += ["", "## Gate: " + ("passed" if not failures else "FAILED"), ""] + [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"


def comparison_html(a: dict, b: dict, rows: list[dict], worse: list[str], failures: list[str] | None) -> str:
    def cell(value: float, delta: bool = False) -> str:
        return f"<td class='n'>{fmt(value, delta)}</td>"

    body = "".join(f"<tr><td>{escape(r['metric'])}</td>{cell(r['a'])}{cell(r['b'])}{cell(r['delta'], True)}"
                   f"<td>{escape(ci_text(r['ci95']))}</td></tr>" for r in rows)
    worse_html = "".join(f"<li>{escape(w)}</li>" for w in worse)
    gate_html = ""
    if failures is not None:
        gate_html = (f"<h2>Gate: {'passed' if not failures else 'FAILED'}</h2><ul>"
                     + "".join(f"<li>{escape(f)}</li>" for f in failures) + "</ul>")
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Eval comparison</title><style>"
            "body{font:14px sans-serif;max-width:900px;margin:2rem auto}td,th{border-bottom:1px solid #ddd;"
            "padding:.3rem}.n{text-align:right;font-variant-numeric:tabular-nums}</style></head><body>"
            f"<h1>{escape(a['suite'])}: {escape(a['run_id'])} &rarr; {escape(b['run_id'])}</h1>"
            f"<table id='metrics'><tr><th>metric</th><th>A</th><th>B</th><th>delta</th><th>95% CI</th></tr>{body}"
            f"</table><h2>{len(worse)} items got worse</h2><ul>{worse_html}</ul>{gate_html}</body></html>")


def save_comparison(a: dict, b: dict, rows: list[dict], worse: list[str], failures: list[str] | None,
                    home: Path) -> Path:
    """Markdown and a self-contained HTML page beside the runs; returns the Markdown path."""
    folder = locations.eval_runs_dir(home) / "comparisons" / f"{a['run_id']}__vs__{b['run_id']}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.html").write_text(comparison_html(a, b, rows, worse, failures), encoding="utf-8")
    path = folder / "report.md"
    path.write_text(comparison_markdown(a, b, rows, worse, failures), encoding="utf-8")
    return path
