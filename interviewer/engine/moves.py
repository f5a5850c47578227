"""What the interviewer does next, as data (a Move), and the moves that need no decision: greeting, a
drill's opening, saying the brief's answer to a question."""

from __future__ import annotations

from dataclasses import dataclass, field

from interviewer.domain.case import CaseStudy, Fact
from interviewer.domain.session import SessionState
from interviewer.domain.steps import STEP_TITLES, PhaseId
from interviewer.engine import wording as say
from interviewer.engine.wording import OPENERS
from interviewer.text import capitalised, sentences


@dataclass
class Move:
    kind: str
    """greet, answer_fact, assume, redirect, probe, challenge, weigh (a point the candidate argued), follow_up,
    narrow, hint, advance, wrap_up, nudge, steer_back, turn_back, rephrase, acknowledge, close."""
    phase: PhaseId
    draft: str
    question: str = ""
    """The question this move asks (recorded so it is never asked twice)."""
    next_phase: PhaseId | None = None
    key_point_id: str = ""
    probe_id: str = ""
    fact_keys: list[str] = field(default_factory=list)
    facts_said: dict[str, str] = field(default_factory=dict)
    """Fact key -> the sentences of it this answer says (a question asks for one detail of a fact)."""
    instruction: str = ""
    """What the phrasing model is asked to do with the draft."""
    corrected: bool = False
    """The draft starts by correcting a figure the candidate restated wrongly."""
    echoed: str = ""
    """The candidate's term the draft names back first (recorded, so the wording varies and no term is
    named twice)."""
    recalled: str = ""
    """The candidate's term from an earlier step that an advance names back (recorded like `echoed`)."""
    told_briefer: bool = False
    """The advance asked the candidate to keep answers shorter (said once an interview)."""
    challenge_id: str = ""
    """The claim (knowledge/challenges.md) a challenge move questions."""
    again: str = ""
    """A second wording of `question` that the case file does not hold (a challenge's), for a rephrase."""


def greet(case: CaseStudy, minutes: int | None) -> Move:
    budget = f"We have {minutes} minutes. " if minutes else ""
    # the knowledge file's line breaks are not the speaker's: the prompt is said as one paragraph
    prompt = " ".join(case.opening_prompt.split())
    draft = (f"Hi, thanks for joining. {budget}Here is the problem: {prompt} "
             "Feel free to start with any clarifying questions.")
    return Move("greet", "intro", draft, instruction="greet the candidate and read out the problem")


def drill_opener(step: str) -> Move:
    opener = OPENERS[step]
    return Move("advance", step, f"This is a drill on {STEP_TITLES[step].lower()}. {opener}", question=opener,  # type: ignore[arg-type]
                instruction=f"start a drill on {STEP_TITLES[step].lower()}")


def answer_fact(phase: PhaseId, facts: list[Fact], state: SessionState) -> Move:
    """Say the brief's sentences that answer the question, leaving out any said before (saying them again
    word for word reads as a repeat); all said before, remind with the first of them."""
    # facts are written to follow their label ("Traffic: about 40 million a day"); said alone, they
    # start with a capital
    new = [capitalised(" ".join(s for s in sentences(fact.text) if s not in state.answered_facts.get(fact.key, "")))
           for fact in facts]
    if facts and not any(new):
        # said before: its figure is the reminder; its sentences again would read as a repeat
        draft = f"As I said earlier: {' and '.join(say.reminder(f.text) for f in facts)}."
    else:
        draft = " ".join(p for p in new if p)
    return Move("answer_fact", phase, draft, fact_keys=[f.key for f in facts],
                facts_said={f.key: f.text for f in facts},
                instruction="answer the clarifying question with exactly these facts")
