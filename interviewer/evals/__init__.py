"""Evals: datasets in the repo's evals/ folder, runners and metrics here."""
