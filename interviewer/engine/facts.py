"""Find the scenario facts that answer a clarifying question, decided in code.

Each fact scores 2 per keyword (its key, its label, the synonyms below) found at the start of a word of
the question, and 1.5 per distinctive word it shares with the question: a word of the fact's own text that
at most two of the case's facts use ("accounts sign up" finds the cold-start fact). A fact needs 2: one
keyword, or two shared words; two shared words outweigh one generic keyword ("each day"). Word starts, not
substrings: "transactions" is not "actions" and "upload" is not "load". Only when nothing scores does the
knowledge index get a say, and then only a close dense match counts: a loose one would answer a question
the brief does not cover ("how many people are on the team?") with an unrelated fact.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from interviewer.domain.case import CaseStudy, Fact
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.text import content_words, stem, word_start

SYNONYMS: dict[str, tuple[str, ...]] = {
    "users": ("users", "user base", "dau", "mau", "daily active", "monthly active", "how many people use",
              "audience"),
    "traffic": ("qps", "rps", "requests per second", "queries per second", "per second", "traffic", "peak",
                "load", "throughput", "per day", "a day", "each day"),
    "catalogue": ("catalog", "catalogue", "how many items", "inventory", "corpus", "how many videos",
                  "how many listings", "how many events", "how many ads", "how many images", "how many posts"),
    "latency": ("latency", "response time", "how fast", "milliseconds", "ms", "slo", "real time", "real-time"),
    "data": ("what data", "data do we have", "logs", "history", "historical", "dataset", "data available"),
    "labels": ("label", "labelled", "labeled", "ground truth", "annotat", "feedback signal"),
    "constraints": ("constraint", "privacy", "regulat", "gdpr", "compliance", "legal", "budget", "cost limit"),
    "marketplace": ("auction", "bidding", "bids", "second price", "first price", "reserve price"),
    "goal": ("goal", "objective", "success", "kpi", "optimi", "business metric", "what are we trying"),
}

QUESTION_WORDS = frozenset(stem(w) for w in (
    "many much have there like look does need know tell about able sure each every some other more "
    "most kind sort part also just well make take give used using"
).split())
"""Words any question uses: shared with a fact, they say nothing about which fact is asked for."""


TWO_PARTS = re.compile(r"\band\b|,|\?.*\w.*\?")


def distinctive_words(text: str) -> set[str]:
    """Content words of four letters or more that are not common to every question."""
    return content_words(text, min_length=4) - QUESTION_WORDS


class FactRetriever:
    def __init__(self, case: CaseStudy, index: KnowledgeIndex | None = None, threshold: float = 0.6) -> None:
        """`threshold`: dense similarity an index match needs when no keyword or shared word decided."""
        self.case = case
        self.index = index
        self.threshold = threshold

    @cached_property
    def _keywords(self) -> dict[str, list[re.Pattern[str]]]:
        out = {}
        for fact in self.case.facts:
            own = {fact.key.replace("-", " "), fact.label.lower(), *fact.key.split("-")}
            phrases = {p for p in (*SYNONYMS.get(fact.key, ()), *own) if len(p) >= 2}
            out[fact.key] = [word_start(p) for p in phrases]
        return out

    @cached_property
    def _distinctive(self) -> dict[str, set[str]]:
        words = {f.key: distinctive_words(f.text) for f in self.case.facts}
        spread = Counter(w for ws in words.values() for w in ws)
        return {key: {w for w in ws if spread[w] <= 2} for key, ws in words.items()}

    def scores(self, question: str) -> dict[str, float]:
        text = question.lower()
        asked = distinctive_words(question)
        out = {}
        for fact in self.case.facts:
            score = 2.0 * sum(1 for p in self._keywords[fact.key] if p.search(text))
            score += 1.5 * len(asked & self._distinctive[fact.key])
            if score >= 2:
                out[fact.key] = score
        return out

    def keyword_facts(self, question: str) -> list[Fact]:
        """The best-scoring facts (two at most: "the catalogue, and the peak QPS?" asks for both)."""
        scores = self.scores(question)
        if not scores:
            return []
        ranked = sorted(scores, key=lambda k: -scores[k])
        best = scores[ranked[0]]
        # a second fact needs a keyword of its own, and two of them unless the question has two parts
        two_parts = bool(TWO_PARTS.search(question))
        chosen = [k for k in ranked if scores[k] == best
                  or (self._keyword_hit(k, question) and (scores[k] >= 4 or two_parts))]
        return [self.case.fact(k) for k in chosen[:2]]

    def _keyword_hit(self, key: str, question: str) -> bool:
        return any(p.search(question.lower()) for p in self._keywords[key])

    def find(self, question: str) -> list[Fact]:
        """The facts that answer `question`; empty when the case does not cover it."""
        facts = self.keyword_facts(question)
        if facts or self.index is None:
            return facts
        hits = self.index.search(question, case=self.case.slug, kind="fact", k=1)
        for hit in hits:
            if hit.score >= self.threshold and "#fact." in hit.chunk_id:
                return [self.case.fact(hit.base_id.split("#fact.", 1)[1])]
        return []
