"""The interview: transcript with the interviewer's words streaming in, a multi-line answer box, the
seven steps with time left, a notes pane. The engine runs in a worker; this screen only renders its
events. Drafts and notes are saved every second, so nothing typed is lost."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Header, Label, Static, TextArea

from interviewer.domain.session import Turn
from interviewer.engine import events as ev
from interviewer.engine.interview import Interview
from interviewer.knowledge.index import KnowledgeError
from interviewer.providers import ProviderError
from interviewer.scoring.scorecard import Scorecard
from interviewer.storage.errors import StorageError
from interviewer.storage.store import SessionNotFound, StoredSession
from interviewer.tui.screens import AppScreen
from interviewer.tui.screens.scorecard import ScorecardScreen
from interviewer.tui.widgets.answer import AnswerBox
from interviewer.tui.widgets.steps import StepsBar
from interviewer.tui.widgets.transcript import Message, Transcript


class ConfirmLeave(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Leave"), Binding("n,escape", "answer(False)", "Stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Leave the interview? Everything so far is saved; resume it from the home screen.")
            with Horizontal(id="dialog-buttons"):
                yield Button("Leave (y)", variant="warning", id="leave")
                yield Button("Stay (n)", variant="primary", id="stay")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave")

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)


class InterviewScreen(AppScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "Send"),
        Binding("ctrl+g", "hint", "Hint", priority=True),
        Binding("ctrl+n", "move_on", "Move on", priority=True),
        Binding("ctrl+o", "notes", "Notes", priority=True),
        Binding("ctrl+b", "pause", "Pause", priority=True),
    ]

    def __init__(self, case: str | None = None, resume: str | None = None, drill: str | None = None) -> None:
        super().__init__()
        self.case_slug = case
        self.resume_id = resume
        self.drill = drill
        self.interview: Interview | None = None
        self.busy = False
        self._draft_dirty = False
        self._notes_dirty = False
        self._current: Message | None = None
        self._last_problem = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield StepsBar(id="steps")
        with Horizontal(id="talk"):
            yield Transcript(id="transcript")
            # no wrapping: an ASCII diagram keeps its shape and scrolls sideways
            yield TextArea(id="notes", soft_wrap=False, show_line_numbers=False)
        yield AnswerBox(id="answer", soft_wrap=True, show_line_numbers=False,
                        placeholder="Your answer. Enter adds a line; Ctrl+S sends.")
        yield Static("Preparing the interview...", id="status")
        yield Footer()

    def on_mount(self) -> None:
        # kept: unmount must still save them after the DOM is gone
        self._answer = self.query_one("#answer", TextArea)
        self._notes = self.query_one("#notes", TextArea)
        notes = self._notes
        notes.border_title = "Notes (saved; the scorer sees them)"
        notes.display = False
        self.query_one("#answer", TextArea).border_title = "Your answer"
        self.query_one("#answer", TextArea).focus()
        self.set_interval(1.0, self._tick)
        self.boot()

    # -- start / resume --------------------------------------------------------------------------------
    @work(exclusive=True, group="turn")
    async def boot(self) -> None:
        runtime = self.interviewer_app.runtime
        self.busy = True
        try:
            if self.resume_id:
                interview = await asyncio.to_thread(runtime.resume, self.resume_id)
            else:
                interview = await asyncio.to_thread(
                    runtime.start, self.case_slug or "", practice=self.interviewer_app.practice, drill=self.drill)
        except Exception as exc:  # whatever stops the start, the app stays up and says it
            if isinstance(exc, ProviderError):
                text = exc.user_message()
            elif isinstance(exc, (KnowledgeError, SessionNotFound, StorageError, KeyError)):
                text = str(exc).splitlines()[0]
            else:
                text = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            self.notify(text, title="Cannot start the interview", severity="error", timeout=10)
            self._status(f"Cannot start: {text}")
            self.busy = False
            return
        self.interview = interview
        self.sub_title = interview.case.title
        if self.resume_id:
            transcript = self.query_one(Transcript)
            for turn in interview.turns:
                transcript.add(turn.role, turn.text, turn.phase)
            self.query_one("#answer", TextArea).text = interview.draft
            self.query_one("#notes", TextArea).text = interview.notes
            if interview.notes:
                self.query_one("#notes", TextArea).display = True
        self._status("")
        await self._consume(interview.open())
        self.busy = False
        self._tick()

    # -- turns ---------------------------------------------------------------------------------------------
    def action_send(self) -> None:
        answer = self.query_one("#answer", TextArea)
        self._submit(answer.text, box=answer)

    @on(AnswerBox.Submitted)
    def _answer_submitted(self, event: AnswerBox.Submitted) -> None:
        self._submit(event.text, box=event.box)

    def action_hint(self) -> None:
        self._submit("Can I get a hint?")

    def action_move_on(self) -> None:
        self._submit("Let's move on.")

    def _submit(self, text: str, box: TextArea | None = None) -> None:
        """Commit the answer, then clear the box and let the interviewer reply. If the commit fails (a full
        disk, a read-only data home), the text stays in the box and one line says why."""
        if self.interview is None:
            self.notify("The interview is still starting.", severity="warning")
            return
        if self.interview.finished:
            self.notify("This interview has finished.", severity="warning")
            return
        if self.busy:
            self.notify("The interviewer is still speaking; your text is kept.", severity="warning")
            return
        if self.interview.paused:
            self.notify("Paused: press Ctrl+B to continue.", severity="warning")
            return
        try:
            turn = self.interview.record(text)
        except StorageError as exc:
            self._storage_problem(exc, "Your answer was not sent; it is still in the box.")
            return
        if box is not None:
            box.clear()  # the commit also cleared the saved draft
        self.busy = True
        self.query_one(Transcript).add("candidate", turn.text or "(empty)", turn.phase)
        self._status("The interviewer is thinking...")
        self.run_turn(turn)

    @work(exclusive=True, group="turn")
    async def run_turn(self, turn: Turn) -> None:
        assert self.interview is not None
        try:
            await self._consume(self.interview.respond(turn))
        except StorageError as exc:
            self._storage_problem(exc, "Your answer is saved; the reply will be made when you resume.")
        finally:
            self.busy = False
            self._save_draft()

    def _storage_problem(self, exc: StorageError, consequence: str) -> None:
        """What could not be saved, why, and the fix, in the status line in red (autosave retries every
        second, so it rings once per new problem rather than every time)."""
        message = f"{exc} {consequence}"
        self._status(message, problem=True)
        if message != self._last_problem:
            self._last_problem = message
            self.app.bell()

    async def _consume(self, events) -> None:
        transcript = self.query_one(Transcript)
        async for event in events:
            if isinstance(event, ev.TurnStarted):
                self._current = transcript.add("interviewer", "", event.phase)
                self._status("The interviewer is speaking...")
            elif isinstance(event, ev.Token) and self._current is not None:
                self._current.append(event.text)
                transcript.follow()
            elif isinstance(event, ev.InterviewerTurnDone) and self._current is not None:
                self._current.replace(event.turn.text)
                self._current = None
                self._status("")
            elif isinstance(event, ev.StepChanged):
                self._tick()
            elif isinstance(event, ev.TimeWarning):
                self.notify(f"About {event.remaining_s / 60:.0f} minute(s) left in this step.", title="Time")
            elif isinstance(event, ev.EngineError):
                self.notify(event.message, severity="warning" if event.recoverable else "error", timeout=8)
            elif isinstance(event, ev.SessionFinished):
                self._finished()
        transcript.follow()

    # -- finish --------------------------------------------------------------------------------------------
    def _finished(self) -> None:
        self._status("Interview over. Scoring...")
        self.score()

    @work(exclusive=True, group="score")
    async def score(self) -> None:
        assert self.interview is not None
        try:
            card, stored = await self.interviewer_app.runtime.score_session(self.interview.session_id)
        except Exception as exc:  # scoring must never lose the session: it is saved; say why and stay
            self.notify(f"Scoring failed: {exc}".splitlines()[0], severity="error")
            return
        self._show_scorecard(card, stored)

    def _show_scorecard(self, card: Scorecard, stored: StoredSession) -> None:
        self._status("")
        self.app.switch_screen(ScorecardScreen(card, stored))

    # -- notes, pause, leave, autosave -------------------------------------------------------------------
    def action_notes(self) -> None:
        notes = self.query_one("#notes", TextArea)
        transcript = self.query_one(Transcript)
        at_end = transcript.is_vertical_scroll_end or transcript.scroll_y >= transcript.max_scroll_y - 3
        notes.display = not notes.display
        (notes if notes.display else self.query_one("#answer", TextArea)).focus()
        if at_end:
            # the transcript reflows to its new width; the question on the table stays in view
            self.call_after_refresh(transcript.scroll_end, animate=False)

    def action_pause(self) -> None:
        if self.interview is None:
            return
        paused = not self.interview.paused
        self.interview.pause(paused)
        self._status("Paused. Ctrl+B continues; the clock is stopped." if paused else "")
        self._tick()

    def confirm_leave(self) -> None:
        def leave(yes: bool | None) -> None:
            if yes:
                self._save_draft()
                self._save_notes()
                self.dismiss()

        self.app.push_screen(ConfirmLeave(), leave)

    @on(TextArea.Changed, "#answer")
    def _answer_changed(self) -> None:
        self._draft_dirty = True

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        self._notes_dirty = True

    def _save_draft(self) -> None:
        if self._draft_dirty and self.interview is not None:
            try:
                self.interview.save_draft(self._answer.text)
            except StorageError as exc:  # kept dirty: the next tick tries again
                self._storage_problem(exc, "Your text is still in the box.")
                return
            self._draft_dirty = False

    def _save_notes(self) -> None:
        if self._notes_dirty and self.interview is not None:
            try:
                self.interview.save_notes(self._notes.text)
            except StorageError as exc:
                self._storage_problem(exc, "Your notes are still in the pane.")
                return
            self._notes_dirty = False

    def _tick(self) -> None:
        self._save_draft()
        self._save_notes()
        if self.interview is None:
            return
        step_left, total_left = self.interview.time_left()
        self.query_one(StepsBar).show(self.interview.state.phase, self.interview.state.visited, step_left, total_left,
                                      self.interview.paused)

    def on_unmount(self) -> None:
        self._save_draft()
        self._save_notes()
        if self.interview is not None:
            self.interview.close()

    def _status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(problem, "problem")
