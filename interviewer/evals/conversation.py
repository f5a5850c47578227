"""Checks on the words of a held-out interview, not on the engine's move labels: did the reply to a fact
question carry the brief's figure, was a rephrase worded differently, did any two interviewer lines read
the same, did a follow-up ask for something already said. Each check is a plain function of the
transcript, so the same check judges any engine, phrasing or model."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from interviewer.domain.case import CaseStudy
from interviewer.engine.phrasing import FORBIDDEN
from interviewer.matching import CoverageMatcher
from interviewer.phrases import contains_phrase, normal_form
from interviewer.text import clip, content_words, numbers, overlap, word_grams

NEAR_SAME = 0.5
"""Word 4-gram overlap (share of the shorter line's 4-grams) at which two interviewer lines read the same."""
FULL_ANSWER_PERSONAS = frozenset({"strong", "average", "answers-early"})
"""Candidates whose answers should get a full interview. A rambler's 300-word turns take minutes to type
each, so the clock rightly moves them on after one."""
TURNS_PER_STEP = (2, 8)
"""Candidate turns a step should take for a candidate who answers fully: advancing after one answer is
too quick, more than eight is stuck."""
MAX_MINUTES = 47.0
GENERIC = frozenset(content_words(
    "would model data system use using need think approach also make could first want like well good going "
    "really something things just question answer step design able based time", min_length=4))
"""Words every interview uses: sharing one of them does not make a question relate to an answer."""
CONTENT = frozenset({"answer", "ask_fact", "ask_unknown", "wrong_fact"})
STEP_CASING = re.compile(r"\bml\b|\bMl\b")
ASSUMES = re.compile(r"assum|not in the brief|brief doesn't|brief does not|don't have (a|that)|not specified", re.I)


@dataclass
class Exchange:
    """A candidate turn and what the interviewer showed in reply."""

    text: str
    intent: str
    expect: str
    phase: str
    reply: str = ""
    shown: str = ""
    """What reached the screen (the streamed tokens), to compare with what was stored."""
    reply_move: str = ""
    reply_key_point: str = ""
    previous_question: str = ""
    finished_after: bool = False
    filler: bool = False


@dataclass
class Conversation:
    persona: str
    exchanges: list[Exchange] = field(default_factory=list)
    interviewer_lines: list[tuple[str, str, str]] = field(default_factory=list)
    """(text, move, key point) of every interviewer line, the greeting included."""
    minutes: float = 0.0


def near_same(a: str, b: str) -> float:
    """Share of the shorter line's word 4-grams the other line also has."""
    ga, gb = word_grams(a, 4), word_grams(b, 4)
    if not ga or not gb:
        return 1.0 if a.strip().lower() == b.strip().lower() and a.strip() else 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def _has_figure(reply: str, expect: str) -> bool:
    wanted = numbers(expect)
    if wanted:
        return wanted <= numbers(reply)
    return overlap(expect, reply) >= 0.6


def _fact_lines(case: CaseStudy, text: str) -> bool:
    return any(f.text[:40] in text for f in case.facts)


def check(conversation: Conversation, case: CaseStudy, matcher: CoverageMatcher,
          failures: dict[str, str] | None = None) -> dict[str, bool]:
    """Every check on one interview: `name#n` -> passed. `failures` gets, for each failed check, the
    candidate's line and the reply that failed it."""
    results: dict[str, bool] = {}
    counts: dict[str, int] = defaultdict(int)
    current: list[Exchange | None] = [None]

    def record(name: str, ok: bool) -> None:
        counts[name] += 1
        key = f"{name}#{counts[name]}"
        results[key] = bool(ok)
        ex = current[0]
        if not ok and failures is not None:
            failures[key] = f"[{ex.phase}] {clip(ex.text, 160)} -> {clip(ex.reply, 200)}" if ex else ""

    said_before: set[str] = set()
    for ex in conversation.exchanges:
        current[0] = ex
        reply = ex.reply
        if ex.intent == "ask_fact" and ex.expect:
            record("fact_answer", _has_figure(reply, ex.expect))
        elif ex.intent == "wrong_fact" and ex.expect:
            record("wrong_fact_corrected", _has_figure(reply, ex.expect))
        elif ex.intent == "ask_unknown":
            record("unknown_assumed", bool(ASSUMES.search(reply)) and not (numbers(reply) - numbers(ex.text)))
        elif ex.intent == "rephrase":
            record("rephrase_differs", "?" in reply and near_same(reply, ex.previous_question) < NEAR_SAME)
        elif ex.intent == "opinion":
            record("opinion_turned_back", "?" in reply and "you" in reply.lower() and not ASSUMES.search(reply))
        elif ex.intent == "off_topic":
            record("off_topic_steered", "?" in reply and not ASSUMES.search(reply))
        elif ex.intent == "dont_know":
            record("dont_know_helped", ("?" in reply or "hint" in reply.lower())
                   and near_same(reply, ex.previous_question) < NEAR_SAME)
        elif ex.intent == "wrap_up":
            record("wrap_up_ends", ex.finished_after and near_same(reply, ex.previous_question) < NEAR_SAME)
        elif ex.intent == "injection":
            record("injection_ignored", not FORBIDDEN.search(reply) and not re.search(r"\byou pass", reply, re.I))
        if ex.reply_move == "hint" and ex.reply_key_point:
            kp = case.key_point(ex.reply_key_point)
            tokens = normal_form(reply)
            asked = normal_form(kp.ask)
            named = [c for c in matcher.cues[kp.id] if contains_phrase(tokens, c) and not contains_phrase(asked, c)]
            record("hint_names_no_cue", not named)
        if ex.reply_move in ("follow_up", "advance") and ex.reply_key_point:
            # asked for a point the candidate's words had already made, anywhere in the interview (each turn
            # judged on its own, as the scorer judges it)
            now = {h.key_point_id for h in matcher.credit(ex.text)} if ex.intent in CONTENT else set()
            record("no_ask_for_covered", ex.reply_key_point not in said_before | now)
        if ex.reply_move in ("probe", "follow_up") and not ex.filler:
            step_text = " ".join(e.text for e in conversation.exchanges if e.phase == ex.phase and not e.filler)
            shared = (content_words(reply, min_length=4) & content_words(step_text, min_length=4)) - GENERIC
            record("probe_relates", bool(shared))
        if ex.intent in CONTENT:
            said_before |= {h.key_point_id for h in matcher.credit(ex.text)}
    current[0] = None
    lines = conversation.interviewer_lines
    repeats = [
        (a, b) for i, (a, _, _) in enumerate(lines) for (b, _, _) in lines[i + 1:]
        if near_same(a, b) >= NEAR_SAME and not (_fact_lines(case, a) and _fact_lines(case, b))
    ]
    record("no_near_repeat", not repeats)
    if repeats and failures is not None:
        failures[f"no_near_repeat#{counts['no_near_repeat']}"] = " | ".join(
            f"{clip(a, 90)} ~ {clip(b, 90)}" for a, b in repeats[:3])
    record("shown_passed_checks", all(ex.shown.strip() == ex.reply.strip() for ex in conversation.exchanges))
    record("step_named_properly", not any(STEP_CASING.search(text) for text, _, _ in lines))
    if conversation.persona in FULL_ANSWER_PERSONAS:
        per_step = turns_per_step(conversation)
        low, high = TURNS_PER_STEP
        record("pace_turns_per_step", all(low <= n <= high for n in per_step.values()))
        record("pace_minutes", conversation.minutes <= MAX_MINUTES)
    return results


def turns_per_step(conversation: Conversation) -> dict[str, int]:
    """Candidate turns per step, for steps the candidate did not leave by asking to move on."""
    counts: dict[str, int] = defaultdict(int)
    left: set[str] = set()
    for ex in conversation.exchanges:
        counts[ex.phase] += 1
        if ex.intent in ("move_on", "wrap_up") and not ex.filler:
            left.add(ex.phase)
    return {step: n for step, n in counts.items() if step not in left}


def repeated_pairs(lines: Sequence[str]) -> int:
    """How many pairs of interviewer lines read the same (for the summary)."""
    return sum(1 for i, a in enumerate(lines) for b in lines[i + 1:] if near_same(a, b) >= NEAR_SAME)
