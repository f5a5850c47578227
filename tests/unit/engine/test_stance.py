"""A point the candidate argues, and a view they state before asking ours, are read in code."""

from interviewer.engine.stance import pushed_back, states_a_view


def test_a_point_argued_in_the_candidates_own_voice_is_read_with_what_it_argues_against():
    assert pushed_back("I'd push back on the usual view-count feature. It rewards the head.") == (
        "push back on", "the usual view-count feature")
    assert pushed_back("I disagree with keeping my old blocklists as a hard rule.") == (
        "disagree with", "keeping your old blocklists as a hard rule")
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
