"""History: sessions, trends, weakest step, and a drill on it."""

from textual.widgets import DataTable, Select, Static

from .helpers import answer, move_on_to_the_scorecard, open_case, settle


async def finish_one(app, pilot, text: str) -> None:
    await open_case(app, pilot, "visual")
    await answer(app, pilot, text)
    await move_on_to_the_scorecard(app, pilot)
    await pilot.press("escape")
    await settle(app, pilot)
    app.screen.query_one("#filter").value = ""


async def test_history_shows_sessions_trends_and_drills_the_weakest_step(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await finish_one(app, pilot, "I'd clarify the business objective and the latency budget and the scale of traffic.")
        await finish_one(app, pilot, "I would ask about the users.")
        await pilot.press("f2")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
        assert app.screen.query_one("#sessions", DataTable).row_count == 2
        assert len(app.screen.query_one("#trend-clarify").data) == 2
        assert str(app.screen.query_one("#weakest", Static).render()).startswith("Weakest steps:")
        weakest = app.screen.weakest_step()
        app.screen.query_one("#drill-case", Select).value = "visual-search"
        await pilot.press("d")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InterviewScreen"
        interview = app.screen.interview
        assert interview.state.drill == weakest and interview.state.phase == weakest


async def test_a_partial_scorecard_is_labelled_and_kept_out_of_the_trends(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await finish_one(app, pilot, "I'd clarify the business objective and the latency budget and the scale of traffic.")
        # a second session, stopped in the clarify step and scored as it stood
        await open_case(app, pilot, "visual")
        await answer(app, pilot, "I would ask about the users.")
        stopped = app.screen.interview.session_id
        await pilot.press("ctrl+q", "y")
        await settle(app, pilot)
        card, _ = await app.runtime.score_session(stopped)
        assert card.partial and card.notes[0].startswith("partial: the interview stopped at clarify")
        await pilot.press("f2")
        await settle(app, pilot)
        table = app.screen.query_one("#sessions", DataTable)
        signals = [table.get_row_at(i)[-1] for i in range(table.row_count)]
        assert any(s.endswith("(partial)") for s in signals) and not all(s.endswith("(partial)") for s in signals)
        assert len(app.screen.query_one("#trend-clarify").data) == 1
        await pilot.press("p")
        assert len(app.screen.query_one("#trend-clarify").data) == 2


async def test_enter_on_a_past_session_opens_its_scorecard_and_escape_comes_back(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await finish_one(app, pilot, "I'd clarify the business objective and the latency budget and the scale of traffic.")
        await pilot.press("f2")
        await settle(app, pilot)
        app.screen.query_one("#sessions", DataTable).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ScorecardScreen"
        assert "Visual search" in str(app.screen.query_one("#signal", Static).render())
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "HistoryScreen"
