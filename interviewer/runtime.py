"""The one place the parts are wired together. The CLI, the TUI and the evals each call `build(settings)`
and get the same provider, embeddings, knowledge, store, engine and scorer for the same settings, so one
session scored from the command line and from the app gets the same scorecard.

Everything expensive is made on first use: building a Runtime reads no model and opens no index, so the
home screen paints at once and `interviewer sessions` stays fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from interviewer import paths
from interviewer.config import EngineSettings, Settings
from interviewer.domain.case import CaseStudy
from interviewer.domain.session import SessionInfo
from interviewer.engine.interview import EngineDeps, Interview
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.knowledge.loader import KnowledgeBase
from interviewer.matching import Embedder
from interviewer.prompts import PromptSet, load_prompts
from interviewer.providers import ChatProvider, make_provider
from interviewer.providers.embeddings import TextEmbeddings
from interviewer.report.html import render_html
from interviewer.report.markdown import render_markdown
from interviewer.scoring.rubric import RUBRIC_FILE, Rubric, load_rubric
from interviewer.scoring.scorecard import Scorecard
from interviewer.scoring.service import score_stored
from interviewer.storage.files import write_text
from interviewer.storage.store import SessionStore, StoredSession

Progress = Callable[[int, int, str], None]
ReportFormat = Literal["md", "html"]


@dataclass(frozen=True)
class ScoredSession:
    """A session with its scorecard, as history lists them."""

    info: SessionInfo
    scorecard: Scorecard


class Runtime:
    def __init__(self, settings: Settings, *, provider: ChatProvider | None = None,
                 embeddings: TextEmbeddings | None = None, store: SessionStore | None = None) -> None:
        """`provider`, `embeddings` and `store` replace the configured ones (tests, evals)."""
        self.settings = settings
        self.index = KnowledgeIndex(settings, embeddings=embeddings)
        self._provider = provider
        self._store = store
        self._deps: EngineDeps | None = None
        self._lock = threading.Lock()

    # -- the parts, each made once ---------------------------------------------------------------------
    @property
    def provider(self) -> ChatProvider:
        """The chat model (the embedded one loads its weights on the first call, not here)."""
        if self._provider is None:
            self._provider = make_provider(self.settings)
        return self._provider

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            self._store = SessionStore(paths.database_path(self.settings.ensure_home()))
        return self._store

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        """The validated knowledge files; KnowledgeError lists every problem with file and line."""
        return self.index.load()

    @property
    def cases(self) -> dict[str, CaseStudy]:
        return self.knowledge.cases

    @cached_property
    def prompts(self) -> PromptSet:
        return load_prompts(self.settings.prompt_version)

    @cached_property
    def rubric(self) -> Rubric:
        return load_rubric(self.settings.knowledge_dir / RUBRIC_FILE)

    @property
    def embedder(self) -> Embedder | None:
        """The embeddings key-point matching uses, for the engine and the scorer alike; None when
        `matching.use_embeddings` is off. The same model the index was built with."""
        return self.index.embeddings if self.settings.matching.use_embeddings else None

    # -- interviews ----------------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """True once `prepare` has run: a session starts without waiting."""
        return self._deps is not None

    def prepare(self, progress: Progress | None = None, *, warm: bool = False) -> EngineDeps:
        """Everything a session needs: the index built if missing or stale, and with `warm`, the
        embedding model loaded now rather than on the first answer. Safe to call from several threads."""
        with self._lock:
            if self._deps is None:
                self.index.ensure_built(progress)
                if warm and self.embedder is not None:
                    self.embedder.embed_documents(["warm up"])
                self._deps = EngineDeps(
                    store=self.store, provider=self.provider, prompts=self.prompts, cases=self.cases,
                    framework=self.knowledge.framework, challenges=list(self.knowledge.challenges.values()),
                    index=self.index, embedder=self.embedder,
                    config=self.engine_settings(), matching=self.settings.matching,
                )
            return self._deps

    def engine_settings(self) -> EngineSettings:
        """The engine's settings with `phrasing = auto` decided: the embedded model's phrasings were measured
        as adding nothing (README, "Who phrases the interviewer's lines"), so it says the engine's drafts;
        a server model phrases them."""
        engine = self.settings.engine
        if engine.phrasing != "auto":
            return engine
        chosen = "draft" if self.settings.chat.provider == "local" else "model"
        return engine.model_copy(update={"phrasing": chosen})

    def start(self, case: str, *, practice: bool | None = None, drill: str | None = None,
              progress: Progress | None = None) -> Interview:
        """A new session; `practice` defaults to the settings' (no clock)."""
        return Interview.start(self.prepare(progress), case, practice=practice, drill=drill)

    def resume(self, session_id: str, progress: Progress | None = None) -> Interview:
        return Interview.resume(self.prepare(progress), session_id)

    # -- scoring and reports ---------------------------------------------------------------------------------
    async def score_session(self, session_id: str, *, rescore: bool = False) -> tuple[Scorecard, StoredSession]:
        """The session's scorecard: the stored one unless `rescore`, else scored now and stored."""
        stored = self.store.load(session_id)
        if not rescore:
            existing = self.saved_scorecard(stored.info.id)
            if existing is not None:
                return existing, stored
        judge = self.provider if self.settings.scoring.combine != "coverage" else None
        card = await score_stored(
            stored, self.cases[stored.info.case], self.settings, rubric=self.rubric, prompts=self.prompts,
            embedder=self.embedder, embeddings_name=self.index.embedding_name, provider=judge,
            other_cases=list(self.cases.values()), challenges=list(self.knowledge.challenges.values()),
        )
        self.store.save_scorecard(card.session_id, card.settings_key, card.hire_signal, card.model_dump_json(),
                                  partial=card.partial)
        return card, stored

    def saved_scorecard(self, session_id: str) -> Scorecard | None:
        raw = self.store.load_scorecard(session_id)
        return Scorecard.model_validate_json(raw) if raw else None

    def scored_sessions(self, *, include_partial: bool = False) -> list[ScoredSession]:
        """Scored sessions with their scorecards, oldest first (for history's trends); a session scored
        before it finished counts only when asked for."""
        out = []
        for info in reversed(self.store.list_sessions()):
            if info.score and (include_partial or not info.score_partial):
                card = self.saved_scorecard(info.id)
                if card is not None:
                    out.append(ScoredSession(info, card))
        return out

    def write_report(self, card: Scorecard, stored: StoredSession, fmt: ReportFormat,
                     out: Path | None = None) -> Path:
        """The feedback report as Markdown or HTML, at `out` or in the data home's reports/."""
        text = render_html(card, stored) if fmt == "html" else render_markdown(card, stored)
        return write_text(out or paths.reports_dir(self.settings.home) / f"{card.session_id}.{fmt}", text)

    async def aclose(self) -> None:
        if self._provider is not None:
            await self._provider.aclose()


def build(settings: Settings, *, provider: ChatProvider | None = None, embeddings: TextEmbeddings | None = None,
          store: SessionStore | None = None) -> Runtime:
    """The app for these settings. Tests pass a scripted provider and fake embeddings; the evals pass a
    caching provider and a store of their own."""
    return Runtime(settings, provider=provider, embeddings=embeddings, store=store)
