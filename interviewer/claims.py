"""Design claims the interviewer does not let pass (knowledge/challenges.md): a random split of time-ordered
data, accuracy on rare events, protected attributes as inputs. Decided in code, from the candidate's own
words: the claim is made in a statement the answer affirms ("I'd shuffle everything and split it
randomly", not "never a random split"), in a step where it matters, and nothing the candidate said in that
step already handles it ("split by time because counters leak"). Each claim is questioned once per
interview, and at most once per step, so a weak answer gets one pointed question, not a lecture. The scorer
reads the same claims: a step that makes one and never handles it is not a hire-level answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from interviewer.domain.case import Challenge
from interviewer.matching import is_question
from interviewer.negation import affirmed
from interviewer.text import cue_pattern, sentences, word_start


@dataclass(frozen=True)
class Raised:
    """A claim found in an answer: the challenge, and the words the candidate used for it."""

    challenge: Challenge
    term: str
    sentence: str = ""
    """The candidate's sentence that makes the claim, as written."""

    @property
    def question(self) -> str:
        return self.challenge.question.format(term=self.term)

    @property
    def again(self) -> str:
        return self.challenge.again.format(term=self.term) if self.challenge.again else ""


def challenge_for(challenges: Iterable[Challenge], case_slug: str, step: str, answer: str,
                  step_answers: Sequence[str], done: Iterable[str]) -> Raised | None:
    """The first challenge (in the file's order) that `answer` raises in `step`, skipping those in `done`;
    `step_answers`: everything the candidate said in this step, this answer included."""
    skip = set(done)
    stated = [(s, affirmed(s)) for s in sentences(answer) if not is_question(s)]
    # only what the candidate affirms handles a claim: "a random split rather than a time-based one" does not
    said = " ".join(affirmed(s) for a in step_answers for s in sentences(a)).lower()
    for challenge in challenges:
        if challenge.id in skip or step not in challenge.steps or case_slug in challenge.not_in:
            continue
        if any(word_start(phrase).search(said) for phrase in challenge.unless):
            continue
        for written, sentence in stated:
            found = next((m for phrase in challenge.says if (m := cue_pattern(phrase).search(sentence))), None)
            if found is not None and (not challenge.together
                                      or any(cue_pattern(p).search(sentence) for p in challenge.together)):
                return Raised(challenge, found.group().lower(), written)
    return None
