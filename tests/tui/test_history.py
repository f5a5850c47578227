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
