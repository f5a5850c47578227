"""Compare two runs of a suite: per-metric deltas with paired bootstrap 95% intervals (resampling the
items both runs share), the items that got worse, and a gate against floors and tolerances kept in
evals/gates.toml."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from interviewer import locations
from interviewer.evals.runs import summarizer

RESAMPLES = 400


def paired_bootstrap(suite: str, a: list[dict], b: list[dict], seed: int = 0) -> dict[str, tuple[float, float]]:
    by_id_a = {i["id"]: i for i in a}
    by_id_b = {i["id"]: i for i in b}
    shared = sorted(set(by_id_a) & set(by_id_b))
    if len(shared) < 2:
        return {}
    summarize = summarizer(suite)
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


def worse_items(suite: str, a: list[dict], b: list[dict]) -> list[str]:
    by_id_a = {i["id"]: i for i in a}
    worse = []
    for item in b:
        old = by_id_a.get(item["id"])
        if old is None:
            continue
        if suite == "scoring" and item.get("valid") and old.get("valid"):
            if abs(item["gold"] - item["pred"]) > abs(old["gold"] - old["pred"]):
                worse.append(f"{item['id']}: level {old['pred']} -> {item['pred']} (gold {item['gold']})")
        elif suite == "interviewer":
            lost = [k for k, ok in item["checks"].items() if not ok and old["checks"].get(k)]
            if lost:
                worse.append(f"{item['id']}: now fails {', '.join(lost)}")
        elif suite == "retrieval":
            if set(old["filtered"]) & set(old["relevant"]) and not set(item["filtered"]) & set(item["relevant"]):
                worse.append(f"{item['id']}: {item['query']!r} lost its relevant chunk")
    return worse


def load_gates(path: Path | None = None) -> dict:
    path = path or locations.evals_dir() / "gates.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def gate(suite: str, baseline: dict, run: dict, gates: dict) -> list[str]:
    """Violations: a metric below its floor, or worse than the baseline by more than its tolerance."""
    rules = gates.get(suite, {})
    lower_better = set(rules.get("lower_is_better", []))
    failures = []
    for metric, floor in rules.get("floors", {}).items():
        value = run["summary"].get(metric)
        if value is None:
            failures.append(f"{metric}: missing from the run")
        elif (value > floor) if metric in lower_better else (value < floor):
            failures.append(f"{metric} = {value:.3f} is {'above the ceiling' if metric in lower_better else 'below the floor'} {floor}")
    for metric, tolerance in rules.get("tolerances", {}).items():
        new, old = run["summary"].get(metric), baseline["summary"].get(metric)
        if new is None or old is None:
            continue
        drop = (new - old) if metric in lower_better else (old - new)
        if drop > tolerance:
            failures.append(f"{metric} = {new:.3f} vs baseline {old:.3f}: worse by {drop:.3f} (tolerance {tolerance})")
    return failures
