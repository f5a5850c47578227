"""SVG snapshots of the screens a person looks at, at 80x24 (the smallest supported size).
Update on purpose with `pytest tests/tui/test_snapshots.py --snapshot-update` and review the SVGs."""

import pytest

from .helpers import answer, move_on_to_the_scorecard, open_case, settle

SIZE = (80, 24)


@pytest.fixture
def practice_app(app_factory):
    # practice mode: no clock on screen, so the picture does not depend on timing
    return app_factory(engine={"phrasing": "draft", "practice": True})


def test_home_screen(snap_compare, practice_app):
    async def ready(pilot):
        await settle(pilot.app, pilot)
        pilot.app.screen.query_one("#filter").cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(practice_app, terminal_size=SIZE, run_before=ready)


def test_interview_screen(snap_compare, practice_app):
    async def conversation(pilot):
        pilot.app.practice = True
        await open_case(pilot.app, pilot, "visual")
        await answer(pilot.app, pilot, "How many images are in the corpus?")
        pilot.app.screen.query_one("#answer").cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(practice_app, terminal_size=SIZE, run_before=conversation)


def test_scorecard_screen(snap_compare, practice_app):
    async def finish(pilot):
        app = pilot.app
        app.practice = True
        await open_case(app, pilot, "visual")
        await answer(app, pilot, "I'd clarify the business objective, the latency budget and the traffic at peak.")
        await move_on_to_the_scorecard(app, pilot)

    assert snap_compare(practice_app, terminal_size=(100, 40), run_before=finish)
