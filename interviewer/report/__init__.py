"""Feedback reports: pure functions of a scorecard and a transcript (no model call while rendering)."""
