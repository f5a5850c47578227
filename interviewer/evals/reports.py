"""Eval run reports: the run's and a comparison's Markdown and self-contained HTML (written beside the
run's JSON; generated, never committed)."""

from __future__ import annotations

from html import escape
from typing import Any

from interviewer.evals.models import EvalRun


def fmt(value: object, sign: bool = False) -> str:
    """Three decimals for rates and seconds; whole numbers for counts (tokens run to the millions)."""
    if not isinstance(value, float):
        return str(value)
    spec = ("+" if sign else "") + (",.0f" if abs(value) >= 1000 else ".3f")
    return format(value, spec)


def summary_table(run: EvalRun[Any]) -> str:
    rows = [f"{k:<28} {fmt(v):>10}" for k, v in run.summary.items()]
    return "\n".join(rows)


def markdown_report(run: EvalRun[Any]) -> str:
    lines = [f"# Eval run {run.run_id}", "", f"Suite: {run.suite}", "",
             "| config | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in run.config.items()]
    lines += ["", "| metric | value |", "| --- | ---: |"]
    lines += [f"| {k} | {fmt(v)} |" for k, v in run.summary.items()]
    return "\n".join(lines) + "\n"


def html_report(run: EvalRun[Any]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(fmt(v))}</td></tr>" for k, v in run.summary.items())
    config = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in run.config.items())
    return ("<!doctype html><html><head><meta charset='utf-8'><title>Eval run</title><style>"
            "body{font:14px sans-serif;max-width:800px;margin:2rem auto}td{border-bottom:1px solid #ddd;padding:.3rem}"
            f"</style></head><body><h1>Eval run {escape(run.run_id)}</h1><h2>Config</h2><table>{config}</table>"
            f"<h2>Metrics</h2><table id='metrics'>{rows}</table></body></html>")


def ci_text(interval: list[float] | None) -> str:
    return f"[{interval[0]:+.3f}, {interval[1]:+.3f}]" if interval else "-"


def comparison_markdown(a: EvalRun[Any], b: EvalRun[Any], rows: list[dict[str, Any]], worse: list[str],
                        failures: list[str] | None) -> str:
    lines = [f"# {a.suite}: {a.run_id} -> {b.run_id}", "",
             "| metric | A | B | delta | 95% CI |", "| --- | ---: | ---: | ---: | --- |"]
    lines += [f"| {r['metric']} | {fmt(r['a'])} | {fmt(r['b'])} | {fmt(r['delta'], True)} | {ci_text(r['ci95'])} |"
              for r in rows]
    lines += ["", f"## {len(worse)} items got worse", ""] + [f"- {w}" for w in worse]
    if failures is not None:
        lines += ["", "## Gate: " + ("passed" if not failures else "FAILED"), ""] + [f"- {f}" for f in failures]
    return "\n".join(lines) + "\n"


def comparison_html(a: EvalRun[Any], b: EvalRun[Any], rows: list[dict[str, Any]], worse: list[str],
                    failures: list[str] | None) -> str:
    def cell(value: object, delta: bool = False) -> str:
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
            f"<h1>{escape(a.suite)}: {escape(a.run_id)} &rarr; {escape(b.run_id)}</h1>"
            f"<table id='metrics'><tr><th>metric</th><th>A</th><th>B</th><th>delta</th><th>95% CI</th></tr>{body}"
            f"</table><h2>{len(worse)} items got worse</h2><ul>{worse_html}</ul>{gate_html}</body></html>")
