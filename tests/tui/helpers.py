"""Driving the app in tests."""

from __future__ import annotations


async def settle(app, pilot, times: int = 3) -> None:
    for _ in range(times):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def open_case(app, pilot, filter_text: str) -> None:
    await settle(app, pilot)
    await pilot.press(*filter_text, "enter")
    await settle(app, pilot)


async def answer(app, pilot, text: str) -> None:
    box = app.screen.query_one("#answer")
    box.text = text
    await pilot.press("ctrl+s")
    await settle(app, pilot)


def messages(app) -> list[tuple[str, str]]:
    return [(m.role, m.text) for m in app.screen.query("Message")]


def record_notifications(app) -> list[str]:
    """Every message the app shows as a notification from now on (wraps the public `App.notify`)."""
    seen: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


async def move_on_to_the_scorecard(app, pilot) -> None:
    """Press Ctrl+N step after step until the interview ends and the scorecard shows."""
    for _ in range(8):
        if type(app.screen).__name__ == "ScorecardScreen":
            return
        await pilot.press("ctrl+n")
        await settle(app, pilot, 5)


async def scorecard_after(app, pilot, case_filter: str, text: str) -> None:
    """Open a case, give one answer, and move on step by step to the scorecard."""
    await open_case(app, pilot, case_filter)
    await answer(app, pilot, text)
    await move_on_to_the_scorecard(app, pilot)
