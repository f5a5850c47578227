"""Wording shared by the Markdown and HTML reports."""

from __future__ import annotations

SIGNAL_LABELS = {
    "strong_no_hire": "Strong no hire",
    "no_hire": "No hire",
    "lean_no_hire": "Lean no hire",
    "lean_hire": "Lean hire",
    "hire": "Hire",
    "strong_hire": "Strong hire",
}


def clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
