"""Deterministic scoring from the transcript: which key points the candidate's own words cover (with the
quote that covers each), and the transcript rules behind the cross-cutting criteria. No model needed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from interviewer.claims import challenge_for
from interviewer.domain.case import CaseStudy, Challenge
from interviewer.domain.session import Turn
from interviewer.matching import (
    CoverageHit,
    CoverageMatcher,
    creditable_text,
    is_question,
)
from interviewer.negation import dismisses, rejects
from interviewer.phrases import normal_form
from interviewer.text import (
    CONTRAST,
    ML_WORDS,
    QUANTITY,
    REASONING,
    cue_pattern,
    is_term_list,
    says_when_or_why,
    sentences,
)


def shows_reasoning(sentence: str) -> bool:
    """A why, a trade-off or a number in a statement; a short one counts only with a figure and its unit
    ("21-day accept window"), which is a decision, not a bare assertion ("We monitor drift.")."""
    if is_question(sentence):
        return False
    if len(sentence.split()) >= 8:
        return bool(REASONING.search(sentence) or CONTRAST.search(sentence) or QUANTITY.search(sentence))
    return len(sentence.split()) >= 3 and says_when_or_why(sentence)


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
    phases: dict[str, str] = field(default_factory=dict)
    """turn id -> the step it was said in."""
    hinted: set[str] = field(default_factory=set)
    tradeoff_quotes: list[Quote] = field(default_factory=list)
    quantitative_quotes: list[Quote] = field(default_factory=list)
    substantive_quotes: list[Quote] = field(default_factory=list)
    reasons: dict[str, set[str]] = field(default_factory=dict)
    """step -> sentences about the design that give a why, a trade-off or a number, said in that step's
    turns or covering one of its points."""
    step_words: dict[str, int] = field(default_factory=dict)
    """step -> words the candidate said in it about the design (padding does not count)."""
    addressed: dict[str, list[Quote]] = field(default_factory=dict)
    """step -> statements said in it that address the design (not rejected, not a list of terms)."""
    asked: dict[str, list[Quote]] = field(default_factory=dict)
    """step -> questions asked in it about the design."""
    rejections: dict[str, int] = field(default_factory=dict)
    """step -> sentences said in it that reject something ("drift monitoring isn't needed")."""
    candidate_turns: int = 0
    words: int = 0
    """Words the candidate said that could earn credit (a three-minute interview says few)."""
    off_case_turns: int = 0
    """Turns that answered another product than this case."""
    unsound: dict[str, tuple[Quote, str]] = field(default_factory=dict)
    """step -> a claim said in it that does not hold (knowledge/challenges.md) and that nothing said in the
    step handles: the sentence, and what the claim is."""


def gather(case: CaseStudy, turns: list[Turn], matcher: CoverageMatcher, notes: str = "",
           challenges: Sequence[Challenge] = ()) -> TranscriptEvidence:
    """`challenges`: claims that do not hold, which keep a step that makes them below hire level."""
    candidate = [t for t in turns if t.role == "candidate"]
    quotable = {t.id: t.text for t in candidate}
    if notes.strip():
        quotable["notes"] = notes
    evidence = TranscriptEvidence(turns=quotable, candidate_turns=len(candidate),
                                  phases={t.id: t.phase for t in candidate})
    hint_seq: dict[str, int] = {}
    for t in turns:
        if t.role == "interviewer" and t.move == "hint" and t.meta.get("key_point"):
            hint_seq.setdefault(t.meta["key_point"], t.seq)
    vocabulary = [c for kp in case.key_points() for c in kp.cues] + [t for p in case.probes for t in p.triggers]
    own_words = matcher.topic.own if matcher.topic is not None else frozenset()  # this product's words
    # a view argued before asking ours ("I lean X because Y. Your view?") is an answer, as the engine reads it
    sources = [(t.id, t.seq, t.text) for t in candidate
               if t.kind in ("answer", "clarifying_question", "opinion_request")]
    if notes.strip():
        sources.append(("notes", 10**6, notes))  # notes count after every turn, and earn like a turn does
    whole = "\n".join(creditable_text(raw) for _, _, raw in sources)
    steps_answered = {evidence.phases.get(turn_id) for turn_id, _, _ in sources}
    # a whole interview (three steps or more) can be told from the case's brief; one answer cannot
    another_case = matcher.topic is not None and (
        matcher.topic.transcript_off_case(whole) if len(steps_answered) >= 3
        else matcher.topic.about_another_case(whole))
    for turn_id, seq, raw in sources:
        text = creditable_text(raw)
        if not text.strip():
            continue
        if another_case or (matcher.topic is not None and matcher.topic.about_another_case(text)):
            evidence.off_case_turns += 1
            continue  # an answer about another product shows nothing about this case
        evidence.words += len(text.split())
        for hit in matcher.credit(text):
            if hit.key_point_id in evidence.hits:
                continue
            evidence.hits[hit.key_point_id] = (hit, turn_id)
            if hit.key_point_id in hint_seq and hint_seq[hit.key_point_id] < seq:
                evidence.hinted.add(hit.key_point_id)
            if shows_reasoning(hit.evidence):
                evidence.reasons.setdefault(hit.step, set()).add(hit.evidence)
        phase = evidence.phases.get(turn_id)
        for sentence in sentences(text):
            words = len(sentence.split())
            on_topic = any(cue_pattern(v).search(sentence) for v in vocabulary)
            # about the design, not padding: the case's cues, the field's words, or two of the case's own
            about = bool(on_topic or ML_WORDS.search(sentence)
                         or len(own_words.intersection(normal_form(sentence).stems)) >= 2)
            step = phase if about else None
            if step:
                evidence.step_words[step] = evidence.step_words.get(step, 0) + words
            if step and rejects(sentence):
                evidence.rejections[step] = evidence.rejections.get(step, 0) + 1
            elif step and words >= 8 and not is_term_list(sentence):
                said = evidence.asked if is_question(sentence) else evidence.addressed
                said.setdefault(step, []).append(Quote(turn_id, sentence))
            if step and shows_reasoning(sentence):
                evidence.reasons.setdefault(step, set()).add(sentence)
            if words < 6 or is_question(sentence):
                continue
            if CONTRAST.search(sentence) and on_topic and not dismisses(sentence):
                # "X, but I wouldn't bother with Y" waves Y away; it weighs nothing
                evidence.tradeoff_quotes.append(Quote(turn_id, sentence))
            if QUANTITY.search(sentence) and about:
                evidence.quantitative_quotes.append(Quote(turn_id, sentence))
            if words >= 8 and (on_topic or len(ML_WORDS.findall(sentence)) >= 2):
                evidence.substantive_quotes.append(Quote(turn_id, sentence))
    _unsound_claims(case, evidence, [(t, creditable_text(raw)) for t, _, raw in sources], challenges)
    return evidence


def _unsound_claims(case: CaseStudy, evidence: TranscriptEvidence, said: list[tuple[str, str]],
                    challenges: Sequence[Challenge]) -> None:
    """The first claim that does not hold in each step, unless something said in that step handles it."""
    by_step: dict[str, list[str]] = {}
    for turn_id, text in said:
        by_step.setdefault(evidence.phases.get(turn_id, ""), []).append(text)
    for turn_id, text in said:
        step = evidence.phases.get(turn_id, "")
        if step in evidence.unsound:
            continue
        raised = challenge_for(challenges, case.slug, step, text, by_step[step], ())
        if raised is not None:
            evidence.unsound[step] = (Quote(turn_id, raised.sentence), raised.challenge.title)
