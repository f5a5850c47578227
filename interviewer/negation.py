"""What a sentence affirms: the parts of it that a candidate proposes, minus what they reject ("we
wouldn't need shadow mode", "a two-tower model is not a good choice") and, when the rejection chooses
nothing in its place, the reasons given for it ("I'd skip delayed-feedback handling since most clicks
come in within a minute"). The matcher credits only the affirmed part, and nothing from an answer that
mostly waves the step away; the scorer and the engine ask whether a sentence rejects anything."""

from __future__ import annotations

import re

from interviewer.text import content_words, sentences

_CONNECTIVES = r"(?:but|however|whereas|although|though|so|because|since|while|which|then)\b"
CLAUSE_BREAK = re.compile(r"[;:]|\b" + _CONNECTIVES, re.I)
NEGATION_AFTER = re.compile(
    r"\b(?:not|no(?!\s*,)|never|neither|nor|cannot|can't|cant|don't|dont|doesn't|doesnt|didn't|won't|wont|wouldn't|"
    r"wouldnt|shouldn't|shouldnt|isn't|aren't|avoid|skip|skipping|instead of|rather than|as opposed to|no need for|"
    r"drop|dropping|ditch|forget about|hold(?:ing)? off|no point|little point|bother(?:ing)? with|leave (?:\w+ )?out|"
    r"rule out|pass on|steer clear of)\b", re.I)
"""Words that reject what follows them, to the end of the clause: "we'd not need shadow or canary"."""
_IS_NOT = r"(?:is|are|was|were|'s|'re)(?:\s+not|n't)\s+(?:really\s+|that\s+|very\s+|so\s+|all\s+that\s+)?"
NEGATION_BEFORE = re.compile(
    r"(?:" + _IS_NOT + r"(?:(?:a|an|the)\s+)?(?:good|great|right|useful|needed|necessary|worth|important|helpful|"
    r"relevant|required|priority|fit|big deal|practical|feasible|realistic|(?:[\w']+\s+){0,3}(?:job|concern|problem))"
    r"|\b(?:is|are|was|were|would be|'s|'re|seems?|sounds?|feels?|looks?)\s+(?:like\s+)?(?:really\s+|just\s+|"
    r"probably\s+|honestly\s+|mostly\s+|kind of\s+|a bit\s+|pure\s+|simply\s+)?(?:a\s+|an\s+)?"
    r"(?:unnecessary|overkill|pointless|useless|irrelevant|redundant|obsolete|premature|over-?engineering|"
    r"bad idea|waste|luxury|distraction|nice in theory|theoretical|noise|off the table|out of scope|"
    r"too \w+ to bother|not needed)"
    r"|\b(?:won't|doesn't|don't|wouldn't)\s+(?:really\s+)?(?:help|matter|work|tell us much|add much)"
    r"|\bmakes? (?:no|little) sense|\bnot (?:something|anything) (?:to|we|I)\b|\bnothing worth\b|\bcan wait\b"
    r"|\bnot (?:needed|necessary|worth it|important)|\bslows? things down|\badds? (?:\w+\s+)?complexity\b"
    r"|\b(?:hold off on|skip|leave out|pass on|drop)(?:\s+(?:as well|too|either|for now))?"
    r"(?=\s*(?:[,.;:]|since\b|because\b|$)))", re.I)
"""Phrases that reject what came before them in the clause: "a two-tower model is not a good choice"."""
DISMISSAL = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will| can| could| should)?\s+(?:really\s+|also\s+|just\s+|honestly\s+)?"
    r"(?:not|never|don't|dont|wouldn't|wouldnt|won't|wont|shouldn't|can skip|could skip|can drop|can leave)\b"
    r"|\b(?:skip|skipping|hold(?:ing)? off|no need|no point|little point|not worth|isn't worth|aren't worth|"
    r"bother(?:ing)? with|leave (?:\w+ )?out|rule out|pass on|steer clear of|forget about|ditch|drop|dropping)\b",
    re.I)
"""A rejection by the candidate of something to do ("we don't need", "I'd skip", "no point"): "so calibration
isn't broken" and "so no future data leaks in" say what the design achieves, and dismiss nothing."""
CHOICE = re.compile(r"\b(?:instead of|rather than|as opposed to)\b", re.I)
"""A rejection that names what is chosen in its place ("a time-based split rather than a random one")."""
CONNECTIVE = re.compile(r"^\s*" + _CONNECTIVES, re.I)
"""The word that opens a clause, left out of what the clause affirms."""
REASON = re.compile(r"\s*(?:because|since|though|although|which|while)\b", re.I)
"""A clause that gives the reason for what came before it, or comments on it."""
ALTERNATIVE = re.compile(r"\binstead\b|\brather\b", re.I)
REFERS_BACK = re.compile(r"^\W*(?:(?:but|so|and)\s+)?(?:I\s+(?:don't|do not)\s+(?:think|see why)\s+)?"
                         r"(?:it|that|this|all (?:of )?that|any of (?:it|that))(?:'s|\s+is|\s+isn't|\s+would)?\b", re.I)
