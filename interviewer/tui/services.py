"""What the screens need from the rest of the program, built once and off the UI thread: the engine's
dependencies (index, embeddings, model), session listing, scoring. Screens call these from workers;
nothing here imports Textual."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from interviewer.config import Settings

if TYPE_CHECKING:
    from interviewer.domain.case import CaseStudy
    from interviewer.engine.interview import EngineDeps, Interview
    from interviewer.knowledge.index import KnowledgeIndex
    from interviewer.providers import ChatProvider
    from interviewer.scoring.scorecard import Scorecard
    from interviewer.storage.store import SessionStore, StoredSession

Progress = Callable[[int, int, str], None]


class Services:
    def __init__(self, settings: Settings, provider: ChatProvider | None = None, index: KnowledgeIndex | None = None):
        self.settings = settings
        self._provider = provider
        self._index = index
        self._deps: EngineDeps | None = None
        self._store: SessionStore | None = None
        self._lock = threading.Lock()

    # -- cheap things (safe on the UI thread) --------------------------------------------------------
    @property
    def store(self) -> SessionStore:
        if self._store is None:
            from interviewer.engine.factory import open_store

            self._store = open_store(self.settings)
        return self._store

    def index(self) -> KnowledgeIndex:
        if self._index is None:
            from interviewer.knowledge.index import KnowledgeIndex

            self._index = KnowledgeIndex(self.settings)
        return self._index

    def cases(self) -> dict[str, CaseStudy]:
        from interviewer.knowledge.loader import load_knowledge

        return load_knowledge(self.index().knowledge_dir).cases

    @property
    def ready(self) -> bool:
        return self._deps is not None

    # -- expensive things (call from a thread worker) -------------------------------------------------
    def prepare(self, progress: Progress | None = None) -> EngineDeps:
        """Build the index if needed, load embeddings and the model: everything a session needs."""
        with self._lock:
            if self._deps is None:
                from interviewer.engine.interview import EngineDeps
                from interviewer.prompts import load_prompts
                from interviewer.providers import make_provider

                index = self.index()
                index.ensure_built(progress)
                kb = index.load()
                if self.settings.engine.use_embeddings:
                    index.embeddings.embed_query("warm up")  # load the model now, not on the first answer
                self._deps = EngineDeps(
                    store=self.store,
                    provider=self._provider or make_provider(self.settings),
                    prompts=load_prompts(self.settings.prompt_version),
                    cases=kb.cases,
                    framework=kb.framework,
                    index=index,
                    embedder=index.embeddings if self.settings.engine.use_embeddings else None,
                    config=self.settings.engine,
                )
            return self._deps

    def start(self, case: str, *, practice: bool, drill: str | None = None) -> Interview:
        from interviewer.engine.interview import Interview

        return Interview.start(self.prepare(), case, practice=practice, drill=drill)

    def resume(self, session_id: str) -> Interview:
        from interviewer.engine.interview import Interview

        return Interview.resume(self.prepare(), session_id)

    def score(self, session_id: str) -> tuple[Scorecard, StoredSession]:
        """Score a session (or load its stored scorecard) and keep it."""
        import asyncio

        from interviewer.scoring import service

        deps = self.prepare()
        stored = self.store.load(session_id)
        existing = service.load(self.store, stored.info.id)
        if existing is not None:
            return existing, stored
        provider = deps.provider if self.settings.scoring.combine != "coverage" else None
        card = asyncio.run(service.score_stored(
            stored, deps.cases[stored.info.case], self.settings,
            embedder=deps.embedder if self.settings.scoring.use_embeddings else None,
            embeddings_name=self.index().embedding_name, provider=provider,
        ))
        service.save(self.store, card)
        return card, stored

    def scorecards(self) -> list[tuple[str, str, str, Scorecard]]:
        """(session id, case, created_at, scorecard) for every scored session, oldest first."""
        from interviewer.scoring import service

        out = []
        for info in reversed(self.store.list_sessions()):
            if info.score:
                card = service.load(self.store, info.id)
                if card is not None:
                    out.append((info.id, info.case, info.created_at, card))
        return out
