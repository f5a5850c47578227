"""`policy.decide` on its own: one state, one classified turn, one move, and the rule behind it."""

from __future__ import annotations

import pytest

from interviewer.domain.session import SessionState
from interviewer.engine.classify import Classification
from interviewer.engine.policy import OPENERS, PolicyConfig, decide
from interviewer.text import normalise


@pytest.fixture
def case(knowledge):
    return knowledge.cases["video-recommendation"]


def state_at(phase: str, **fields) -> SessionState:
    return SessionState(phase=phase, visited=["intro", phase], **fields)


def move_for(case, state, kind="answer", text="", *, facts=(), new_hits=(), time_up=False, over=False,
             declined=False, config=None):
    return decide(case, state, Classification(kind, declined=declined), text, facts=list(facts),
                  new_hits=list(new_hits), time_up=time_up, interview_over=over, config=config or PolicyConfig())


def test_an_empty_turn_is_nudged_with_the_question_on_the_table(case):
    state = state_at("data", last_question="Where do labels come from?")
    move = move_for(case, state, "empty")
    assert move.kind == "nudge" and move.draft.endswith("Where do labels come from?")


def test_a_clarifying_question_gets_the_facts_or_an_assumption(case):
    state = state_at("clarify")
    users = case.fact("users")
    answered = move_for(case, state, "clarifying_question", "How many users?", facts=[users])
    assert answered.kind == "answer_fact" and answered.fact_keys == ["users"]
    assert answered.draft.startswith(users.text[:1].upper())
    assumed = move_for(case, state, "clarifying_question", "What colour is the logo?")
    assert assumed.kind == "assume" and not any(ch.isdigit() for ch in assumed.draft)


def test_a_model_choice_before_requirements_is_redirected_once(case):
    state = state_at("clarify")
    first = move_for(case, state, "answer", "I'd use a two-tower model with XGBoost on top.")
    assert first.kind == "redirect"
    state.redirected = True
    again = move_for(case, state, "answer", "I'd use a two-tower model with XGBoost on top.")
    assert again.kind != "redirect"


def test_asking_to_move_on_advances_to_the_next_step_with_its_opener(case):
    move = move_for(case, state_at("frame"), "move_on", "Let's move on.")
    assert move.kind == "advance" and move.next_phase == "data"
    assert move.question == OPENERS["data"] and move.draft.startswith("Sure, let's move on.")


def test_the_last_step_wraps_up_and_a_finished_interview_closes(case):
    assert move_for(case, state_at("monitoring"), "move_on").next_phase == "wrapup"
    assert move_for(case, state_at("frame"), over=True).kind == "wrap_up"
    assert move_for(case, state_at("wrapup")).kind == "close"


def test_a_hint_names_the_first_uncovered_point_and_not_a_covered_one(case):
    points = case.key_points("clarify")
    state = state_at("clarify")
    state.progress("clarify").covered[points[0].id] = 1
    move = move_for(case, state, "hint_request", "Can I get a hint?")
    assert move.kind == "hint" and move.key_point_id == points[1].id


def test_off_topic_is_steered_back_to_the_question(case):
    move = move_for(case, state_at("features", last_question="Which features?"), "off_topic", "Nice weather.")
    assert move.kind == "steer_back" and move.draft.endswith("Which features?")


def test_time_up_moves_on(case):
    move = move_for(case, state_at("features"), "answer", "Some thoughts on features.", time_up=True)
    assert move.kind == "advance" and move.next_phase == "model" and "interest of time" in move.draft


def test_enough_coverage_advances_and_too_little_follows_up(case):
    points = case.key_points("data")
    state = state_at("data")
    progress = state.progress("data")
    progress.candidate_turns = 1
    for kp in points[: len(points) // 2]:
        progress.covered[kp.id] = 1
    follow = move_for(case, state, "answer", "We log impressions.")
    assert follow.kind == "follow_up" and follow.key_point_id not in progress.covered
    for kp in points:
        progress.covered[kp.id] = 1
    assert move_for(case, state, "answer", "We log impressions.").kind == "advance"


def test_a_trigger_word_probes_its_trade_off_once_and_never_twice(case):
    probe = next(p for p in case.probes if p.step == "model")
    state = state_at("model")
    move = move_for(case, state, "answer", f"I would go with {probe.triggers[0]} here.")
    assert move.kind == "probe" and move.probe_id == probe.id
    state.progress("model").probes.append(probe.id)
    state.asked.append(normalise(probe.question))
    assert move_for(case, state, "answer", f"I would go with {probe.triggers[0]} here.").kind != "probe"


def test_follow_ups_stop_at_the_limit_and_the_step_moves_on(case):
    state = state_at("serving")
    progress = state.progress("serving")
    progress.candidate_turns = 1
    progress.followups = [kp.id for kp in case.key_points("serving")[:2]]
    move = move_for(case, state, "answer", "Nothing more to add.", config=PolicyConfig(max_followups=2))
    assert move.kind == "advance" and move.next_phase == "monitoring"


def test_a_declined_question_is_not_probed_and_gets_a_gentle_follow_up(case):
    move = move_for(case, state_at("frame"), "answer", "I don't know", declined=True)
    assert move.kind == "follow_up" and move.draft.startswith("No problem.")
