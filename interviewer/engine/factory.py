"""Assemble an engine from settings: the store, provider, prompts, knowledge, index and embeddings.
The CLI and the TUI use this; tests build `EngineDeps` themselves with a scripted provider."""

from __future__ import annotations

from collections.abc import Callable

from interviewer import locations
from interviewer.config import Settings
from interviewer.engine.interview import EngineDeps
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.prompts import load_prompts
from interviewer.providers import ChatProvider, make_provider
from interviewer.storage.store import SessionStore

Progress = Callable[[int, int, str], None]


def open_store(settings: Settings) -> SessionStore:
    return SessionStore(locations.database_path(settings.ensure_home()))


def build_deps(
    settings: Settings,
    *,
    provider: ChatProvider | None = None,
    progress: Progress | None = None,
    with_index: bool = True,
) -> EngineDeps:
    """Everything a session needs. Builds the knowledge index first if it is missing or stale."""
    from interviewer.knowledge.index import KnowledgeIndex

    prompts = load_prompts(settings.prompt_version)
    index = KnowledgeIndex(settings)
    kb: KnowledgeBase = index.load()
    embedder = None
    if with_index:
        index.ensure_built(progress)
        if settings.engine.use_embeddings:
            embedder = index.embeddings
    return EngineDeps(
        store=open_store(settings),
        provider=provider or make_provider(settings),
        prompts=prompts,
        cases=kb.cases,
        framework=kb.framework,
        index=index if with_index else None,
        embedder=embedder,
        config=settings.engine,
    )
