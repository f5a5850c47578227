"""Classify a candidate turn by rules: cheap, deterministic and right on the cases that matter
(empty, asking to move on, asking for a hint). The engine can ask a capable model for a second opinion
on the rest; it falls back to these rules when the model's reply does not validate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from interviewer.domain.session import TurnKind
from interviewer.text import INJECTION, ML_WORDS, content_words, sentences, stem

MOVE_ON = re.compile(
    r"\b(let'?s|can we|could we|shall we|i'?d like to|i want to|ready to)\s+(move on|go on|continue|proceed|"
    r"move to the next|go to the next)|\b(next step|next section|move on|moving on)\b|^\s*(next|done|continue)\W*$",
    re.I,
)
HINT = re.compile(
    r"\b(hint|clue|nudge|pointer|i'?m stuck|i am stuck|help me out|point me|where (should|do) i (start|begin)|"
    r"what should i (cover|focus on|talk about))\b",
    re.I,
)
DECLINE = re.compile(
    r"^\s*(i\s*(do\s*not|don'?t)\s*know|no idea|not sure|pass|skip( this| that)?( question)?|no clue)\W*$", re.I
)
QUESTION_START = re.compile(
    r"^\s*(what|how|who|when|where|which|why|is|are|do|does|did|can|could|should|would|will|may|have|has)\b", re.I
)
CLARIFY_HINTS = re.compile(
    r"\b(how many|how much|do we have|is there|are there|can i assume|"
    r"should i assume|assume|budget|latency|users|traffic|qps|requests|scale|catalog|catalogue|labels?|"
    r"constraint|requirement|goal|objective|metric|success|business|kpi)\b",
    re.I,
)


@dataclass(frozen=True)
class Classification:
    kind: TurnKind
    declined: bool = False
    injection: bool = False


SMALL_TALK = frozenset(stem(w) for w in (
    "today tonight night yesterday tomorrow weekend weather lunch dinner breakfast coffee holiday "
    "final last great nice good fine thanks that this with from have will they their there about "
    "which each more than into over only also when what were been some most"
).split())


def words_of(*texts: str) -> frozenset[str]:
    return frozenset(w for t in texts for w in content_words(t, min_length=4))


def topic_words(case_texts: Sequence[str], other_cases: Sequence[Sequence[str]] = ()) -> frozenset[str]:
    """Distinctive content words of the case (title, prompt, facts), so a question about 'videos' or
    'hosts' counts as on topic even when it uses no ML vocabulary. Words that a third of the other cases
    also use ('today', 'last', 'average') say nothing about the topic, nor does small talk."""
    own = words_of(*case_texts)
    spread: dict[str, int] = {}
    for texts in other_cases:
        for word in words_of(*texts) & own:
            spread[word] = spread.get(word, 0) + 1
    common = {w for w, n in spread.items() if 3 * n >= len(other_cases)}
    return frozenset(own - common - SMALL_TALK)


def _on_topic(text: str, vocabulary: frozenset[str]) -> bool:
    if ML_WORDS.search(text) or CLARIFY_HINTS.search(text):
        return True
    return bool(words_of(text) & vocabulary)


def classify(text: str, vocabulary: frozenset[str] = frozenset()) -> Classification:
    """`vocabulary`: the case's content words (see `topic_words`)."""
    stripped = text.strip()
    injection = bool(INJECTION.search(stripped))
    if not stripped or not re.search(r"\w", stripped):
        return Classification("empty")
    if DECLINE.match(stripped):
        return Classification("answer", declined=True)
    words = len(stripped.split())
    if HINT.search(stripped) and words <= 25:
        return Classification("hint_request", injection=injection)
    if MOVE_ON.search(stripped) and words <= 30:
        return Classification("move_on", injection=injection)
    on_topic = _on_topic(stripped, vocabulary)
    if is_clarifying_question(stripped):
        return Classification("clarifying_question" if on_topic else "off_topic", injection=injection)
    if not on_topic and words <= 40 and not injection:
        return Classification("off_topic")
    return Classification("answer", injection=injection)


CHECK_IN = re.compile(
    r"^(does (that|this) (make sense|sound (good|right|ok|reasonable))|(is that|sound) (ok|okay|good|right|"
    r"reasonable)|right|ok(ay)?|make sense|any questions|shall i (go on|continue))\W*$",
    re.I,
)


def is_clarifying_question(text: str) -> bool:
    """A short question about the scenario. An answer that ends by checking in ("... does that make
    sense?") is an answer; a question with nothing about the problem in it is off topic."""
    said = [s for s in sentences(text) if not CHECK_IN.match(s)]
    if not said:
        return False
    asked = [s for s in said if s.endswith("?") or QUESTION_START.match(s)]
    if not asked or len(text.split()) > 60:
        return False
    return len(asked) * 2 >= len(said)
