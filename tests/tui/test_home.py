"""Home screen: cases with filtering, settings, clock toggle, resume list, index preparation."""

from textual.widgets import OptionList, Static

from interviewer.providers import EndpointUnreachable
from interviewer.providers.scripted import ScriptedProvider

from .helpers import record_notifications, settle


async def test_home_lists_every_case_and_filters_as_you_type(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        cases = app.screen.query_one("#cases", OptionList)
        assert cases.option_count == 13
        await pilot.press(*"fraud")
        assert cases.option_count == 1
        assert cases.get_option_at_index(0).id == "payment-fraud-detection"
        await pilot.press(*" nothing-matches")
        assert cases.option_count == 0


async def test_settings_are_visible_and_the_clock_toggles(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        text = str(app.screen.query_one("#settings", Static).render())
        assert "model    local\n  SmolLM2-135M-Instruct" in text
        assert "prompts  v2" in text and "clock    on (45 min)" in text
        await pilot.press("ctrl+t")
        assert app.practice is True
        assert "off (practice)" in str(app.screen.query_one("#settings", Static).render())


async def test_the_index_is_prepared_in_the_background_with_progress(app_factory):
    app = app_factory()
    assert not app.runtime.index.is_current()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        status = str(app.screen.query_one("#index-status", Static).render())
        assert status.startswith("Ready:") and "knowledge chunks" in status
        assert app.runtime.ready
    assert app.runtime.index.is_current()


async def test_model_check_failure_is_a_notification_not_a_crash(app_factory):
    app = app_factory(ScriptedProvider(EndpointUnreachable("Cannot reach http://127.0.0.1:9/v1.")))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        shown = record_notifications(app)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert "Cannot reach" in str(app.screen.query_one("#model-status", Static).render())
        assert any("Cannot reach" in m for m in shown)
