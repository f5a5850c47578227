"""Interview time. Live sessions read a monotonic clock from where the session left off (time while the
app was closed does not count); headless scripts set the elapsed time they simulate."""

from __future__ import annotations

import time

from interviewer.domain.case import Framework
from interviewer.domain.steps import STEP_IDS

DEFAULT_BUDGETS = {"clarify": 5, "frame": 5, "data": 6, "features": 6, "model": 9, "serving": 7, "monitoring": 5}


class Clock:
    def __init__(self, elapsed_s: float = 0.0) -> None:
        self._base = elapsed_s
        self._started = time.monotonic()
        self.paused = False
        self.simulated = False
        """Set by a script: time is what the script says, and stands still in between (a slow machine or
        eight interviews at once must not change what a scripted interview decides)."""

    def now(self) -> float:
        if self.paused or self.simulated:
            return self._base
        return self._base + time.monotonic() - self._started

    def set(self, elapsed_s: float) -> None:
        self._base = max(elapsed_s, 0.0)
        self._started = time.monotonic()
        self.simulated = True

    def pause(self) -> None:
        self._base = self.now()
        self.paused = True

    def resume(self) -> None:
        self._started = time.monotonic()
        self.paused = False


def step_budgets(framework: Framework | None, total_minutes: int) -> dict[str, float]:
    """Seconds per step: the framework's minutes, scaled so the steps fill the interview less about two
    minutes for the intro and wrap-up."""
    minutes = {s.step: s.budget_minutes for s in framework.steps} if framework else dict(DEFAULT_BUDGETS)
    available = max(total_minutes - 2, len(STEP_IDS))
    scale = available / sum(minutes.values())
    return {step: 60.0 * minutes[step] * scale for step in STEP_IDS}


def behind_schedule(budgets: dict[str, float], phase: str, total_left: float | None, share: float) -> bool:
    """Less time left overall than `share` of what the steps after `phase` were budgeted."""
    if total_left is None or phase not in budgets:
        return False
    later = list(budgets)[list(budgets).index(phase) + 1:]
    return total_left < share * sum(budgets[s] for s in later)
