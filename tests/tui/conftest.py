"""TUI fixtures: the real case studies indexed with a fake embedding (fast, no model), a scripted
provider, and an app factory."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from interviewer.config import load_settings
from interviewer.providers.scripted import ScriptedProvider
from interviewer.runtime import build
from interviewer.tui.app import make_app

DEFAULTS = {"engine": {"phrasing": "draft"}, "matching": {"use_embeddings": False}}


@pytest.fixture
def app_factory():
    """An app over a runtime with a scripted provider and fake embeddings (the index is built with them
    in the test's data home, in seconds)."""

    def make(provider=None, **overrides):
        settings = load_settings(**{**DEFAULTS, **overrides})
        runtime = build(settings, provider=provider or ScriptedProvider(default_reply="Tell me more?"),
                        embeddings=DeterministicFakeEmbedding(size=16))
        return make_app(runtime)

    return make
