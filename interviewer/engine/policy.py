"""The interviewer's decisions, made in code: given the state, the classified turn and what retrieval and
coverage found, pick the next move and write a correct draft of it. The model only rephrases drafts.

Everything here is a pure function of its inputs, so tests can pin each rule down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interviewer.domain.case import CaseStudy, Fact, Probe
from interviewer.domain.session import SessionState
from interviewer.domain.steps import STEP_IDS, STEP_TITLES, PhaseId
from interviewer.engine.classify import Classification
from interviewer.text import capitalised, cue_pattern, normalise

OPENERS: dict[str, str] = {
    "clarify": "What would you like to clarify before you start designing?",
    "frame": "How would you frame this as an ML problem: what exactly does the model predict, from what input?",
    "data": "What data would you train on, and where do the labels come from?",
    "features": "What features would you build, and how would you represent them?",
    "model": "Which model would you start with, and how would you evaluate it offline?",
    "serving": "How would you deploy and serve this, and how would you evaluate it online?",
    "monitoring": "Once it is live, how would you monitor and maintain it?",
}

MODEL_CHOICE = re.compile(
    r"\b(xgboost|lightgbm|gbdt|gradient[- ]boost\w*|random forest|logistic regression|neural net\w*|deep learning|"
    r"transformer|bert|gpt|llm|cnn|resnet|lstm|rnn|two[- ]tower|dlrm|wide (and|&) deep|deepfm|"
    r"(i'?d|i would|we'?ll|we would|let'?s) (use|train|pick|go with) (a|an)\b)",
    re.I,
)


@dataclass
class Move:
    kind: str
    """greet, answer_fact, assume, redirect, probe, follow_up, hint, advance, wrap_up, nudge, steer_back,
    acknowledge, close."""
    phase: PhaseId
    draft: str
    question: str = ""
    """The question this move asks (recorded so it is never asked twice)."""
    next_phase: PhaseId | None = None
    key_point_id: str = ""
    probe_id: str = ""
    fact_keys: list[str] = field(default_factory=list)
    instruction: str = ""
    """What the phrasing model is asked to do with the draft."""


@dataclass(frozen=True)
class PolicyConfig:
    advance_coverage: float = 0.6
    """Fraction of a step's key points covered before the interviewer moves on by itself."""
    max_followups: int = 2
    max_probes: int = 1
    min_turns_per_step: int = 1


def next_phase(phase: PhaseId, drill: str | None = None) -> PhaseId:
    if drill and phase == drill:
        return "wrapup"
    if phase == "intro":
        return "clarify"
    if phase in STEP_IDS:
        index = STEP_IDS.index(phase)
        return STEP_IDS[index + 1] if index + 1 < len(STEP_IDS) else "wrapup"
    return "wrapup"


def greet(case: CaseStudy, minutes: int | None) -> Move:
    budget = f"We have {minutes} minutes. " if minutes else ""
    draft = (
        f"Hi, thanks for joining. {budget}Here is the problem: {case.opening_prompt} "
        "Feel free to start with any clarifying questions."
    )
    return Move("greet", "intro", draft, instruction="greet the candidate and read out the problem")


def drill_opener(step: str) -> Move:
    opener = OPENERS[step]
    return Move("advance", step, f"This is a drill on {STEP_TITLES[step].lower()}. {opener}", question=opener,  # type: ignore[arg-type]
                instruction=f"start a drill on {STEP_TITLES[step].lower()}")


def answer_fact(phase: PhaseId, facts: list[Fact], state: SessionState) -> Move:
    parts = []
    for fact in facts:
        # facts are written to follow their label ("Traffic: about 40 million a day"); said alone, they
        # start with a capital
        parts.append(capitalised(state.answered_facts.get(fact.key) or fact.text))
    draft = " ".join(parts)
    return Move("answer_fact", phase, draft, fact_keys=[f.key for f in facts],
                instruction="answer the clarifying question with exactly these facts")


def assume(phase: PhaseId) -> Move:
    draft = (
        "The brief doesn't pin that down. Make a reasonable assumption, say it out loud, and carry on "
        "with it."
    )
    return Move("assume", phase, draft, instruction="say the facts do not cover this and ask for an assumption")


def advance(case: CaseStudy, state: SessionState, phase: PhaseId, reason: str) -> Move:
    target = next_phase(phase, state.drill)
    if target == "wrapup":
        return Move(
            "wrap_up", phase,
            "That brings us to the end of the interview. Thank you, that was a good discussion. "
            "Your scorecard is ready whenever you want to see it.",
            next_phase="wrapup", instruction="close the interview politely without any judgement",
        )
    lead = {
        "asked": "Sure, let's move on.",
        "covered": "Good, that covers it.",
        "time": "In the interest of time, let's move on.",
        "exhausted": "Thanks, let's keep going.",
    }.get(reason, "Let's move on.")
    opener = OPENERS[target]
    return Move(
        "advance", phase, f"{lead} Next: {STEP_TITLES[target].lower()}. {opener}", question=opener,
        next_phase=target, instruction=f"move the interview on to {STEP_TITLES[target].lower()}",
    )


