"""Compare two runs of a suite: per-metric deltas with paired bootstrap 95% intervals (resampling the
items both runs share), the items that got worse, and a gate against floors and tolerances kept in
evals/gates.toml."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path
from typing import Any

from interviewer import paths
from interviewer.evals.models import EvalRun, ItemResult
from interviewer.evals.suites import get_suite

RESAMPLES = 400


def paired_bootstrap(suite: str, a: list[ItemResult], b: list[ItemResult],
                     seed: int = 0) -> dict[str, tuple[float, float]]:
    """95% interval of each metric's change from `a` to `b`, resampling the items both share."""
    by_id_a = {i.id: i for i in a}
    by_id_b = {i.id: i for i in b}
    shared = sorted(set(by_id_a) & set(by_id_b))
    if len(shared) < 2:
        return {}
    summarize = get_suite(suite).summarize
    rng = random.Random(seed)
    deltas: dict[str, list[float]] = {}
    for _ in range(RESAMPLES):
        sample = [shared[rng.randrange(len(shared))] for _ in shared]
        sa = summarize([by_id_a[i] for i in sample])
        sb = summarize([by_id_b[i] for i in sample])
        for key, value in sb.items():
            if isinstance(value, float) and key in sa:
                deltas.setdefault(key, []).append(value - sa[key])
    out = {}
    for key, values in deltas.items():
        values.sort()
        out[key] = (values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1])
    return out


def worse_items(suite: str, a: list[ItemResult], b: list[ItemResult]) -> list[str]:
    """A line for each item of `b` that is worse than the same item in `a`."""
    regression = get_suite(suite).regression
    by_id_a = {i.id: i for i in a}
    return [line for item in b if (old := by_id_a.get(item.id)) is not None
            and (line := regression(old, item)) is not None]


def load_gates(path: Path | None = None) -> dict[str, Any]:
    return tomllib.loads((path or paths.evals_dir() / "gates.toml").read_text(encoding="utf-8"))


def gate(suite: str, baseline: EvalRun[Any], run: EvalRun[Any], gates: dict[str, Any]) -> list[str]:
    """Violations: a metric below its floor, or worse than the baseline by more than its tolerance. A
    suite run on a named split uses that split's section when there is one (`[scoring-regression]`)."""
    rules = gates.get(f"{suite}-{run.config.get('split')}") or gates.get(suite, {})
    lower_better = set(rules.get("lower_is_better", []))
    failures = []
    if baseline.config.get("split") != run.config.get("split"):
        failures.append(f"the run is on split {run.config.get('split')!r}, the baseline on "
                        f"{baseline.config.get('split')!r}: compare runs of one split")
    for metric, floor in rules.get("floors", {}).items():
        value = run.summary.get(metric)
        if value is None:
            failures.append(f"{metric}: missing from the run")
        elif (value > floor) if metric in lower_better else (value < floor):
            where = "above the ceiling" if metric in lower_better else "below the floor"
            failures.append(f"{metric} = {value:.3f} is {where} {floor}")
    for metric, tolerance in rules.get("tolerances", {}).items():
        new, old = run.summary.get(metric), baseline.summary.get(metric)
        if new is None or old is None:
            continue
        drop = (new - old) if metric in lower_better else (old - new)
        if drop > tolerance:
            failures.append(f"{metric} = {new:.3f} vs baseline {old:.3f}: worse by {drop:.3f} (tolerance {tolerance})")
    return failures


def metric_rows(a: EvalRun[Any], b: EvalRun[Any]) -> list[dict[str, Any]]:
    """Each metric both runs report: A, B, the change and its 95% interval (None for run-level totals
    such as tokens and cost, which have no per-item resampling)."""
    intervals = paired_bootstrap(a.suite, a.items, b.items)
    rows = []
    for key, new in b.summary.items():
        old = a.summary.get(key)
        if isinstance(new, float) and isinstance(old, float):
            interval = intervals.get(key)
            rows.append({"metric": key, "a": old, "b": new, "delta": new - old,
                         "ci95": list(interval) if interval else None})
    return rows
