"""The Textual application and its factory, shared by the CLI and the tests.

The app owns `Services` (engine dependencies, store, scoring) and a stack of screens. Heavy libraries
(torch, llama.cpp, chromadb) are imported only inside workers, so the home screen paints at once.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from interviewer.config import Settings
from interviewer.tui.services import Services

if TYPE_CHECKING:
    from interviewer.knowledge.index import KnowledgeIndex
    from interviewer.providers import ChatProvider


class InterviewerApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    SUB_TITLE = "ML system design mock interviews"
    BINDINGS = [Binding("ctrl+q", "request_quit", "Quit", priority=True)]

    def __init__(self, settings: Settings, provider: ChatProvider | None = None, index: KnowledgeIndex | None = None):
        super().__init__()
        self.settings = settings
        self.services = Services(settings, provider, index)
        self.practice = settings.engine.practice
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
        from interviewer.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())


def make_app(
    settings: Settings, provider: ChatProvider | None = None, index: KnowledgeIndex | None = None
) -> InterviewerApp:
    """The one way to build the app: the CLI passes settings; tests also pass a scripted provider and
    an index over small knowledge with fake embeddings."""
    return InterviewerApp(settings, provider, index)
