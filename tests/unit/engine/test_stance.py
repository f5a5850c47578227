"""A point the candidate argues, and a view they state before asking ours, are read in code."""

import pytest

from interviewer.engine.stance import pushed_back, states_a_view
from tests.unit.engine.test_policy import move_for, state_at


@pytest.fixture
def case(knowledge):
    return knowledge.cases["video-recommendation"]


def test_a_point_argued_in_the_candidates_own_voice_is_read_with_what_it_argues_against():
    assert pushed_back("I'd push back on the usual view-count feature. It rewards the head.") == (
        "push back on", "the usual view-count feature")
    assert pushed_back("I disagree with keeping my old blocklists as a hard rule.") == (
        "disagree with", "keeping your old blocklists as a hard rule")
    assert pushed_back("I'd push back on clicks as the objective because clickbait wins.") == (
        "push back on", "clicks as the objective")
    # argued, but what it argues against does not read well named back
    assert pushed_back("I'd push back on spending much time on it.") == ("", "")
    assert pushed_back("I'll defend trees against a sequence model.") == ("", "")
    # what others say is not the candidate arguing
    assert pushed_back("People often call that too sparse to use.") is None


def test_a_stated_view_is_told_from_a_doubt():
    assert states_a_view("I lean strongly multi-task, but I'm curious what you'd do.")
    assert states_a_view("I think the multi-head approach is better because weights can be retuned.")
    assert not states_a_view("I'm honestly not sure which one tends to work better for CTR.")
    assert not states_a_view("Would you go with DCN or wide and deep?")


def test_a_view_argued_before_asking_ours_is_taken_up_not_asked_for_again(case):
    argued = move_for(case, state_at("model"), "opinion_request",
                      "I lean towards a multi-task ranker because weights can be retuned. What would you pick?")
    plain = move_for(case, state_at("model"), "opinion_request", "What would you pick, GBDT or a deep model?")
    assert argued.kind == plain.kind == "turn_back" and argued.draft != plain.draft
    assert "which" not in argued.draft.lower() and "?" in argued.draft


def test_a_point_the_candidate_argues_is_weighed_once_per_step(case):
    text = "I'd push back on the usual view-count feature. Raw popularity counts just reinforce the head."
    first = move_for(case, state_at("features"), "answer", text)
    assert first.kind == "weigh" and first.draft.startswith("You're pushing back on the usual view-count feature.")
    # once the step has had its push, the next argued point gets the step's own questions
    state = state_at("features")
    state.progress("features").challenges.append("pushback")
    assert move_for(case, state, "answer", text).kind != "weigh"
    # a declined turn is not pushed
    assert move_for(case, state_at("features"), "answer", text, declined=True).kind != "weigh"

