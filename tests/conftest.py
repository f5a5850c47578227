"""Every test runs with a private data home and none of the user's interviewer or OpenAI settings.
Shared fixtures: the shipped knowledge, a temporary store, and engine dependencies with a scripted
provider."""

from __future__ import annotations

import os

import pytest

from interviewer import paths
from interviewer.config import EngineSettings
from interviewer.engine.interview import EngineDeps
from interviewer.knowledge.loader import load_knowledge
from interviewer.prompts import load_prompts
from interviewer.providers.scripted import ScriptedProvider
from interviewer.storage.store import SessionStore


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("INTERVIEWER_") or name in {"OPENAI_API_KEY", "OPENAI_BASE_URL"}:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home

@pytest.fixture(scope="session")
def knowledge():
    kb = load_knowledge(paths.knowledge_dir())
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
            challenges=list(knowledge.challenges.values()),
            config=EngineSettings(**config),
        )

    return factory
