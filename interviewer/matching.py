"""Which key points a candidate's words cover, decided in code: a cue phrase from the case file appears
in the text, or (when embeddings are available) a sentence is close enough to the key point itself.

The same matcher serves the engine (what to follow up on) and the scorer (covered and missed points), so
a sentence earns the same credit in both, and an injection or a list of buzzwords earns nothing in either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol

import numpy as np

from interviewer.domain.case import CaseStudy, KeyPoint
from interviewer.text import INJECTION, cue_pattern, sentences


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


def creditable_text(text: str) -> str:
    """The parts of a candidate's text that can earn credit: every sentence but injection attempts. Lines
    are kept whole, so any sentence found in the result is an exact quote of the text."""
    return "\n".join(p for p in sentences(text) if not INJECTION.search(p))


def without_buzzword_lists(hits: list[CoverageHit]) -> list[CoverageHit]:
    """Drop key points whose only evidence is a sentence that lists cues from many points with few words
    each, or a comma list of short items (correct buzzwords, no reasoning)."""
    by_sentence: dict[str, list[CoverageHit]] = {}
    for hit in hits:
        by_sentence.setdefault(hit.evidence, []).append(hit)
    dropped = set()
    for sentence, group in by_sentence.items():
        words = len(sentence.split())
        items = sentence.count(",") + 1
        if len(group) >= 3 and (words < 3 * len(group) or words < 3 * items):
            dropped |= {h.key_point_id for h in group}
    return [h for h in hits if h.key_point_id not in dropped]


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

    _shared: ClassVar[dict[tuple[str, int, int], dict[str, list[float]]]] = {}
    """Key point vectors per (case, embedder, case content): embedding them costs more than a turn."""

    def _vectors(self) -> dict[str, list[float]]:
        if self._kp_vectors is None:
            assert self.embedder is not None
            points = self.case.key_points()
            texts = [f"{kp.title}. {kp.text}" for kp in points]
            key = (self.case.slug, id(self.embedder), hash(tuple(texts)))
            if key not in self._shared:
                vectors = self.embedder.embed_documents(texts)
                self._shared[key] = dict(zip([kp.id for kp in points], vectors, strict=True))
            self._kp_vectors = self._shared[key]
        return self._kp_vectors

    def cue_hits(self, text: str, points: list[KeyPoint]) -> list[CoverageHit]:
        hits = []
        for kp in points:
            for sentence in sentences(text, min_words=3) or [text]:
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
        parts = sentences(text, min_words=max(3, self.min_words))
        if not parts or not points:
            return []
        kp_vectors = self._vectors()
        # cosine similarity: both sides are normalised, so a matrix product gives every sentence x point
        similarity = np.asarray(self.embedder.embed_documents(parts)) @ np.asarray(
            [kp_vectors[kp.id] for kp in points]).T
        hits = []
        for column, kp in enumerate(points):
            best = int(np.argmax(similarity[:, column]))
            score = float(similarity[best, column])
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

    def credit(self, text: str, step: str | None = None, exclude: set[str] | None = None) -> list[CoverageHit]:
        """The key points `text` earns: `match` on its creditable sentences, buzzword lists dropped. The
        engine and the scorer both use this, so an injection earns nothing in either."""
        eligible = creditable_text(text)
        return without_buzzword_lists(self.match(eligible, step, exclude)) if eligible.strip() else []
