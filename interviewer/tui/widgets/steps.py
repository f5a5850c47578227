"""The seven steps, the current one highlighted, with time left in the step and overall."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from interviewer.domain.steps import STEP_IDS

SHORT = {"clarify": "Clarify", "frame": "Frame", "data": "Data", "features": "Features", "model": "Model",
         "serving": "Serving", "monitoring": "Monitor"}


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    sign = "-" if seconds < 0 else ""
    minutes, secs = divmod(int(abs(seconds)), 60)
    return f"{sign}{minutes}:{secs:02d}"


class StepsBar(Static):
    """One line: the steps, then the clock at the right edge. When the line does not fit (80 columns), the
    steps other than the current one shrink to their numbers: the clock is never the part that is cut."""

    def show(self, phase: str, visited: Sequence[str], step_left: float | None, total_left: float | None,
             paused: bool) -> None:
        if paused:
            clock = "paused"
        else:
            clock = f"step {fmt(step_left)} · total {fmt(total_left)}" if total_left is not None else "no clock"
        width = max(self.size.width - 2, 20) if self.size.width else 200
        line = self._steps(phase, visited, compact=False)
        if line.cell_len + len(clock) + 2 > width:
            line = self._steps(phase, visited, compact=True)
        gap = max(width - line.cell_len - len(clock), 2)
        line.append(" " * gap)
        line.append(clock, style="bold red" if step_left is not None and step_left < 60 and not paused else "")
        self.update(line)

    @staticmethod
    def _steps(phase: str, visited: Sequence[str], compact: bool) -> Text:
        line = Text()
        for i, step in enumerate(STEP_IDS, start=1):
            label = f" {i} {SHORT[step]} " if step == phase or not compact else f" {i} "
            if step == phase:
                line.append(label, style="bold reverse")
            elif step in visited:
                line.append(label, style="dim")
            else:
                line.append(label)
        if phase in ("intro", "wrapup"):
            line.append(f" {phase}", style="italic")
        return line
