"""TUI fixtures: the real case studies indexed with a fake embedding (fast, no model), a scripted
provider, and an app factory."""

from __future__ import annotations

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from interviewer.config import load_settings
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.providers.scripted import ScriptedProvider
from interviewer.tui.app import make_app


@pytest.fixture
def settings():
    return load_settings(engine={"phrasing": "draft", "use_embeddings": False},
                         scoring={"use_embeddings": False})


@pytest.fixture
def index(settings):
    return KnowledgeIndex(settings, embeddings=DeterministicFakeEmbedding(size=16))


@pytest.fixture
def app_factory(settings, index):
    def build(provider=None, **overrides):
        chosen = load_settings(**{"engine": {"phrasing": "draft", "use_embeddings": False},
                                  "scoring": {"use_embeddings": False}, **overrides}) if overrides else settings
        return make_app(chosen, provider or ScriptedProvider(default_reply="Tell me more?"), index)

    return build
