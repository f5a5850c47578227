"""History: past sessions, per-step level trends across scored sessions, the weakest steps, and a drill
on the weakest step of a chosen case."""

from __future__ import annotations

from statistics import fmean
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Label, Select, Sparkline, Static

from interviewer.domain.steps import STEP_IDS, STEP_TITLES
from interviewer.tui.screens import AppScreen
from interviewer.tui.screens.scorecard import ScorecardScreen


class HistoryScreen(AppScreen[tuple[str, str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"), Binding("d", "drill", "Drill weakest step"),
        Binding("p", "toggle_partial", "Partial sessions in trends"),
    ]
    include_partial = False
    """Whether scorecards of unfinished sessions count in the trends (off: they would drag them down)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history"):
            yield Label("Sessions (Enter opens one's scorecard)", classes="section-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Label("Step levels over scored sessions (oldest → newest)", classes="section-title", id="trend-title")
            for step in STEP_IDS:
                with Horizontal(classes="trend"):
                    yield Static(STEP_TITLES[step][:26], classes="trend-label")
                    yield Sparkline([], id=f"trend-{step}", classes="trend-line")
                    yield Static("", id=f"mean-{step}", classes="trend-mean")
            yield Static("", id="weakest")
            with Horizontal(id="drill-row"):
                yield Select([], prompt="Case for a drill", id="drill-case")
                yield Button("Drill weakest step (d)", id="drill", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        runtime = self.interviewer_app.runtime
        cases = runtime.cases
        table = self.query_one("#sessions", DataTable)
        table.add_columns("Date", "Case", "Status", "Step", "Turns", "Signal")
        for s in runtime.store.list_sessions():
            signal = f"{s.score} (partial)" if s.score and s.score_partial else (s.score or "-")
            table.add_row(s.created_at[:16].replace("T", " "), cases[s.case].title[:32] if s.case in cases else s.case,
                          s.status, s.phase, str(s.turns), signal, key=s.id)
        self._show_trends()
        select = self.query_one("#drill-case", Select)
        select.set_options([(c.title, slug) for slug, c in sorted(cases.items(), key=lambda kv: kv[1].title)])

    def _show_trends(self) -> None:
        scored = self.interviewer_app.runtime.scored_sessions(include_partial=self.include_partial)
        cards = [s.scorecard for s in scored]
        self.means: dict[str, float] = {}
        for step in STEP_IDS:
            levels = [card.levels()[step] for card in cards]
            self.query_one(f"#trend-{step}", Sparkline).data = levels or [0]
            if levels:
                self.means[step] = fmean(levels)
                self.query_one(f"#mean-{step}", Static).update(f"avg {self.means[step]:.1f}")
            else:
                self.query_one(f"#mean-{step}", Static).update("")
        counted = "finished and partial sessions" if self.include_partial else "finished sessions (p adds partial)"
        self.query_one("#trend-title", Label).update(f"Step levels over {counted}, oldest → newest")
        if self.means:
            weakest = sorted(self.means, key=lambda s: (self.means[s], STEP_IDS.index(s)))[:2]
            self.query_one("#weakest", Static).update(
                "Weakest steps: " + ", ".join(f"{STEP_TITLES[s]} ({self.means[s]:.1f})" for s in weakest))
        else:
            self.query_one("#weakest", Static).update("No scored sessions yet: finish an interview to see trends.")

    @on(DataTable.RowSelected, "#sessions")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on a past session opens its scorecard (scored now if it never was) and, from there, its
        reports and transcript."""
        if event.row_key.value:
            self._open_scorecard(event.row_key.value)

    @work(exclusive=True, group="scorecard")
    async def _open_scorecard(self, session_id: str) -> None:
        try:
            card, stored = await self.interviewer_app.runtime.score_session(session_id)
        except Exception as exc:  # one line, and the history stays open
            self.notify(f"Could not open that session's scorecard: {exc}".splitlines()[0], severity="error")
            return
        self.app.push_screen(ScorecardScreen(card, stored))

    def action_toggle_partial(self) -> None:
        self.include_partial = not self.include_partial
        self._show_trends()

    def weakest_step(self) -> str:
        if not self.means:
            return "clarify"
        return min(self.means, key=lambda s: (self.means[s], STEP_IDS.index(s)))

    @on(Button.Pressed, "#drill")
    def _drill_pressed(self) -> None:
        self.action_drill()

    def action_drill(self) -> None:
        case = self.query_one("#drill-case", Select).value
        if not isinstance(case, str):
            self.notify("Choose a case for the drill first.", severity="warning")
            return
        self.dismiss((case, self.weakest_step()))

    def action_back(self) -> None:
        self.dismiss(None)
