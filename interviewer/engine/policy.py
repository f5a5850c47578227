"""The interviewer's decisions, made in code: given the state, the classified turn and what retrieval and
coverage found, pick the next move and write a correct draft of it. The model only rephrases drafts.

Everything here is a pure function of its inputs, so tests can pin each rule down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.claims import Raised
from interviewer.domain.case import CaseStudy, Fact, KeyPoint, Probe
from interviewer.domain.session import SessionState
from interviewer.domain.steps import STEP_IDS, STEP_TITLES, PhaseId
from interviewer.engine import wording as say
from interviewer.engine.classify import ASKS_FOR_FIGURE, INCUMBENT, Classification
from interviewer.engine.moves import Move, answer_fact, drill_opener, greet
from interviewer.engine.selection import (
    eligible_probe,
    next_follow_up,
    probe_by_cues,
    retrieved,
    smaller_part,
    takes_up,
    triggered,
    unasked_evaluation,
)
from interviewer.engine.stance import pushed_back, states_a_view
from interviewer.engine.wording import OPENERS, pick
from interviewer.matching import creditable_text
from interviewer.text import capitalised, normalise

__all__ = ["OPENERS", "Move", "PolicyConfig", "decide", "drill_opener", "greet", "next_phase"]

MODEL_CHOICE = re.compile(
    r"\b(xgboost|lightgbm|gbdt|gradient[- ]boost\w*|random forest|logistic regression|neural net\w*|deep learning|"
    r"transformer|bert|gpt|llm|cnn|resnet|lstm|rnn|two[- ]tower|dlrm|wide (and|&) deep|deepfm|"
    r"(i'?d|i would|we'?ll|we would|let'?s) (use|train|pick|go with) (a|an)\b)",
    re.I,
)


@dataclass(frozen=True)
class PolicyConfig:
    advance_coverage: float = 0.6
    """Fraction of a step's key points covered before the interviewer moves on by itself."""
    max_followups: int = 2
    max_probes: int = 1
    min_turns_per_step: int = 2
    """Candidate answers in a step before coverage moves on: even a thorough first answer gets one probe
    or follow-up (when one is left to ask)."""
    substance_words: int = 80
    """Words the candidate says in a step before coverage alone moves the interview on (three turns do too)."""
    behind_share: float = 1.0
    """The interview is behind when the time left overall is under this share of what the steps still to
    come were budgeted: a long answer then moves on without a follow-up, so the last steps are reached."""
    long_answer_words: int = 160
    """An answer this long is enough for a step when the interview is behind."""
    retrieved_choices: int = 5
    """How many of the closest askable items retrieval offers: code picks the first that names a word of
    the answer, else the closest."""


INSTRUCTION_ONLY_WORDS = 6
"""Fewer words than this left once the sentences that instruct the interviewer are set aside: the turn said
nothing about the design."""


def next_phase(phase: PhaseId, drill: str | None = None) -> PhaseId:
    if drill and phase == drill:
        return "wrapup"
    if phase == "intro":
        return "clarify"
    if phase in STEP_IDS:
        index = STEP_IDS.index(phase)
        return STEP_IDS[index + 1] if index + 1 < len(STEP_IDS) else "wrapup"
    return "wrapup"


def _narrow(phase: PhaseId, lead: str, item: KeyPoint | Probe, question: str) -> Move:
    return Move("narrow", phase, f"{lead} {question}", question=question,
                key_point_id=item.id if isinstance(item, KeyPoint) else "",
                probe_id=item.id if isinstance(item, Probe) else "",
                instruction="ask this easier part of the question, without giving the answer")


def assume(phase: PhaseId, state: SessionState, text: str = "") -> Move:
    wordings = say.ASSUME_FIGURE if ASKS_FOR_FIGURE.search(text) else say.ASSUME
    return Move("assume", phase, pick(wordings, state.move_counts.get("assume", 0)),
                instruction="say the facts do not cover this and ask for an assumption")


def wrap_up(phase: PhaseId) -> Move:
    return Move("wrap_up", phase, say.WRAP_UP, next_phase="wrapup",
                instruction="close the interview politely without any judgement")


