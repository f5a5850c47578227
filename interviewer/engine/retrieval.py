"""Find the scenario facts that answer a clarifying question: keywords first (deterministic, right for the
common questions), then the knowledge index restricted to this case's facts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from interviewer.domain.case import CaseStudy, Fact

if TYPE_CHECKING:
    from interviewer.knowledge.index import KnowledgeIndex

SYNONYMS: dict[str, tuple[str, ...]] = {
    "users": ("users", "user base", "dau", "mau", "daily active", "monthly active", "how many people", "audience"),
    "traffic": ("qps", "rps", "requests per second", "queries per second", "traffic", "peak", "load", "throughput"),
    "catalogue": ("catalog", "catalogue", "how many items", "inventory", "corpus", "how many videos",
                  "how many listings", "how many events", "how many ads", "how many images", "how many posts"),
    "latency": ("latency", "response time", "how fast", "milliseconds", " ms", "slo", "real time", "real-time"),
    "data": ("what data", "data do we have", "logs", "history", "historical", "dataset", "data available"),
    "labels": ("label", "labels", "labelled", "labeled", "ground truth", "annotat", "feedback signal"),
    "constraints": ("constraint", "privacy", "regulat", "gdpr", "compliance", "legal", "budget", "cost limit"),
    "goal": ("goal", "objective", "success", "kpi", "optimi", "business metric", "what are we trying"),
}


def _keywords(fact: Fact) -> tuple[str, ...]:
    own = tuple(w for w in re.findall(r"[a-z]{4,}", f"{fact.key.replace('-', ' ')} {fact.label}".lower()))
    return SYNONYMS.get(fact.key, ()) + own


class FactRetriever:
    def __init__(self, case: CaseStudy, index: KnowledgeIndex | None = None, threshold: float = 0.45) -> None:
        self.case = case
        self.index = index
        self.threshold = threshold

    def keyword_facts(self, question: str) -> list[Fact]:
        text = f" {question.lower()} "
        scored = []
        for fact in self.case.facts:
            hits = sum(1 for k in _keywords(fact) if k in text)
            if hits:
                scored.append((hits, fact))
        if not scored:
            return []
        best = max(h for h, _ in scored)
        return [f for h, f in scored if h == best][:2]

    def find(self, question: str) -> list[Fact]:
        """The facts that answer `question`; empty when the case does not cover it."""
        facts = self.keyword_facts(question)
        if facts or self.index is None:
            return facts
        hits = self.index.search(question, case=self.case.slug, kind="fact", k=2)
        found = []
        for hit in hits:
            if hit.score < self.threshold or "#fact." not in hit.chunk_id:
                continue
            key = hit.base_id.split("#fact.", 1)[1]
            found.append(self.case.fact(key))
        return found[:1]
