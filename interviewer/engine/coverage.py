"""Which key points a candidate's words cover, decided in code: a cue phrase from the case file appears
in the text, or (when embeddings are available) a sentence is close enough to the key point itself.

The same matcher serves the engine (what to follow up on) and the scorer (covered and missed points).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from interviewer.domain.case import CaseStudy, KeyPoint


class Embedder(Protocol):
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class CoverageHit:
    key_point_id: str
    step: str
    evidence: str
    """The sentence of the candidate's text that covers the point."""
    score: float
    via: str  # "cue" or "embedding"


@lru_cache(maxsize=4096)
def cue_pattern(cue: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in cue.lower().split()]
    # allow simple plurals and hyphen/space variants: "hard negative" matches "hard-negatives"
    body = r"[\s-]+".join(words)
    return re.compile(rf"(?<![\w]){body}(s|es)?(?![\w])", re.I)


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?;])\s+|\n+", text.strip())
    return [p.strip() for p in parts if len(p.strip().split()) >= 3]


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=False))


class CoverageMatcher:
    def __init__(
        self, case: CaseStudy, embedder: Embedder | None = None, threshold: float = 0.62, min_words: int = 4
    ) -> None:
        """`threshold`: cosine similarity (normalised embeddings) above which a sentence covers a point."""
        self.case = case
        self.embedder = embedder
        self.threshold = threshold
        self.min_words = min_words
        self._kp_vectors: dict[str, list[float]] | None = None

    _shared: dict[tuple[str, int, int], dict[str, list[float]]] = {}
    """Key point vectors per (case, embedder, case content): embedding them costs more than a turn."""

    def _vectors(self) -> dict[str, list[float]]:
        if self._kp_vectors is None:
            assert self.embedder is not None
            points = self.case.key_points()
            texts = [f"{kp.title}. {kp.text}" for kp in points]
            key = (self.case.slug, id(self.embedder), hash(tuple(texts)))
            if key not in self._shared:
                self._shared[key] = dict(zip([kp.id for kp in points], self.embedder.embed_documents(texts), strict=True))
            self._kp_vectors = self._shared[key]
        return self._kp_vectors

    def cue_hits(self, text: str, points: list[KeyPoint]) -> list[CoverageHit]:
        hits = []
        for kp in points:
            for sentence in sentences(text) or [text]:
                if len(sentence.split()) < self.min_words:
                    continue
                matched = [c for c in kp.cues if cue_pattern(c).search(sentence)]
                if matched:
                    hits.append(CoverageHit(kp.id, kp.step, sentence, 1.0, "cue"))
                    break
        return hits

    def embedding_hits(self, text: str, points: list[KeyPoint]) -> list[CoverageHit]:
        if self.embedder is None:
            return []
        parts = [s for s in sentences(text) if len(s.split()) >= self.min_words]
        if not parts:
            return []
        vectors = self.embedder.embed_documents(parts)
        kp_vectors = self._vectors()
        hits = []
        for kp in points:
            best = max(range(len(parts)), key=lambda i: _dot(vectors[i], kp_vectors[kp.id]))
            score = _dot(vectors[best], kp_vectors[kp.id])
            if score >= self.threshold:
                hits.append(CoverageHit(kp.id, kp.step, parts[best], round(score, 4), "embedding"))
        return hits

    def match(self, text: str, step: str | None = None, exclude: set[str] | None = None) -> list[CoverageHit]:
        """Key points (of one step, or all) covered by `text`, cue matches first, one hit per point."""
        points = [kp for kp in self.case.key_points(step) if not exclude or kp.id not in exclude]
        found: dict[str, CoverageHit] = {h.key_point_id: h for h in self.cue_hits(text, points)}
        remaining = [kp for kp in points if kp.id not in found]
        for hit in self.embedding_hits(text, remaining):
            found.setdefault(hit.key_point_id, hit)
        order = {kp.id: i for i, kp in enumerate(points)}
        return sorted(found.values(), key=lambda h: order[h.key_point_id])
