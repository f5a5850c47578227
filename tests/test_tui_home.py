"""Pilot tests of the first screen, with the scripted provider (no model, no network)."""

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding
from textual.widgets import Static

from interviewer.config import load_settings
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.providers import EndpointUnreachable
from interviewer.providers.scripted import ScriptedProvider
from interviewer.tui.app import make_app as real_make_app

from .knowledge_factory import write_knowledge


@pytest.fixture
def small_index(tmp_path):
    knowledge = write_knowledge(tmp_path / "knowledge")
    return KnowledgeIndex(load_settings(), knowledge, embeddings=DeterministicFakeEmbedding(size=16))


@pytest.fixture
def make_app(small_index):
    def factory(settings, provider):
        return real_make_app(settings, provider, small_index)

    return factory


async def test_home_shows_the_active_settings(make_app):
    app = make_app(load_settings(), ScriptedProvider())
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one("#settings", Static).render())
        assert "local:SmolLM2-135M-Instruct" in text
        assert "prompt version  v1" in text


async def test_check_model_runs_in_a_worker_and_shows_the_reply(make_app):
    provider = ScriptedProvider("Hello, candidate.")
    app = make_app(load_settings(), provider)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#model-status", Static).render())
        assert status.startswith("✓")
        assert "Hello, candidate." in status
        assert provider.calls and provider.calls[0].kind == "stream"


async def test_model_failure_is_a_notification_not_a_crash(make_app):
    provider = ScriptedProvider(EndpointUnreachable("Cannot reach http://127.0.0.1:9/v1."))
    app = make_app(load_settings(), provider)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#model-status", Static).render())
        assert status.startswith("✗") and "Cannot reach" in status
        assert any("Cannot reach" in n.message for n in app._notifications)


async def test_index_is_built_on_first_use_with_progress(make_app, small_index):
    app = make_app(load_settings(), ScriptedProvider())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#index-status", Static).render())
        assert "chunks ready (built in" in status
    assert small_index.is_current()
    # a second start finds it current and does not rebuild
    app = make_app(load_settings(), ScriptedProvider())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.query_one("#index-status", Static).render())
        assert status.endswith("chunks ready")
