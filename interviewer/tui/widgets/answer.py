"""The answer box: a multi-line TextArea where Enter adds a line and Ctrl+S sends. The key is handled by
the box itself, in order with the keys typed before it, so a fast paste-and-send loses nothing."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from interviewer.text import printable


class AnswerBox(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "submit", "Send")]

    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.text))

    async def _on_paste(self, event: events.Paste) -> None:
        """A paste is text: its control characters (a BEL, an escape sequence) are dropped, never keys."""
        event.prevent_default()  # TextArea's own handler would insert the raw text as well
        if not self.read_only:
            self.move_cursor(self.replace(printable(event.text), *self.selection).end_location)
