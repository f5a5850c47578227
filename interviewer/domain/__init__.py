"""Pydantic models shared by every layer: case studies, steps, sessions, rubrics, scorecards."""
