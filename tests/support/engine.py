"""Small helpers for driving an Interview in tests."""

from __future__ import annotations

from interviewer.engine.interview import Interview

CASE = "video-recommendation"


async def collect(events) -> list:
    return [e async for e in events]


async def say(interview: Interview, text: str, elapsed_s: float | None = None) -> list:
    return await collect(interview.submit(text, elapsed_s))


def last_reply(interview: Interview):
    return next(t for t in reversed(interview.turns) if t.role == "interviewer")


def of_type(events: list, kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]