ENDS_ON_PRONOUN = re.compile(r"\b(?:it|them|those|that|this)(?:\s+(?:out|either|too|as well|for now|here))?\W*$", re.I)
"""A clause that rejects what the clause before it said ("..., but I don't think it's worth it", "X is
noisy, so there's little point engineering it")."""
NOT_A_NEGATION = re.compile(r"\b(?:not only|not just|no matter|no longer)\b", re.I)
CONDITION = re.compile(r"\b(?:if|unless|otherwise|without|where|when|whenever)\b", re.I)


def affirmed(sentence: str) -> str:
    """`sentence` minus the parts it rejects. A negation inside a condition ("if we don't calibrate, bids
    go wrong") argues for the thing, so that clause is kept whole. A rejection that names no choice in its
    place ("I'd skip X since Y", "X is overkill, Y") dismisses: its reasons and comments are not proposals,
    and a rejection of "it" or "that" takes the clause before it too ("X would help, but it's not worth it")."""
    return _read(sentence)[0]


def dismisses(sentence: str) -> bool:
    """Whether the sentence waves something away without choosing anything in its place ("we can skip
    drift checks"); "a time-based split rather than a random one" and "re-indexed on edit, not nightly"
    choose."""
    return _read(sentence)[1]


WAVED_AWAY_SHARE = 0.5
"""An answer in which this share of the sentences (two at least) dismiss what they name waves the step
away: the graders gave every such dev answer level 1 ("argues for skipping the step's work"), while the
strong dev answers that choose by rejecting alternatives dismiss in a third of their sentences at most."""


def waves_away(text: str) -> bool:
    """Whether an answer mostly dismisses the step's work instead of doing it: it earns no key point, even
    for the concepts its reasons name ("I'd skip delayed-feedback handling, most clicks come in fast")."""
    said = sentences(text)
    dismissed = sum(dismisses(s) for s in said)
    return dismissed >= 2 and dismissed >= WAVED_AWAY_SHARE * len(said)


def _read(sentence: str) -> tuple[str, bool]:
    """What the sentence affirms, and whether it dismisses anything, read clause by clause."""
    kept: list[str] = []
    dismissing = False
    for clause in _clauses(sentence):
        part, rejected, before = _affirmed_part(clause)
        if dismissing and REASON.match(clause) and not ALTERNATIVE.search(clause):
            continue  # the reason for a dismissal ("since most clicks arrive within a minute")
        if rejected and not CHOICE.search(clause) and (before or (
                len(content_words(part)) < 2 and DISMISSAL.search(clause))):
            # it rejects and proposes nothing in the same breath ("re-indexed on edit, not nightly" proposes)
            dismissing = True
            if kept and (REFERS_BACK.match(clause) or (not before and ENDS_ON_PRONOUN.search(clause))):
                kept.pop()
            if before and not ALTERNATIVE.search(part):
                part = ""  # what follows "X is overkill" in the clause comments on X
        kept.append(CONNECTIVE.sub("", part, count=1))
    return " ".join(k for k in kept if k.strip()), dismissing


def rejects(sentence: str) -> bool:
    """Whether the sentence rejects anything it names ("drift monitoring isn't needed")."""
    return any(_affirmed_part(clause)[1] for clause in _clauses(sentence))


def _affirmed_part(clause: str) -> tuple[str, bool, bool]:
    """What the clause affirms, whether it rejects anything, and whether a phrase after the thing rejected
    it ("X is overkill")."""
    probe = NOT_A_NEGATION.sub(lambda m: " " * len(m.group()), clause)
    condition = CONDITION.search(probe)
    before = NEGATION_BEFORE.search(probe)
    rejected = False
    if before and not (condition and condition.start() < before.start()):
        clause, probe, rejected = clause[before.end():], probe[before.end():], True
    after = NEGATION_AFTER.search(probe)
    if after and not (condition and condition.start() < after.start() and not before):
        return clause[: after.start()], True, rejected
    return clause, rejected, rejected


def _clauses(sentence: str) -> list[str]:
    """The sentence cut before each clause break, the connective kept at the start of its clause."""
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(sentence):
        pieces.append(sentence[start:match.start()])
        start = match.start() if match.group()[0].isalpha() else match.end()
    pieces.append(sentence[start:])
    return pieces
