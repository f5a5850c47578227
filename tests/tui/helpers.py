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