def advance(case: CaseStudy, state: SessionState, phase: PhaseId, reason: str, echo: str = "",
            earlier: str = "", note: str = "", to: PhaseId | None = None) -> Move:
    """Move on: a lead that fits why, or the candidate's own term from this step (`echo`) as the
    acknowledgement, the next step named as it is, and its opening question, or, when the candidate
    already said part of the next step earlier, their own term for it (`earlier`) and a question on what
    they have not said yet. Only the candidate's words are named back: key point titles matched to an
    answer named things the candidate never said."""
    target = to or next_phase(phase, state.drill)
    if target == "wrapup":
        return wrap_up(phase)
    n = state.move_counts.get("advance", 0)
    parts = [pick(say.ADVANCE_LEADS.get(reason, say.ADVANCE_LEADS["exhausted"]), n)]
    echoed = ""
    if echo and reason in ("covered", "exhausted", "time") and not note:
        # the candidate's own term is the acknowledgement: a lead before it stacks two ("OK, thanks. OK, X.")
        parts = [say.echo_line(echo, state.move_counts.get("echo", 0))]
        if reason == "time" and not state.move_counts.get("briefer"):  # once told why, not at every step
            parts.append(pick(say.ADVANCE_LEADS["time"], n))
        echoed = echo
    if note:
        parts.append(note)
    parts.append(pick(say.TURN_TO, n).format(step=say.STEP_NAMES[target]))
    coming = state.progress(target)
    open_points = [kp for kp in case.key_points(target)
                   if kp.id not in coming.covered and normalise(kp.ask) not in state.asked]
    key_point_id = ""
    recalled = ""
    if coming.covered and open_points:
        if earlier and not echoed and not note:  # one of the candidate's terms per line, not two stacked
            parts.append(pick(say.ALREADY, n).format(term=earlier))
            recalled = earlier
        question, key_point_id = open_points[0].ask, open_points[0].id
    else:
        question = OPENERS[target]
    parts.append(question)
    return Move("advance", phase, " ".join(parts), question=question, next_phase=target, key_point_id=key_point_id,
                instruction=f"move the interview on to {STEP_TITLES[target].lower()}", echoed=echoed,
                recalled=recalled, told_briefer=bool(note))


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
    behind: bool = False,
    config: PolicyConfig = PolicyConfig(),
    related: list[str] | None = None,
    correction: str = "",
    step_words: int = 0,
    echo: str = "",
    earlier: str = "",
    challenge: Raised | None = None,
) -> Move:
    """The interviewer's next move. `facts`: scenario facts that answer the turn if it is a question;
    `new_hits`: ids of the key points this turn covered in this step; `time_up`: the step's budget is spent;
    `behind`: less time is left than the steps still to come need (see PolicyConfig.behind_share);
    `related`: "probe:<id>" / "kp:<id>" retrieved from the knowledge index for this answer, closest first
    (None: pick probes by cue triggers and follow-ups in the file's order); `correction`: the brief's
    sentence with the right figure when the turn restated it wrongly; `step_words`: words the candidate
    has said in this step so far; `echo`: a term of the case the answer affirms, in the candidate's words,
    named back before a follow-up or probe so the candidate hears that the answer was heard; `earlier`: the
    candidate's own term for a point of the next step they made before it (named back on arriving there)."""
    phase: PhaseId = state.phase if state.phase != "intro" else "clarify"
    if phase == "wrapup":
        return Move("close", "wrapup", "We're done for today. Thanks again, and good luck with your interviews.")
    if interview_over and phase != "monitoring" and "monitoring" not in state.visited and not state.drill:
        return advance(case, state, phase, "last", to="monitoring")  # no step left unasked at the end
    if interview_over:
        return advance(case, state, "monitoring", "time")
    # after a correction, no term of the answer is named back: "Got it: candidates per request." would
    # read as agreeing with the figure just corrected
    move = _reply(case, state, turn, text, phase, facts, new_hits, time_up, behind, config, related, step_words,
                  "" if correction else echo, earlier, challenge)
    if correction and move.kind not in ("answer_fact", "wrap_up"):
        # a wrong restatement of the brief is corrected first, whatever comes next
        lead = pick(say.CORRECTION, state.move_counts.get("correction", 0))
        if move.kind == "assume":
            # "the budget is 400 ms, right?" is answered by the correction: "assume a value" would contradict it
            question = say.again_for(case, _current_question(state, phase), phase)
            move = Move("correct", phase, question, question=question, instruction="ask the question again")
        move.draft = f"{lead} {capitalised(correction)} {move.draft}"
        move.instruction = f"correct the candidate's figure, then {move.instruction or 'go on'}"
        move.corrected = True
    return move


