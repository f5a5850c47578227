"""A step named for evaluation (model, serving) asks how the model is judged before it moves on."""

import pytest

from interviewer.engine.policy import PolicyConfig
from tests.unit.engine.test_policy import move_for, state_at


@pytest.fixture
def case(knowledge):
    return knowledge.cases["video-recommendation"]


def test_a_step_named_for_evaluation_asks_how_the_model_is_judged_before_moving_on(case):
    state = state_at("serving")
    progress = state.progress("serving")
    progress.candidate_turns = 2
    others = [kp for kp in case.key_points("serving") if "experiment" not in kp.title.lower()]
    progress.followups = [kp.id for kp in others[:2]]
    move = move_for(case, state, "answer", "Nothing more to add.", config=PolicyConfig(max_followups=2))
    online = next(kp for kp in case.key_points("serving") if kp.id == move.key_point_id)
    assert move.kind == "follow_up" and "experiment" in online.title.lower()
    # come near anywhere in the interview, it is not asked for: the step moves on
    state.mentioned.append(online.id)
    move = move_for(case, state, "answer", "Nothing more to add.", config=PolicyConfig(max_followups=2))
    assert move.kind == "advance" and move.next_phase == "monitoring"