def _probe_for(case: CaseStudy, state: SessionState, phase: PhaseId, text: str, config: PolicyConfig) -> Probe | None:
    progress = state.progress(phase)
    if len(progress.probes) >= config.max_probes:
        return None
    asked = set(state.asked)
    done = {p for s in state.steps.values() for p in s.probes} | set(state.declined)
    candidates = []
    for probe in case.probes:
        if probe.id in done or normalise(probe.question) in asked:
            continue
        hits = sum(1 for t in probe.triggers if cue_pattern(t).search(text))
        if hits:
            # a probe for the current step ranks above one for another step
            candidates.append((hits + (1 if probe.step == phase else 0), -case.probes.index(probe), probe))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def decide(
    case: CaseStudy,
    state: SessionState,
    turn: Classification,
    text: str,
    *,
    facts: list[Fact],
    new_hits: list[str],
    time_up: bool,
    interview_over: bool,
    config: PolicyConfig = PolicyConfig(),
) -> Move:
    """The interviewer's next move. `facts`: scenario facts that answer the turn if it is a question;
    `new_hits`: ids of the key points this turn covered; `time_up`: the step's budget is spent."""
    phase: PhaseId = state.phase if state.phase != "intro" else "clarify"
    if phase == "wrapup":
        return Move("close", "wrapup", "We're done for today. Thanks again, and good luck with your interviews.")
    if interview_over:
        return advance(case, state, "monitoring", "time")
    progress = state.progress(phase)
    last_question = _current_question(state, phase)

    if turn.kind == "empty":
        return Move("nudge", phase, f"Take your time. {last_question}", instruction="gently invite an answer")
    if turn.kind == "clarifying_question":
        if facts:
            return answer_fact(phase, facts, state)
        if phase == "clarify" and not state.redirected and MODEL_CHOICE.search(text):
            return _redirect(phase)  # "should I just use DeepFM?" is a model choice, asked as a question
        return assume(phase)
    if turn.kind == "move_on":
        return advance(case, state, phase, "asked")
    if turn.kind == "hint_request":
        return _hint(case, state, phase)
    if turn.kind == "off_topic":
        return Move("steer_back", phase, f"Let's keep to the design. {last_question}",
                    instruction="steer the candidate back to the design question")
    if time_up:
        return advance(case, state, phase, "time")
    if phase == "clarify" and not state.redirected and MODEL_CHOICE.search(text):
        return _redirect(phase)
    covered = len(progress.covered)
    total = len(case.key_points(phase))
    if total and covered / total >= config.advance_coverage and progress.candidate_turns >= config.min_turns_per_step:
        return advance(case, state, phase, "covered")
    probe = _probe_for(case, state, phase, text, config)
    if probe is not None and not turn.declined:
        return Move("probe", phase, probe.question, question=probe.question, probe_id=probe.id,
                    instruction="probe this trade-off without suggesting an answer")
    follow = _follow_up(case, state, phase, config)
    if follow is not None:
        lead = "No problem. " if turn.declined else ("Good. " if new_hits else "")
        return Move("follow_up", phase, f"{lead}{follow.ask}", question=follow.ask, key_point_id=follow.id,
                    instruction="ask this follow-up question without giving away the answer")
    return advance(case, state, phase, "exhausted")


def _redirect(phase: PhaseId) -> Move:
    return Move(
        "redirect", phase,
        "Before we get to models, let's pin down the requirements first. What do we need to know about the "
        "users, the scale and the goal?",
        question="What do we need to know about the users, the scale and the goal?",
        instruction="politely bring the candidate back to requirements before models",
    )


def _follow_up(case: CaseStudy, state: SessionState, phase: PhaseId, config: PolicyConfig):
    progress = state.progress(phase)
    if len(progress.followups) >= config.max_followups:
        return None
    asked = set(state.asked)
    for kp in case.key_points(phase):
        if kp.id in progress.covered or kp.id in progress.followups or kp.id in state.declined:
            continue
        if normalise(kp.ask) in asked:
            continue
        return kp
    return None


def _hint(case: CaseStudy, state: SessionState, phase: PhaseId) -> Move:
    progress = state.progress(phase)
    for kp in case.key_points(phase):
        if kp.id not in progress.covered and kp.id not in progress.hints:
            return Move("hint", phase, f"Here's a hint: think about {_lower_first(kp.title)}.",
                        key_point_id=kp.id, instruction="give this hint and nothing more")
    return Move("hint", phase, "You've covered the main points of this step; tell me more, or we can move on.",
                instruction="say the step looks covered")


def _lower_first(title: str) -> str:
    """'Business objective' -> 'business objective', but 'ML objective' stays as it is."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def _current_question(state: SessionState, phase: PhaseId) -> str:
    """The question on the table: the last one asked, or the step's opening question."""
    return state.last_question or OPENERS.get(phase, "")