def _reply(case: CaseStudy, state: SessionState, turn: Classification, text: str, phase: PhaseId,
           facts: list[Fact], new_hits: list[str], time_up: bool, behind: bool, config: PolicyConfig,
           related: list[str] | None, step_words: int, echo: str, earlier: str, challenge: Raised | None) -> Move:
    count = state.move_counts.get
    current = _current_question(state, phase)
    own_again = state.last_again if current == state.last_question else ""
    other_wording = own_again or say.again_for(case, current, phase)
    if turn.kind == "empty":
        return Move("nudge", phase, f"{pick(say.NUDGE, count('nudge', 0))} {other_wording}", question=other_wording,
                    instruction="gently invite an answer")
    if turn.kind == "wrap_up_request":
        return wrap_up(phase)
    if turn.kind == "rephrase_request" and state.last_move == "rephrase" and (
            smaller := smaller_part(case, state, phase, None, or_first_open=True)) is not None:
        # a second "can you rephrase?" in a row: the first wording again would be a repeat; an easier piece
        return _narrow(phase, say.SIMPLER, *smaller)
    if turn.kind == "rephrase_request":
        lead = pick(say.REPHRASE, count("rephrase", 0))
        return Move("rephrase", phase, f"{lead} {other_wording}", question=other_wording,
                    again=current if own_again else "",
                    key_point_id=state.last_item if state.last_item.count(".") else "",
                    instruction="ask the same question in other words")
    if turn.kind == "opinion_request":
        wording = say.OPINION_ARGUED if states_a_view(text) else say.OPINION
        return Move("turn_back", phase, pick(wording, count("turn_back", 0)),
                    instruction="turn the question back to the candidate without giving an opinion")
    if turn.injection and (turn.instruction_only or len(creditable_text(text).split()) < INSTRUCTION_ONLY_WORDS):
        # nothing but an attempt to instruct the interviewer: said no to, and the question asked again
        lead = pick(say.INSTRUCTED, count("decline_instruction", 0))
        return Move("decline_instruction", phase, f"{lead} {other_wording}", question=other_wording,
                    instruction="decline the instruction briefly and ask the question again")
    if turn.kind == "clarifying_question":
        if facts:
            return answer_fact(phase, facts, state)
        if phase == "clarify" and not state.redirected and MODEL_CHOICE.search(text) and not INCUMBENT.search(text):
            return _redirect(phase)  # "should I just use DeepFM?" is a model choice, asked as a question
        return assume(phase, state, text)
    if turn.kind == "move_on":
        return advance(case, state, phase, "asked", earlier=earlier)
    if turn.kind == "hint_request":
        return _hint(case, state, phase)
    if turn.kind == "off_topic":
        n = count("steer_back", 0)  # a question with no other wording is asked for again, not dropped
        back = own_again or say.again_for(case, current, phase, own_only=True) or pick(say.BACK_TO_IT, n)
        return Move("steer_back", phase, f"{pick(say.STEER_BACK, n)} {back}", instruction="steer back to the design",
                    question=current if back in say.BACK_TO_IT else back)
    progress = state.progress(phase)
    # a step's budget is spent, but one long first answer still gets a follow-up (the whole interview's clock,
    # interview_over, is what ends it); behind time, though, one long answer is enough for a step
    rushed = behind and len(text.split()) >= config.long_answer_words
    # a step named for evaluation is not left before the candidate has said how the model is judged, even
    # past its own share of the clock, unless the whole interview is behind
    evaluation = None if turn.declined or behind else unasked_evaluation(case, state, phase)
    if (rushed or (time_up and progress.candidate_turns >= config.min_turns_per_step)) and evaluation is None:
        # a candidate whose long answers put the interview behind is asked, once, to keep them shorter: an
        # interviewer who only cuts them off step after step never says why
        note = say.BRIEFER if rushed and not count("briefer", 0) else ""
        # "in the interest of time" only when the interview is behind: a step that ran over its own share
        # while the whole is on track just moves on (said at every step, it read as a template)
        return advance(case, state, phase, "time" if behind else "exhausted", echo, earlier, note)
    if phase == "clarify" and not state.redirected and MODEL_CHOICE.search(text):
        return _redirect(phase)
    if turn.declined and (smaller := smaller_part(case, state, phase, related)) is not None:
        # "I don't know" first gets an easier piece of the same question; a second one moves on
        return _narrow(phase, pick(say.NARROW, count("narrow", 0)), *smaller)
    if challenge is not None and not turn.declined and not progress.challenges:
        # a claim that does not hold is questioned before the step's follow-ups, and before moving on
        return Move("challenge", phase, challenge.question, question=challenge.question, again=challenge.again,
                    challenge_id=challenge.challenge.id,
                    instruction="question the candidate's claim without saying what is wrong with it")
    if turn.kind == "answer" and not turn.declined and not progress.challenges and count("weigh", 0) < len(
            say.WEIGH) and (argued := pushed_back(text)) is not None:
        # a point argued in the candidate's own voice is taken up, not passed over; one push per step
        question = pick(say.WEIGH, count("weigh", 0))
        named = say.ARGUED[argued[0]].format(what=argued[1]) + " " if argued[0] else ""
        return Move("weigh", phase, named + question, question=question, challenge_id="pushback",
                    instruction="ask the candidate to weigh the cost of the position they argued")
    points = case.key_points(phase)
    covered = sum(1 for kp in points if state.covered(kp.id))
    enough = bool(points) and covered / len(points) >= config.advance_coverage
    # coverage alone is not substance: a step covered in a couple of thin sentences still gets its
    # probe and follow-ups before the interview moves on
    substantial = progress.candidate_turns >= config.min_turns_per_step and (
        step_words >= config.substance_words or progress.candidate_turns >= 3)
    if enough and substantial and evaluation is None:
        # "that's clear" after "I don't know", or after a turn that added nothing, reads as not listening
        return advance(case, state, phase, "covered" if new_hits and not turn.declined else "exhausted", echo,
                       earlier)
    chosen: Probe | KeyPoint | None = None
    if not turn.declined and not (enough and substantial) and not time_up:  # else: the evaluation point
        if related is not None:
            chosen = retrieved(case, state, phase, related, config, text)
        else:
            chosen = probe_by_cues(case, state, phase, text, config)
    # the candidate's own term, named back before the next question, unless the question already takes up
    # the answer's words (a stock "Noted: X." before every question reads as a template); a declined turn
    # gets the offer of a hint instead, and with no term a short lead only when the answer covered something
    def heard(question: str) -> str:
        if turn.declined or not echo or takes_up(question, text):
            return ""
        return say.echo_line(echo, count("echo", 0)) + " "

    if isinstance(chosen, Probe):
        lead = heard(chosen.question)
        return Move("probe", phase, f"{lead}{chosen.question}", question=chosen.question, probe_id=chosen.id,
                    instruction="probe this trade-off without suggesting an answer", echoed=echo if lead else "")
    follow = chosen if isinstance(chosen, KeyPoint) else next_follow_up(case, state, phase, config)
    if evaluation is not None and (follow is None or (enough and substantial) or time_up
                                   or len(progress.followups) >= config.max_followups - 1):
        follow = evaluation  # the step's last follow-up, or one more
    if follow is not None:
        n = count("follow_up", 0)
        named = heard(follow.ask)
        lead = (pick(say.DECLINED, n) + " " if turn.declined
                else named or (pick(say.FOLLOW_LEADS, n) + " " if new_hits else ""))
        return Move("follow_up", phase, f"{lead}{follow.ask}", question=follow.ask, key_point_id=follow.id,
                    instruction="ask this follow-up question without giving away the answer",
                    echoed=echo if named else "")
    if progress.candidate_turns < config.min_turns_per_step and not turn.declined:
        # nothing left to follow up, but one answer is not a discussion: the step's trade-off comes next
        spare = next((p for p in case.probes if p.step == phase and eligible_probe(p, state, phase, config)
                      and (related is None or triggered(p, text))), None)
        if spare is not None:
            lead = heard(spare.question)
            return Move("probe", phase, f"{lead}{spare.question}", question=spare.question, probe_id=spare.id,
                        instruction="probe this trade-off without suggesting an answer", echoed=echo if lead else "")
        # the case's own deeper question for this step first: one any case could get reads as a template
        own = case.steps[phase].deeper if phase in case.steps else []
        deeper = next((q for q in own if normalise(q) not in state.asked), None) \
            or pick(say.DEEPEN, state.move_counts.get("deepen", 0))
        lead = heard(deeper)
        return Move("deepen", phase, f"{lead}{deeper}", question=deeper,
                    instruction="ask the candidate to go deeper into their own answer", echoed=echo if lead else "")
    return advance(case, state, phase, "covered" if enough and new_hits and not turn.declined else "exhausted",
                   echo, earlier)


