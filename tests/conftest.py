"""Every test runs with a private data home and none of the user's interviewer or OpenAI settings."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("INTERVIEWER_") or name in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home
