"""The result: levels per step and criterion, hire signal, improvements and missed key points, with
buttons to write the Markdown or HTML report and to read the transcript."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Markdown, Static

from interviewer.report.common import SIGNAL_LABELS
from interviewer.report.transcript import transcript_markdown
from interviewer.scoring.scorecard import Scorecard
from interviewer.storage.store import StoredSession
from interviewer.tui.screens import AppScreen


def bar(level: int) -> str:
    return "█" * level + "░" * (4 - level)


class TranscriptScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(self.markdown)
        yield Footer()


class ScorecardScreen(AppScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "write('html')", "HTML report"),
        Binding("m", "write('md')", "Markdown report"),
        Binding("t", "transcript", "Transcript"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, card: Scorecard, stored: StoredSession) -> None:
        super().__init__()
        self.card = card
        self.stored = stored

    def compose(self) -> ComposeResult:
        card = self.card
        yield Header()
        with VerticalScroll(id="scorecard"):
            yield Static(f"[b]{SIGNAL_LABELS[card.hire_signal]}[/b] · level estimate {card.level_estimate} · "
                         f"hints {card.hints_used} · {card.case_title}", id="signal")
            for note in card.notes:
                yield Static(Text(f"Note: {note}"), classes="note")
            yield Static(self._levels_table(), id="levels")
            yield Label("Most valuable improvements", classes="section-title")
            improvements = "\n".join(f"{i}. {imp.text}" for i, imp in enumerate(card.improvements, 1))
            yield Static(Text(improvements or "None: well done."), id="improvements")
            yield Label("Key points you missed", classes="section-title")
            yield Static(Text("\n".join(f"• {m.step}: {m.title} ({m.pointer.split(' ')[0]})"
                                   for m in card.missed_key_points) or "None."), id="missed")
            yield Label("Strengths", classes="section-title")
            strengths = "\n".join(f"• {s}" for s in card.strengths)
            yield Static(Text(strengths or "No criterion reached level 3 yet."), id="strengths")
            with Horizontal(id="report-buttons"):
                yield Button("HTML report (h)", id="html", variant="primary")
                yield Button("Markdown report (m)", id="md")
                yield Button("Transcript (t)", id="transcript")
                yield Button("Home (esc)", id="home")
        yield Footer()

    def _levels_table(self) -> Table:
        """Every criterion with its level and its whole reason: the Why column wraps to the screen's width
        (the screen scrolls) instead of being cut."""
        table = Table(expand=True, box=None, show_edge=False, pad_edge=False)
        table.add_column("Criterion", no_wrap=True)
        table.add_column("Level", no_wrap=True)
        table.add_column("Why", ratio=1, overflow="fold")
        for c in self.card.criteria:
            # plain text, never markup: a quoted sentence or "[said in ...]" in square brackets is shown as written
            table.add_row(c.title, f"{bar(c.level)} {c.level}", Text(c.justification))
        return table

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("html", "md"):
            self.action_write(event.button.id)
        elif event.button.id == "transcript":
            self.action_transcript()
        else:
            self.action_home()

    def action_write(self, fmt: str) -> None:
        path = self.interviewer_app.runtime.write_report(self.card, self.stored, "html" if fmt == "html" else "md")
        self.notify(f"Wrote {path}", title="Report")

    def action_transcript(self) -> None:
        self.app.push_screen(TranscriptScreen(transcript_markdown(self.stored, self.card.case_title)))

    def action_home(self) -> None:
        self.dismiss()
