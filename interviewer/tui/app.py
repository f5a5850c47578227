"""The Textual application and its factory, shared by the CLI and the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, ProgressBar, Static

from interviewer import __version__
from interviewer.config import Settings
from interviewer.providers import ChatProvider

if TYPE_CHECKING:
    from interviewer.knowledge.index import KnowledgeIndex


class InterviewerApp(App[None]):
    """Home of the interviewer. The provider is made lazily (loading a model costs time) unless given."""

    CSS_PATH = "app.tcss"
    TITLE = "interviewer"
    SUB_TITLE = "ML system design mock interviews"
    BINDINGS = [
        Binding("c", "check_model", "Check model"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self, settings: Settings, provider: ChatProvider | None = None, index: KnowledgeIndex | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self._provider = provider
        self._index = index

    def index(self) -> KnowledgeIndex:
        if self._index is None:
            from interviewer.knowledge.index import KnowledgeIndex

            self._index = KnowledgeIndex(self.settings)
        return self._index

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
            with Horizontal(id="index-row"):
                yield Static("Knowledge index: checking...", id="index-status")
                yield ProgressBar(total=None, show_eta=False, id="index-progress")
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

    def on_mount(self) -> None:
        self.run_worker(self._prepare_index, thread=True, exclusive=True, group="index", name="index")

    def _prepare_index(self) -> None:
        """Build the knowledge index on first use (in a thread: embedding is CPU-bound)."""
        from interviewer.knowledge.index import KnowledgeError

        def progress(done: int, total: int, message: str) -> None:
            self.call_from_thread(self._show_index_progress, done, total, message)

        try:
            report = self.index().ensure_built(progress)
            count = self.index().count()
        except KnowledgeError as exc:
            self.call_from_thread(self._show_index_done, False, str(exc).splitlines()[0])
            return
        except Exception as exc:  # an unreachable Chroma server, a broken folder
            self.call_from_thread(self._show_index_done, False, f"{type(exc).__name__}: {exc}".splitlines()[0][:160])
            return
        built = f" (built in {report.seconds:.1f}s)" if report else ""
        self.call_from_thread(self._show_index_done, True, f"{count} chunks ready{built}")

    def _show_index_progress(self, done: int, total: int, message: str) -> None:
        self.query_one("#index-status", Static).update(f"Knowledge index: {message}")
        bar = self.query_one("#index-progress", ProgressBar)
        bar.update(total=total, progress=done)

    def _show_index_done(self, ok: bool, text: str) -> None:
        self.query_one("#index-status", Static).update(f"Knowledge index: {text}")
        self.query_one("#index-progress", ProgressBar).display = False
        if not ok:
            self.notify(text, title="Knowledge index problem", severity="error", timeout=10)

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


def make_app(
    settings: Settings, provider: ChatProvider | None = None, index: KnowledgeIndex | None = None
) -> InterviewerApp:
    """The one way to build the app: the CLI passes settings; tests also pass a scripted provider and
    an index over small knowledge with fake embeddings."""
    return InterviewerApp(settings, provider, index)
