"""The Textual application and its factory, shared by the CLI and the tests."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from interviewer import __version__
from interviewer.config import Settings
from interviewer.providers import ChatProvider


class InterviewerApp(App[None]):
    """Home of the interviewer. The provider is made lazily (loading a model costs time) unless given."""

    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    SUB_TITLE = "ML system design mock interviews"
    BINDINGS = [
        Binding("c", "check_model", "Check model"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, settings: Settings, provider: ChatProvider | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._provider = provider

    def provider(self) -> ChatProvider:
        if self._provider is None:
            from interviewer.providers import make_provider

            self._provider = make_provider(self.settings)
        return self._provider

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(f"interviewer {__version__}", id="title")
            yield Static(
                "Practise the ML system design round: pick a case, walk the 7 steps, get a scorecard.",
                id="tagline",
            )
            yield Static(self._settings_text(), id="settings")
            yield Static("", id="model-status")
        yield Footer()

    def _settings_text(self) -> str:
        s = self.settings
        return (
            f"model           {s.chat.describe()}\n"
            f"embeddings      {s.embeddings.provider}\n"
            f"prompt version  {s.prompt_version}\n"
            f"data home       {s.home}"
        )

    def action_check_model(self) -> None:
        self.query_one("#model-status", Static).update("Asking the model to say hello...")
        self.run_worker(self._check_model(), exclusive=True, group="model-check")

    async def _check_model(self) -> None:
        from interviewer.doctor import check_chat
        from interviewer.providers import ProviderError

        try:
            provider = self.provider()
        except ProviderError as exc:
            self._show_model_status("fail", exc.user_message())
            return
        result = await check_chat(self.settings, provider)
        self._show_model_status(result.status, f"{result.detail} in {result.seconds or 0:.1f}s")

    def _show_model_status(self, status: str, text: str) -> None:
        self.query_one("#model-status", Static).update(("✓ " if status == "ok" else "✗ ") + text)
        if status != "ok":
            self.notify(text, title="Model check failed", severity="error", timeout=8)


def make_app(settings: Settings, provider: ChatProvider | None = None) -> InterviewerApp:
    """The one way to build the app: the CLI passes settings, tests also pass a scripted provider."""
    return InterviewerApp(settings, provider)
