"""The answer box: a multi-line TextArea where Enter adds a line and Ctrl+S sends. The key is handled by
the box itself, in order with the keys typed before it, so a fast paste-and-send loses nothing."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea


class AnswerBox(TextArea):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "submit", "Send")]

    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.text))
