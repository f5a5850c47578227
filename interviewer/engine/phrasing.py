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
from interviewer.providers import ChatProvider, Message, ProviderError, system, user
from interviewer.text import (
    STOP_WORDS,
    clip,
    last_question,
    numbers,
    overlap,
    questions,
    sentences,
    stem,
    word_grams,
    words,
)

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


NEGATION = re.compile(r"\b(not|no|never|none|nothing|without|neither|nor|cannot)\b|n't\b", re.I)
COMPARATIVE = re.compile(r"\b(more|less|fewer|better|worse|higher|lower|faster|slower|larger|smaller|than)\b", re.I)
LABEL = re.compile(r"(^|[.!?]\s+)([A-Z][\w'-]*(?: [\w'-]+){0,3}):\s")
"""'The interview: ...', 'The answer: ...': a label before the line, which an interviewer never says."""
MAX_INVERSIONS = 0.25
"""Share of pairs of the draft's content words that may swap order: "the ranker beats the two-tower model"
said as "the two-tower model beats the ranker" keeps every word and reverses the meaning."""

MIN_OVERLAP = 0.5
"""Share of the draft's content words the phrasing must keep: a rephrasing, not a new reply."""
QUESTION_OVERLAP = 0.6
"""Share of each draft question's content words the phrasing must keep: asking about features instead
of the requirements is a different question, however fluent."""
def _order(text: str) -> list[str]:
    """Content words (stemmed) in the order of their first appearance."""
    seen: list[str] = []
    for word in words(text):
        if word in STOP_WORDS or len(word) < 3:
            continue
        token = stem(word)
        if token not in seen:
            seen.append(token)
    return seen


def inversions(draft: str, text: str) -> float:
    """Share of pairs of words both texts have whose order differs between them."""
    first = _order(draft)
    later = {w: i for i, w in enumerate(_order(text))}
    shared = [w for w in first if w in later]
    pairs = [(a, b) for i, a in enumerate(shared) for b in shared[i + 1:]]
    if len(pairs) < 3:
        return 0.0
    return sum(1 for a, b in pairs if later[a] > later[b]) / len(pairs)


def malformed(text: str, draft: str) -> str:
    """Why `text` is not a well-formed interviewer line ('' when it is)."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return "unbalanced quotes"
    labels = {m.group(2) for m in LABEL.finditer(text)} - {m.group(2) for m in LABEL.finditer(draft)}
    if labels:
        return f"a label before the line ({sorted(labels)[0]}:)"
    if re.search(r"\b(\w+) \1\b", text, re.I) and not re.search(r"\b(\w+) \1\b", draft, re.I):
        return "a repeated word"
    return ""


def keeps_meaning(text: str, draft: str) -> str:
    """Why `text` says something other than `draft` ('' when it keeps the meaning): negations, comparisons,
    and the order of the draft's words."""
    if len(NEGATION.findall(text)) != len(NEGATION.findall(draft)):
        return "adds or drops a negation"
    said = sorted(m.lower() for m in COMPARATIVE.findall(text))
    if said != sorted(m.lower() for m in COMPARATIVE.findall(draft)):
        return "changes a comparison"
    if inversions(draft, text) > MAX_INVERSIONS:
        return "reorders the draft's words"
    return ""


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
    problem = malformed(clean, move.draft) or keeps_meaning(clean, move.draft)
    if problem:
        return PhrasingCheck(False, problem)
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


@dataclass(frozen=True)
class Phrased:
    """What the candidate is shown: the model's line when it passed every check, else the draft."""

    text: str
    replaced: bool = False
    """The model said something, and it was thrown away."""
    reason: str = ""
    """Why the draft was used (a failed check, or the provider's error)."""
    error: str = ""
    """The provider's one-line error, for the candidate to see."""


async def phrase(provider: ChatProvider, prompts: PromptSet, case: CaseStudy, move: Move, candidate_text: str,
                 history: list[Turn], history_turns: int,
                 prompt_wording: frozenset[tuple[str, ...]] = frozenset()) -> Phrased:
    """Have the model phrase the draft, then check it. The whole line is generated before anything is
    shown, so a phrasing that is thrown away never reaches the screen."""
    pieces: list[str] = []
    try:
        messages = build_messages(prompts, case, move, candidate_text, history, history_turns)
        # an interviewer's line is one paragraph: small models go on after a blank line with made-up
        # dialogue, so generation stops there
        async for piece in provider.stream(messages, max_tokens=token_budget(move.draft, provider.max_tokens),
                                           stop=("\n\n",)):
            pieces.append(piece)
    except ProviderError as exc:
        return Phrased(move.draft, reason="provider error", error=exc.user_message())
    phrased = first_paragraph("".join(pieces)).strip('"').strip()
    check = check_phrasing(phrased, move, case, prompt_wording)
    if check.ok:
        return Phrased(phrased)
    return Phrased(move.draft, replaced=bool(pieces) and phrased != move.draft, reason=check.reason)
