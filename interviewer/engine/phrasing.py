"""The model phrases the policy's draft; code checks the result. A phrasing that adds numbers, talks about
scores, leaks what a strong answer contains, drops the question, or is empty or rambling is replaced by
the draft itself, so a weak model can make the interviewer sound stilted but never wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.domain.case import CaseStudy
from interviewer.domain.session import Turn
from interviewer.engine.policy import Move
from interviewer.prompts import PromptSet
from interviewer.providers import Message, system, user
from interviewer.text import clip, last_question, numbers, overlap, questions, sentences, word_grams

FORBIDDEN = re.compile(
    r"\b(score|scored|scoring|rubric|hire|no[- ]hire|reference answer|model answer|key points?|grade|graded|"
    r"level [1-4]|as an ai|language model)\b",
    re.I,
)
SCAFFOLD = re.compile(
    r"your task|your answer|</?candidate>|\bthe draft\b|in your own words|the candidate said|the answer (to this "
    r"question )?is",
    re.I,
)


MIN_OVERLAP = 0.5
"""Share of the draft's content words the phrasing must keep: a rephrasing, not a new reply."""
QUESTION_OVERLAP = 0.6
"""Share of each draft question's content words the phrasing must keep: asking about features instead
of the requirements is a different question, however fluent."""
def token_budget(draft: str, ceiling: int) -> int:
    """Enough tokens to say the draft a little differently, and no more: small models ramble."""
    return max(24, min(ceiling, int(len(draft) / 3) + 24))


def first_paragraph(text: str) -> str:
    """An interviewer's line is one paragraph; small models go on after a blank line with made-up
    dialogue ("Line: ... Rewrite: ..."), which is cut off, not shown."""
    return text.strip().split("\n\n", 1)[0].strip()


@dataclass(frozen=True)
class PhrasingCheck:
    ok: bool
    reason: str = ""


def prompt_grams(prompts: PromptSet) -> frozenset[tuple[str, ...]]:
    """Word 3-grams of the phrasing prompts' own wording (not their variables): a reply that contains one
    is reading the prompt out ('Finish by asking: ...'), whatever the version says."""
    grams: set[tuple[str, ...]] = set()
    for name in ("system", "turn"):
        for fixed in re.split(r"\{\w+\}", prompts.template(name).text):
            grams |= word_grams(fixed)
    return frozenset(grams)


def check_phrasing(
    text: str, move: Move, case: CaseStudy, prompt_wording: frozenset[tuple[str, ...]] = frozenset()
) -> PhrasingCheck:
    """`prompt_wording`: see `prompt_grams`."""
    clean = text.strip()
    if len(clean) < 8:
        return PhrasingCheck(False, "empty")
    if len(clean) > 2 * len(move.draft) + 80:
        return PhrasingCheck(False, "too long")
    extra = numbers(clean) - numbers(move.draft)
    if extra:
        return PhrasingCheck(False, f"numbers not in the draft: {', '.join(sorted(extra))}")
    if FORBIDDEN.search(clean) and not FORBIDDEN.search(move.draft):
        return PhrasingCheck(False, "talks about scoring")
    if SCAFFOLD.search(clean) or (word_grams(clean) - word_grams(move.draft)) & prompt_wording:
        return PhrasingCheck(False, "echoes the prompt")
    if move.question and "?" not in clean:
        return PhrasingCheck(False, "dropped the question")
    for question in questions(move.draft):
        if overlap(question, clean) < QUESTION_OVERLAP:
            return PhrasingCheck(False, "changed the question")
    kept = overlap(move.draft, clean)
    if kept < MIN_OVERLAP:
        return PhrasingCheck(False, f"strays from the draft ({kept:.0%} of its words kept)")
    said = [s.lower() for s in sentences(clean)]
    if len(said) != len(set(said)):
        return PhrasingCheck(False, "repeats itself")
    if move.key_point_id:
        kp = case.key_point(move.key_point_id)
        leaked = [c for c in kp.cues if c in clean.lower() and c not in move.draft.lower()]
        if leaked:
            return PhrasingCheck(False, f"gives away the point ({leaked[0]})")
    return PhrasingCheck(True)


def build_messages(
    prompts: PromptSet, case: CaseStudy, move: Move, candidate_text: str, history: list[Turn], history_turns: int
) -> list[Message]:
    """Fixed system text first, then recent history, then this move: the prefix stays the same across
    turns, so llama.cpp reuses its cache and reads only the new tokens."""
    messages = [system(prompts.render("system", case_title=case.title))]
    for turn in history[-history_turns:] if history_turns else []:
        messages.append(Message("assistant" if turn.role == "interviewer" else "user", clip(turn.text, 300)))
    offered: dict[str, object] = {"candidate": clip(candidate_text, 500) or "(nothing yet)",
               "instruction": move.instruction or "say this", "draft": move.draft,
               "question": move.question or last_question(move.draft) or "(no question)"}
    messages.append(user(prompts.render("turn", **prompts.pick("turn", offered))))
    return messages

