"""The app's screens. They reach the runtime through `interviewer_app` (the typed app), never a global."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from interviewer.tui.app import InterviewerApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    @property
    def interviewer_app(self) -> InterviewerApp:
        return cast("InterviewerApp", self.app)
