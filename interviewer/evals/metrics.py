"""Metrics the suites share: ranking quality for retrieval (binary relevance), agreement with gold levels,
and the latency percentiles every run reports."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from sklearn.metrics import cohen_kappa_score


def recall_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for position, item in enumerate(ranked, start=1):
        if item in relevant:
            return 1.0 / position
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    seen: set[str] = set()
    dcg = 0.0
    for position, item in enumerate(ranked[:k], start=1):
        if item in relevant and item not in seen:
            dcg += 1.0 / math.log2(position + 1)
            seen.add(item)
    ideal = sum(1.0 / math.log2(p + 1) for p in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0


def qwk(gold: Sequence[int], pred: Sequence[int]) -> float:
    """Quadratic weighted kappa on levels 1-4; with a single level in play, 1.0 if equal, else 0.0."""
    if len(set(gold) | set(pred)) < 2:
        return 1.0 if list(gold) == list(pred) else 0.0
    return float(cohen_kappa_score(gold, pred, weights="quadratic", labels=[1, 2, 3, 4]))


def latency_percentiles(values: Iterable[float], prefix: str = "latency") -> dict[str, float]:
    """`{prefix}_p50_s` and `{prefix}_p95_s` (nearest rank); empty when there are no values."""
    ordered = sorted(values)
    if not ordered:
        return {}
    return {f"{prefix}_p50_s": ordered[len(ordered) // 2],
            f"{prefix}_p95_s": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]}
