"""Lexical (BM25) ranking over the indexed chunks, fused with the dense ranking by reciprocal rank
fusion. Small embedding models miss exact terms ("p99", "chargeback", "PSD2"); BM25 does not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rank_bm25 import BM25Okapi

from interviewer.text import tokens


class LexicalRanker:
    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        self.ids = list(ids)
        self._bm25 = BM25Okapi([tokens(t) or ["_"] for t in texts]) if ids else None

    def rank(self, query: str, k: int) -> list[str]:
        if self._bm25 is None:
            return []
        scores = self._bm25.get_scores(tokens(query))
        order = sorted(range(len(self.ids)), key=lambda i: (-scores[i], i))
        return [self.ids[i] for i in order[:k] if scores[i] > 0]


def reciprocal_rank_fusion(rankings: Iterable[Sequence[str]], k: int = 60) -> list[str]:
    """Cormack et al. (SIGIR 2009): sum of 1 / (k + rank) over the rankings."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for position, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + position)
    return sorted(scores, key=lambda item: (-scores[item], item))
