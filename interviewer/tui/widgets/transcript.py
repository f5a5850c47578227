"""The conversation: one block per turn; the interviewer's block fills in as tokens stream."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static


class Message(Static):
    def __init__(self, role: str, text: str = "", step: str = "") -> None:
        super().__init__(classes=f"message {role}")
        self.role = role
        self.step = step
        self.text = text
        self.border_title = ("Interviewer" if role == "interviewer" else "You") + (f" · {step}" if step else "")

    def on_mount(self) -> None:
        self.update(Text(self.text))

    def append(self, piece: str) -> None:
        self.text += piece
        self.update(Text(self.text))

    def replace(self, text: str) -> None:
        self.text = text
        self.update(Text(text))


class Transcript(VerticalScroll):
    """Follows the newest message unless the candidate has scrolled up to read."""

    def add(self, role: str, text: str = "", step: str = "") -> Message:
        follow = self.is_vertical_scroll_end or self.max_scroll_y == 0
        message = Message(role, text, step)
        self.mount(message)
        if follow:
            self.call_after_refresh(self.scroll_end, animate=False)
        return message

    def follow(self) -> None:
        if self.is_vertical_scroll_end or self.scroll_y >= self.max_scroll_y - 3:
            self.scroll_end(animate=False)
