"""Where the candidate stands: a point argued in their own voice ("I'd push back on the view-count feature"),
and a view stated before asking for ours ("I lean multi-task. What would you pick?"). The interviewer takes
these up rather than moving past them."""

from __future__ import annotations

import re

from interviewer.text import sentences

PUSHBACK = re.compile(
    r"\b(?:i'?d|i would|i'?m going to|i'?ll|i will|let me|i want to|i have to)\s+(?:strongly\s+)?"
    r"(push back|argue against|argue|disagree|question whether|defend)\b|\bi (disagree|don'?t (?:buy|agree))\b|"
    r"\bi'?m not convinced\b", re.I)
"""The candidate arguing against the brief or the usual approach, in their own voice ("I'd push back on the
view-count feature"), not reporting what others say."""
OBJECT = re.compile(r"\b(push back on|disagree with|argue against|question whether)\s+([^.,;:!?]{3,90}?)"
                    r"(?=\s+(?:because|since|given|so that)\b|[.,;:!?]|$)", re.I)
"""What is argued against, up to its reason ("clicks as the objective", not "... because clickbait wins")."""
YOURS = {"i": "you", "i'd": "you'd", "i'm": "you're", "my": "your", "me": "you", "myself": "yourself"}


def pushed_back(text: str) -> tuple[str, str] | None:
    """Whether the turn argues a point in the candidate's own voice (None if not), and what it argues
    against in our words ("push back on", "the usual view-count feature"), ('', '') when that does not read
    well named back (long, or a pronoun a reply cannot resolve)."""
    if not PUSHBACK.search(text):
        return None
    found = OBJECT.search(text)
    if found is None:
        return "", ""
    said = [YOURS.get(w.lower(), w) for w in found.group(2).split()]
    if len(said) > 10 or {w.lower() for w in said} & {"it", "that", "this", "them", "those", "these", "they"}:
        return "", ""
    return found.group(1).lower(), " ".join(said)


LEANS = re.compile(r"\b(i think|i'?d|i lean|i prefer|because|since|better|i'?ll (go|stick|defend))\b", re.I)
UNDECIDED = re.compile(r"\b(not sure|no idea|don'?t know|back and forth|torn)\b", re.I)


def states_a_view(text: str) -> bool:
    """A view the candidate stated before asking for ours ("I lean multi-task"), not a doubt ("not sure
    which")."""
    return any(len(s.split()) >= 6 and not s.rstrip().endswith("?") and LEANS.search(s) and not UNDECIDED.search(s)
               for s in sentences(text))
