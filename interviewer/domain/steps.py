"""The 7 steps of the ML system design framework, plus the intro and wrap-up phases around them."""

from __future__ import annotations

from typing import Literal, get_args

StepId = Literal["clarify", "frame", "data", "features", "model", "serving", "monitoring"]
PhaseId = Literal["intro", "clarify", "frame", "data", "features", "model", "serving", "monitoring", "wrapup"]

STEP_IDS: tuple[StepId, ...] = get_args(StepId)
PHASE_IDS: tuple[PhaseId, ...] = get_args(PhaseId)

STEP_TITLES: dict[str, str] = {
    "intro": "Introduction",
    "clarify": "Clarify requirements",
    "frame": "Frame as an ML problem",
    "data": "Data preparation",
    "features": "Feature engineering",
    "model": "Model development and offline evaluation",
    "serving": "Deployment, serving and online evaluation",
    "monitoring": "Monitoring and maintenance",
    "wrapup": "Wrap-up",
}
