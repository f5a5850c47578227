"""Home: pick a case (type to filter), resume an unfinished session, see the settings, open history."""

from __future__ import annotations

import time
from textwrap import shorten
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import WorkerCancelled, get_current_worker

from interviewer.domain.case import CaseStudy
from interviewer.knowledge.index import KnowledgeError
from interviewer.providers import ProviderError
from interviewer.storage.errors import StorageError
from interviewer.tui.screens import AppScreen
from interviewer.tui.screens.history import HistoryScreen
from interviewer.tui.screens.interview import InterviewScreen


class HomeScreen(AppScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", show=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("ctrl+t", "toggle_clock", "Clock on/off", priority=True),
        Binding("f2", "history", "History"),
        Binding("ctrl+d", "check_model", "Check model", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cases: dict[str, CaseStudy] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="case-column"):
                yield Input(placeholder="Filter cases; Enter starts one", id="filter")
                yield OptionList(id="cases")
            with Vertical(id="side-column"):
                yield Label("Settings", classes="section-title")
                yield Static(id="settings")
                yield Label("Unfinished sessions", classes="section-title")
                yield OptionList(id="resumable")
                yield Static("", id="index-status")
                yield ProgressBar(total=None, show_eta=False, id="index-progress")
                yield Static("", id="model-status")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.cases = self.interviewer_app.runtime.cases
        except KnowledgeError as exc:  # the list stays empty; the message says which files to fix
            self.notify(str(exc).splitlines()[0] + " Run `interviewer kb validate`.", title="Knowledge",
                        severity="error", timeout=15)
        self._fill_cases("")
        self._fill_resumable()
        self._show_settings()
        self.call_after_refresh(self._show_settings)  # again once the column's width is known
        self.query_one("#filter", Input).focus()
        self.prepare()

    # -- content ----------------------------------------------------------------------------------------
    def _fill_cases(self, text: str) -> None:
        wanted = text.lower().split()
        options = []
        order = {"easy": 0, "medium": 1, "hard": 2}
        for case in sorted(self.cases.values(), key=lambda c: (order[c.difficulty], c.title)):
            haystack = f"{case.title} {case.slug} {case.difficulty} {' '.join(case.practises)}".lower()
            if all(w in haystack for w in wanted):
                practises = shorten(", ".join(case.practises), 70, placeholder=" …")
                label = f"[b]{case.title}[/b]  [dim]{case.difficulty}[/dim]\n  [dim]{practises}[/dim]"
                options.append(Option(label, id=case.slug))
        cases = self.query_one("#cases", OptionList)
        cases.clear_options()
        cases.add_options(options)
        if options:
            cases.highlighted = 0

    def _fill_resumable(self) -> None:
        resumable = self.query_one("#resumable", OptionList)
        resumable.clear_options()
        try:
            rows = [s for s in self.interviewer_app.runtime.store.list_sessions() if s.status == "active"]
        except StorageError as exc:  # the app stays up: cases can be browsed, and the message says what to fix
            resumable.add_option(Option("[dim]cannot read your sessions[/dim]", id="", disabled=True))
            self.query_one("#index-status", Static).update(str(exc))
            self.notify(str(exc), title="Data home", severity="error", timeout=20)
            return
        titles = {slug: c.title for slug, c in self.cases.items()}
        for s in rows[:8]:
            resumable.add_option(Option(f"{titles.get(s.case, s.case)[:34]} · {s.phase} · "
                                        f"{s.elapsed_s / 60:.0f} min", id=s.id))
        if rows:
            resumable.highlighted = 0
        else:
            resumable.add_option(Option("[dim]none[/dim]", id="", disabled=True))

    def _show_settings(self) -> None:
        s = self.interviewer_app.settings
        clock = "off (practice)" if self.interviewer_app.practice else f"on ({s.engine.total_minutes} min)"
        settings = self.query_one("#settings", Static)
        # the side column is 24 columns inside at 80x24: the provider on the model line, the model's name on
        # its own line, shortened at the end when it still does not fit (whole on hover)
        provider, _, name = s.chat.describe().partition(":")
        room = max((settings.content_size.width or 24) - 2, 10)
        name = name if len(name) <= room else name[: room - 1] + "…"
        settings.tooltip = s.chat.describe()
        settings.update(f"model    {provider}\n  {name}\nprompts  {s.prompt_version}\nclock    {clock}\n"
                        f"embed    {s.embeddings.provider}")

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill_cases(event.value)

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.action_start()

    @on(OptionList.OptionSelected, "#cases")
    def _case_chosen(self, event: OptionList.OptionSelected) -> None:
        self._start(event.option.id)

    @on(OptionList.OptionSelected, "#resumable")
    def _resume_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._open_interview(resume=event.option.id)

    def key_down(self) -> None:
        if self.query_one("#filter", Input).has_focus:
            self.query_one("#cases", OptionList).focus()

    # -- actions ------------------------------------------------------------------------------------------
    def action_start(self) -> None:
        cases = self.query_one("#cases", OptionList)
        if cases.highlighted is None or not cases.option_count:
            self.notify("No case matches the filter.", severity="warning")
            return
        self._start(cases.get_option_at_index(cases.highlighted).id)

    def _start(self, slug: str | None) -> None:
        if slug:
            self._open_interview(case=slug)

    def _open_interview(self, *, case: str | None = None, resume: str | None = None, drill: str | None = None) -> None:
        self.app.push_screen(InterviewScreen(case=case, resume=resume, drill=drill), callback=lambda _: self._refresh())

    def _refresh(self) -> None:
        self._fill_resumable()

    def action_resume(self) -> None:
        """One step: Ctrl+R opens the highlighted unfinished session (the most recent, unless another was
        picked); with none, it says so."""
        resumable = self.query_one("#resumable", OptionList)
        index = resumable.highlighted if resumable.highlighted is not None else 0
        option = resumable.get_option_at_index(index) if resumable.option_count else None
        if option is None or not option.id:
            self.notify("No unfinished sessions to resume.", title="Resume")
            return
        self._open_interview(resume=option.id)

    def action_toggle_clock(self) -> None:
        self.interviewer_app.practice = not self.interviewer_app.practice
        self._show_settings()

    def action_history(self) -> None:
        def drill(chosen: tuple[str, str] | None) -> None:
            if chosen:
                self._open_interview(case=chosen[0], drill=chosen[1])

        self.app.push_screen(HistoryScreen(), callback=drill)

    # -- background preparation -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="prepare")
    def prepare(self) -> None:
        """Build the index on first use and load the models, with progress, off the UI thread. Leaving
        the app stops a build between batches (what was embedded is kept; the rest is built next time)."""
        worker = get_current_worker()

        def progress(done: int, total: int, message: str) -> None:
            if worker.is_cancelled:
                raise WorkerCancelled("the app is closing")
            self.app.call_from_thread(self._index_progress, done, total, message)

        self.app.call_from_thread(self._index_progress, 0, 0, "checking the knowledge index...")
        try:
            deps = self.interviewer_app.runtime.prepare(progress, warm=True)
            count = deps.index.count() if deps.index else 0
        except WorkerCancelled:
            return
        except (KnowledgeError, ProviderError, StorageError) as exc:
            message = exc.user_message() if isinstance(exc, ProviderError) else str(exc).splitlines()[0]
            self.app.call_from_thread(self._index_done, False, message)
            return
        except Exception as exc:  # a broken index folder, an unreachable Chroma server: one line, no crash
            self.app.call_from_thread(self._index_done, False, f"{type(exc).__name__}: {exc}".splitlines()[0][:160])
            return
        self.app.call_from_thread(self._index_done, True, f"Ready: {count} knowledge chunks indexed.")

    def _index_progress(self, done: int, total: int, message: str) -> None:
        self.query_one("#index-status", Static).update(f"Knowledge index: {message}")
        if total:
            self.query_one("#index-progress", ProgressBar).update(total=total, progress=done)

    def _index_done(self, ok: bool, text: str) -> None:
        self.query_one("#index-status", Static).update(text)
        self.query_one("#index-progress", ProgressBar).display = False
        if not ok:
            self.notify(text, title="Not ready", severity="error", timeout=10)

    def action_check_model(self) -> None:
        self.query_one("#model-status", Static).update("Asking the model to say hello...")
        self._check_model()

    @work(exclusive=True, group="model-check")
    async def _check_model(self) -> None:
        start = time.perf_counter()
        try:
            provider = self.interviewer_app.runtime.provider
            reply = await provider.hello()
        except ProviderError as exc:
            self._model_status("fail", exc.user_message())
            return
        took = time.perf_counter() - start
        if not reply.strip():
            self._model_status("fail", f"{provider.describe()} answered with nothing")
        else:
            self._model_status("ok", f"{provider.describe()} answered {' '.join(reply.split())[:60]!r} in {took:.1f}s")

    def _model_status(self, status: str, text: str) -> None:
        self.query_one("#model-status", Static).update(("✓ " if status == "ok" else "✗ ") + text)
        if status != "ok":
            self.notify(text, title="Model check failed", severity="error", timeout=8)
