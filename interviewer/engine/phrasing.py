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
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


MIN_OVERLAP = 0.5
"""Share of the draft's content words the phrasing must keep: a rephrasing, not a new reply."""
QUESTION_OVERLAP = 0.6
"""Share of each draft question's content words the phrasing must keep: asking about features instead
of the requirements is a different question, however fluent."""
STOP = frozenset("the a an and or of to in on for with is are be it this that you your we our what how do "
                 "does would could should can let's lets i".split())


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def overlap(draft: str, text: str) -> float:
    wanted = content_words(draft)
    return len(wanted & content_words(text)) / len(wanted) if wanted else 1.0


def token_budget(draft: str, ceiling: int) -> int:
    """Enough tokens to say the draft a little differently, and no more: small models ramble."""
    return max(24, min(ceiling, int(len(draft) / 3) + 24))


def first_paragraph(text: str) -> str:
    """An interviewer's line is one paragraph; small models go on after a blank line with made-up
    dialogue ("Line: ... Rewrite: ..."), which is cut off, not shown."""
    return text.strip().split("\n\n", 1)[0].strip()


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


@dataclass(frozen=True)
class PhrasingCheck:
    ok: bool
    reason: str = ""


def word_grams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


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
    for question in re.findall(r"[^.!?]*\?", move.draft):
        if overlap(question, clean) < QUESTION_OVERLAP:
            return PhrasingCheck(False, "changed the question")
    kept = overlap(move.draft, clean)
    if kept < MIN_OVERLAP:
        return PhrasingCheck(False, f"strays from the draft ({kept:.0%} of its words kept)")
    said = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", clean) if s.strip()]
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
        role = "assistant" if turn.role == "interviewer" else "user"
        messages.append(Message(role, _clip(turn.text, 300)))
    offered = {"candidate": _clip(candidate_text, 500) or "(nothing yet)",
               "instruction": move.instruction or "say this", "draft": move.draft,
               "question": move.question or _last_question(move.draft)}
    messages.append(user(prompts.render("turn", **prompts.pick("turn", offered))))
    return messages


def _last_question(draft: str) -> str:
    found = re.findall(r"[^.!?]*\?", draft)
    return found[-1].strip() if found else "(no question)"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
