"""What a sentence affirms: the parts of it that a candidate proposes, minus what they reject ("we
wouldn't need shadow mode", "a two-tower model is not a good choice"). The matcher credits only the
affirmed part; the scorer and the engine ask whether a sentence rejects anything."""

from __future__ import annotations

import re

CLAUSE_BREAK = re.compile(r"[;:]|\b(?:but|however|whereas|although|though|so|because|since|while|which|then)\b",
                          re.I)
NEGATION_AFTER = re.compile(
    r"\b(?:not|no(?!\s*,)|never|neither|nor|cannot|can't|cant|don't|dont|doesn't|doesnt|didn't|won't|wont|wouldn't|"
    r"wouldnt|shouldn't|shouldnt|isn't|aren't|avoid|skip|skipping|instead of|rather than|as opposed to|no need for|"
    r"drop|dropping|ditch|forget about)\b", re.I)
"""Words that reject what follows them, to the end of the clause: "we'd not need shadow or canary"."""
_IS_NOT = r"(?:is|are|was|were|'s|'re)(?:\s+not|n't)\s+(?:really\s+|that\s+|very\s+|so\s+|all\s+that\s+)?"
NEGATION_BEFORE = re.compile(
    r"(?:" + _IS_NOT + r"(?:(?:a|an|the)\s+)?(?:good|great|right|useful|needed|necessary|worth|important|helpful|"
    r"relevant|required|priority|fit|big deal|(?:[\w']+\s+){0,3}(?:job|concern|problem))"
    r"|\b(?:is|are|was|were|would be|'s|'re|seems?|sounds?|feels?)\s+(?:really\s+|just\s+|probably\s+|honestly\s+)?"
    r"(?:unnecessary|overkill|pointless|useless|irrelevant|a bad idea|a waste|too \w+ to bother|not needed)"
    r"|\b(?:won't|doesn't|don't|wouldn't)\s+(?:really\s+)?(?:help|matter|work|tell us much|add much)"
    r"|\bnot (?:needed|necessary|worth it|important)|\bslows? things down)", re.I)
"""Phrases that reject what came before them in the clause: "a two-tower model is not a good choice"."""
NOT_A_NEGATION = re.compile(r"\b(?:not only|not just|no matter|no longer)\b", re.I)
CONDITION = re.compile(r"\b(?:if|unless|otherwise|without|where|when|whenever)\b", re.I)


def affirmed(sentence: str) -> str:
    """`sentence` minus the parts it rejects. A negation inside a condition ("if we don't calibrate, bids
    go wrong") argues for the thing, so that clause is kept whole."""
    kept = [_affirmed_part(clause) for clause in _clauses(sentence)]
    return " ".join(k for k in kept if k.strip())


def rejects(sentence: str) -> bool:
    """Whether the sentence rejects anything it names ("drift monitoring isn't needed")."""
    return any(_affirmed_part(clause) != clause for clause in _clauses(sentence))


def _affirmed_part(clause: str) -> str:
    probe = NOT_A_NEGATION.sub(lambda m: " " * len(m.group()), clause)
    condition = CONDITION.search(probe)
    before = NEGATION_BEFORE.search(probe)
    if before and not (condition and condition.start() < before.start()):
        clause, probe = clause[before.end():], probe[before.end():]
    after = NEGATION_AFTER.search(probe)
    if after and not (condition and condition.start() < after.start() and not before):
        clause = clause[: after.start()]
    return clause


def _clauses(sentence: str) -> list[str]:
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(sentence):
        pieces.append(sentence[start:match.start()])
        start = match.end()
    pieces.append(sentence[start:])
    return pieces
