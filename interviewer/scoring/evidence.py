"""Deterministic scoring from the transcript: which key points the candidate's own words cover (with the
quote that covers each), and the transcript rules behind the cross-cutting criteria. No model needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interviewer.domain.case import CaseStudy
from interviewer.domain.session import Turn
from interviewer.matching import CoverageHit, CoverageMatcher, creditable_text
from interviewer.text import ML_WORDS, cue_pattern, sentences

CONTRAST = re.compile(
    r"\b(but|however|whereas|trade-?offs?|versus|vs\.?|instead of|on the other hand|at the cost of|in exchange|"
    r"cheaper|faster|slower|costlier|more expensive|depends on|the downside|the upside|rather than)\b",
    re.I,
)
QUANTITY = re.compile(
    r"\b\d[\d,.]*\s*(%|ms|s\b|k\b|m\b|b\b|gb|tb|qps|rps|million|billion|thousand|x\b|hours?|days?|minutes?)", re.I)


@dataclass
class Quote:
    turn_id: str
    text: str


@dataclass
class TranscriptEvidence:
    """What the candidate's words show, computed once per scoring."""

    turns: dict[str, str]
    """Candidate turn id -> text: only these can be quoted."""
    hits: dict[str, tuple[CoverageHit, str]] = field(default_factory=dict)
    """key point id -> (hit, turn id) for the first turn that covers it."""
    hinted: set[str] = field(default_factory=set)
    tradeoff_quotes: list[Quote] = field(default_factory=list)
    quantitative_quotes: list[Quote] = field(default_factory=list)
    substantive_quotes: list[Quote] = field(default_factory=list)
    candidate_turns: int = 0


def gather(case: CaseStudy, turns: list[Turn], matcher: CoverageMatcher, notes: str = "") -> TranscriptEvidence:
    candidate = [t for t in turns if t.role == "candidate"]
    quotable = {t.id: t.text for t in candidate}
    if notes.strip():
        quotable["notes"] = notes
    evidence = TranscriptEvidence(turns=quotable, candidate_turns=len(candidate))
    hint_seq: dict[str, int] = {}
    for t in turns:
        if t.role == "interviewer" and t.move == "hint" and t.meta.get("key_point"):
            hint_seq.setdefault(t.meta["key_point"], t.seq)
    vocabulary = [c for kp in case.key_points() for c in kp.cues] + [t for p in case.probes for t in p.triggers]
    sources = [(t.id, t.seq, t.text) for t in candidate if t.kind in ("answer", "clarifying_question")]
    if notes.strip():
        sources.append(("notes", 10**6, notes))  # notes count after every turn, and earn like a turn does
    for turn_id, seq, raw in sources:
        text = creditable_text(raw)
        if not text.strip():
            continue
        for hit in matcher.credit(text):
            if hit.key_point_id in evidence.hits:
                continue
            evidence.hits[hit.key_point_id] = (hit, turn_id)
            if hit.key_point_id in hint_seq and hint_seq[hit.key_point_id] < seq:
                evidence.hinted.add(hit.key_point_id)
        for sentence in sentences(text, min_words=3):
            words = len(sentence.split())
            if words < 6:
                continue
            on_topic = any(cue_pattern(v).search(sentence) for v in vocabulary)
            if CONTRAST.search(sentence) and on_topic:
                evidence.tradeoff_quotes.append(Quote(turn_id, sentence))
            if QUANTITY.search(sentence) and (on_topic or ML_WORDS.search(sentence)):
                evidence.quantitative_quotes.append(Quote(turn_id, sentence))
            if words >= 8 and (on_topic or len(ML_WORDS.findall(sentence)) >= 2):
                evidence.substantive_quotes.append(Quote(turn_id, sentence))
    return evidence