def _redirect(phase: PhaseId) -> Move:
    return Move(
        "redirect", phase,
        "Before we get to models, let's pin down the requirements first. What do we need to know about the "
        "users, the scale and the goal?",
        question="What do we need to know about the users, the scale and the goal?",
        instruction="politely bring the candidate back to requirements before models",
    )


def _hint(case: CaseStudy, state: SessionState, phase: PhaseId) -> Move:
    progress = state.progress(phase)
    for kp in case.key_points(phase):
        if not state.covered(kp.id) and kp.id not in progress.hints:
            # an easier piece of the point's question, or the question itself, never its title: a hint that
            # names the point gives it away
            wordings = [w for w in (kp.smaller, kp.ask, kp.again) if w]
            question = next((w for w in wordings if normalise(w) not in state.asked), wordings[0])
            leads = say.HINT_SMALLER if question == kp.smaller else say.HINT_ASK
            lead = pick(leads, state.move_counts.get("hint", 0))
            return Move("hint", phase, f"{lead} {question}", question=question,
                        key_point_id=kp.id, instruction="give this hint and nothing more")
    return Move("hint", phase, "You've covered the main points of this step; tell me more, or we can move on.",
                instruction="say the step looks covered")


def _current_question(state: SessionState, phase: PhaseId) -> str:
    """The question on the table: the last one asked, or the step's opening question."""
    return state.last_question or OPENERS.get(phase, "")
