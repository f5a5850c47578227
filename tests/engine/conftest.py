"""Engine fixtures: the real case studies, a temp SQLite store, a scripted provider."""

from __future__ import annotations

import pytest

from interviewer import locations
from interviewer.config import EngineSettings
from interviewer.engine.interview import EngineDeps
from interviewer.knowledge.loader import load_knowledge
from interviewer.prompts import load_prompts
from interviewer.providers.scripted import ScriptedProvider
from interviewer.storage.store import SessionStore

@pytest.fixture(scope="session")
def knowledge():
    kb = load_knowledge(locations.knowledge_dir())
    assert not kb.problems
    return kb


@pytest.fixture
def store(tmp_path):
    store = SessionStore(tmp_path / "sessions.sqlite3")
    yield store
    store.close()


@pytest.fixture
def make_deps(knowledge, store):
    def factory(provider=None, **config) -> EngineDeps:
        config.setdefault("phrasing", "draft")
        return EngineDeps(
            store=store,
            provider=provider or ScriptedProvider(),
            prompts=load_prompts("v1"),
            cases=knowledge.cases,
            framework=knowledge.framework,
            config=EngineSettings(**config),
        )

    return factory
