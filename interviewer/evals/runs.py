"""Eval runs on disk: one `run.json` per run (config, per-item results, summary) under the data home's
eval-runs/, with a Markdown and a self-contained HTML report beside it. Committed baselines are runs too
(evals/baselines/<suite>.json); `--update-baseline PATH` writes one where the user says."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interviewer import paths
from interviewer.evals.models import EvalRun, ItemResult
from interviewer.evals.reports import comparison_html, comparison_markdown, html_report, markdown_report
from interviewer.evals.suites import get_suite


def new_run(suite: str, config: dict[str, Any], items: list[ItemResult],
            usage: dict[str, float] | None = None) -> EvalRun[Any]:
    """`usage`: run-level totals (tokens, cost) added to the per-item summary."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    model = re.sub(r"[^a-zA-Z0-9.]+", "-", str(config.get("model", "")))[:40].strip("-")
    run_id = f"{stamp}-{suite}-{config.get('prompt_version', '')}-{model}".strip("-")
    summary = get_suite(suite).summarize(items) | (usage or {})
    return EvalRun(run_id=run_id, suite=suite, created_at=stamp, config=config, summary=summary, items=items)


def run_json(run: EvalRun[Any]) -> str:
    return json.dumps(run.model_dump(mode="json"), indent=1, ensure_ascii=False) + "\n"


def save_run(run: EvalRun[Any], home: Path) -> Path:
    folder = paths.eval_runs_dir(home) / run.run_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(run_json(run), encoding="utf-8")
    (folder / "report.md").write_text(markdown_report(run), encoding="utf-8")
    (folder / "report.html").write_text(html_report(run), encoding="utf-8")
    return folder


def write_run(run: EvalRun[Any], path: Path) -> Path:
    """The run as one JSON file at `path` (a baseline to commit)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(run_json(run), encoding="utf-8")
    return path


def baseline_path(suite: str) -> Path:
    return paths.evals_dir() / "baselines" / f"{suite}.json"


def load_run(ref: str, home: Path) -> EvalRun[Any]:
    """A run from a run id, a folder, a run.json path, or `baseline:<suite>`; its items typed by suite."""
    if ref.startswith("baseline:"):
        path = baseline_path(ref.split(":", 1)[1])
    else:
        path = Path(ref)
        if not path.exists():
            path = paths.eval_runs_dir(home) / ref
        if path.is_dir():
            path = path / "run.json"
    if not path.exists():
        raise FileNotFoundError(f"no eval run '{ref}' (looked for {path})")
    data = json.loads(path.read_text(encoding="utf-8"))
    suite = get_suite(data.get("suite", ""))
    return EvalRun[suite.item_model].model_validate(data)  # type: ignore[name-defined]


def save_comparison(a: EvalRun[Any], b: EvalRun[Any], rows: list[dict[str, Any]], worse: list[str],
                    failures: list[str] | None, home: Path) -> Path:
    """Markdown and a self-contained HTML page beside the runs; returns the Markdown path."""
    folder = paths.eval_runs_dir(home) / "comparisons" / f"{a.run_id}__vs__{b.run_id}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.html").write_text(comparison_html(a, b, rows, worse, failures), encoding="utf-8")
    path = folder / "report.md"
    path.write_text(comparison_markdown(a, b, rows, worse, failures), encoding="utf-8")
    return path
