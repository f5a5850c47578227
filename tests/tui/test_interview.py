"""Interview screen: streaming replies, sending, hint and move-on keys, notes, pause, leaving, resuming
with the draft restored, and the scorecard at the end."""

from textual import events
from textual.widgets import TextArea

from interviewer.providers import EndpointUnreachable
from interviewer.providers.scripted import ScriptedProvider
from interviewer.storage.errors import StorageError

from .helpers import (
    answer,
    messages,
    open_case,
    record_notifications,
    scorecard_after,
    settle,
)


async def test_a_clarifying_question_is_answered_in_the_transcript(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        assert type(app.screen).__name__ == "InterviewScreen"
        assert messages(app)[0][0] == "interviewer" and "Feel free to start" in messages(app)[0][1]
        await answer(app, pilot, "How many images are in the corpus?")
        interview = app.screen.interview
        assert messages(app)[-2] == ("candidate", "How many images are in the corpus?")
        assert messages(app)[-1] == ("interviewer", interview.case.fact("catalogue").text)
        assert app.screen.query_one("#answer", TextArea).text == ""


async def test_model_replies_stream_and_the_ui_stays_responsive(app_factory):
    provider = ScriptedProvider(default_reply="So, what would you like to clarify first about the users?",
                                token_delay_s=0.02)
    app = app_factory(provider, engine={"phrasing": "model"})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        box = app.screen.query_one("#answer", TextArea)
        box.text = "We should optimise the system for engagement with the results."
        await pilot.press("ctrl+s")
        await pilot.pause(0.05)
        # mid-reply: typing still works and the interviewer's message is partly there
        await pilot.press(*"next thought")
        assert box.text == "next thought"
        await settle(app, pilot)
        assert messages(app)[-1][0] == "interviewer" and messages(app)[-1][1]


async def test_sending_while_the_interviewer_speaks_keeps_the_text(app_factory):
    provider = ScriptedProvider(default_reply="word " * 30, token_delay_s=0.05)
    app = app_factory(provider, engine={"phrasing": "model"})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        box = app.screen.query_one("#answer", TextArea)
        shown = record_notifications(app)
        box.text = "first answer about the system"
        await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        box.text = "second answer"
        await pilot.press("ctrl+s")
        assert box.text == "second answer"
        assert any("still speaking" in m for m in shown)


async def test_hint_and_move_on_keys(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert app.screen.interview.state.hints_used == 1
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert app.screen.interview.state.phase == "frame"


async def test_notes_and_draft_are_saved_and_restored_on_resume(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        session_id = app.screen.interview.session_id
        await pilot.press("ctrl+o")
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.display and notes.has_focus
        await pilot.press(*"client -> encoder -> ANN")
        await pilot.press("ctrl+o")
        await pilot.press(*"half a thought")
        await pilot.pause(1.3)  # autosave tick
        stored = app.runtime.store.load(session_id)
        assert stored.notes == "client -> encoder -> ANN" and stored.draft == "half a thought"
        await pilot.press("ctrl+q")
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"
    resumed = app_factory()
    async with resumed.run_test(size=(100, 30)) as pilot:
        await settle(resumed, pilot)
        await pilot.press("ctrl+r")  # one step: the most recent unfinished session opens
        await settle(resumed, pilot)
        assert resumed.screen.interview.session_id == session_id
        assert resumed.screen.query_one("#answer", TextArea).text == "half a thought"
        assert resumed.screen.query_one("#notes", TextArea).text == "client -> encoder -> ANN"
        assert messages(resumed)[0][0] == "interviewer"


async def test_pause_stops_the_clock_and_sending(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        shown = record_notifications(app)
        await pilot.press("ctrl+b")
        interview = app.screen.interview
        frozen = interview.time_left()
        await pilot.pause(0.3)
        assert interview.paused and interview.time_left() == frozen
        await answer(app, pilot, "an answer")
        assert any("Paused" in m for m in shown)
        assert not any(t.text == "an answer" for t in interview.turns)
        await pilot.press("ctrl+b")
        assert not interview.paused


async def test_an_endpoint_failure_is_shown_and_the_interview_goes_on(app_factory):
    provider = ScriptedProvider(EndpointUnreachable("Cannot reach http://127.0.0.1:9/v1."), default_reply="Go on?")
    app = app_factory(provider, engine={"phrasing": "model"})
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        shown = record_notifications(app)
        await answer(app, pilot, "We should think about the system and the users first.")
        assert any("Cannot reach" in m for m in shown)
        assert messages(app)[-1][0] == "interviewer" and messages(app)[-1][1]
        await answer(app, pilot, "And the latency of the system matters too.")
        assert len([m for m in messages(app) if m[0] == "candidate"]) == 2


async def test_finishing_shows_the_scorecard_and_writes_reports(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await scorecard_after(app, pilot, "visual",
                              "We optimise for users finding the same object; I'd ask about the latency budget and scale.")
        assert type(app.screen).__name__ == "ScorecardScreen"
        card = app.screen.card
        assert card.case == "visual-search"
        await pilot.press("h")
        await pilot.press("m")
        reports = app.settings.home / "reports"
        assert (reports / f"{card.session_id}.html").exists() and (reports / f"{card.session_id}.md").exists()
        await pilot.press("t")
        assert type(app.screen).__name__ == "TranscriptScreen"
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_pasted_bel_and_escape_sequence_are_text_not_keys(app_factory):
    """A paste is text: a BEL in it is not Ctrl+G (no hint is recorded) and an escape sequence is not a
    screen command; what reaches the answer box, and the store, is the text without them."""
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        box = app.screen.query_one("#answer", TextArea)
        box.focus()
        app.post_message(events.Paste("How many images\x07 are in\x1b[2J the corpus?\x00"))  # as a terminal sends it
        await settle(app, pilot)
        assert box.text == "How many images are in the corpus?"
        interview = app.screen.interview
        assert interview.state.hints_used == 0 and not [t for t in interview.turns if t.move == "hint"]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [t.text for t in interview.turns if t.role == "candidate"] == ["How many images are in the corpus?"]


async def test_a_failed_send_keeps_the_text_in_the_box_and_says_why(app_factory, monkeypatch):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        interview = app.screen.interview
        box = app.screen.query_one("#answer", TextArea)
        box.text = "An answer the disk cannot take."

        def full(*_args, **_kwargs):
            raise StorageError("cannot save your answer to x.sqlite3: the disk is full. Fix: free some space.")

        monkeypatch.setattr(interview.deps.store, "append_turn", full)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert box.text == "An answer the disk cannot take."
        status = str(app.screen.query_one("#status").render())
        assert "the disk is full" in status and "still in the box" in status
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert box.text == "" and interview.turns[-2].text == "An answer the disk cannot take."
