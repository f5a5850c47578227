"""Scoring: the rubric (data), evidence-checked scorecards, and the scorer that fills them."""
