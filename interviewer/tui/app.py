"""The Textual application and its factory, shared by the CLI and the tests.

The app holds the runtime (engine, store, scoring: see `interviewer.runtime`) and a stack of screens; it
never calls a model itself. Heavy libraries (torch, llama.cpp, chromadb) are imported only inside
workers, so the home screen paints at once.
"""

from __future__ import annotations

import os
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from interviewer.runtime import Runtime
from interviewer.tui.screens.home import HomeScreen


class InterviewerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    SUB_TITLE = "ML system design mock interviews"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "request_quit", "Quit", priority=True)]

    def __init__(self, runtime: Runtime):
        super().__init__()
        self.runtime = runtime
        self.settings = runtime.settings
        self.practice = runtime.settings.engine.practice
        if os.environ.get("NO_COLOR"):
            self.theme = "textual-ansi"

    def action_request_quit(self) -> None:
        """Quit, unless the screen has work to confirm first (the interview asks, then saves)."""
        confirm = getattr(self.screen, "confirm_leave", None)
        if confirm is not None:
            confirm()
        elif len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.exit()

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())


def make_app(runtime: Runtime) -> InterviewerApp:
    """The one way to build the app: the CLI passes `runtime.build(settings)`; tests build the runtime
    with a scripted provider and fake embeddings."""
    return InterviewerApp(runtime)
