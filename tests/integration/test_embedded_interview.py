"""A short interview on the real embedded model: the build works end to end, and whatever the small
model says, what is saved is either its checked phrasing or the engine's draft."""

import pytest

from interviewer.engine import events as ev
from interviewer.engine.interview import Interview
from interviewer.providers.local import LocalProvider
from interviewer.text import capitalised, numbers
from tests.support.engine import collect, of_type, say

pytestmark = pytest.mark.embedded


async def test_short_interview_on_the_embedded_model(make_deps):
    provider = LocalProvider(n_ctx=2048)
    interview = Interview.start(make_deps(provider, phrasing="model"), "video-recommendation")
    await collect(interview.open())
    events = []
    for text in (
        "How many daily active users are there?",
        "We want long-term satisfied watch time rather than clicks.",
        "Let's move on.",
        "I'd predict the probability of a satisfied watch for each user and video.",
    ):
        events += await say(interview, text)
    assert len(of_type(events, ev.Token)) > 10
    replies = [t for t in interview.turns if t.role == "interviewer"]
    assert len(replies) == 5 and all(t.text.strip() for t in replies)
    assert interview.state.visited[:3] == ["intro", "clarify", "frame"]
    assert replies[1].text == capitalised(interview.case.fact("users").text)
    assert replies[0].meta["words"] == "draft" and replies[1].meta["words"] == "draft"  # read out verbatim
    for turn in replies[2:]:
        if turn.meta["words"] == "model":  # the model's phrasing was kept: it passed the checks
            assert numbers(turn.text) <= numbers(turn.meta["draft"])
            assert "?" in turn.text or turn.move not in {"follow_up", "probe", "advance"}
        else:  # the draft was used because the phrasing failed a named check
            assert turn.meta["fallback"]
    await provider.aclose()
