"""Score a stored session end to end and keep the scorecard: used by `interviewer score`, the app and the
evals."""

from __future__ import annotations

from interviewer.config import Settings
from interviewer.domain.case import CaseStudy
from interviewer.engine.coverage import Embedder
from interviewer.prompts import load_prompts
from interviewer.providers import ChatProvider
from interviewer.scoring.judge import judge_criterion
from interviewer.scoring.rubric import Rubric, load_rubric
from interviewer.scoring.scorecard import Scorecard
from interviewer.scoring.scorer import build_scorecard
from interviewer.storage.store import SessionStore, StoredSession


async def score_stored(
    stored: StoredSession,
    case: CaseStudy,
    settings: Settings,
    *,
    embedder: Embedder | None,
    embeddings_name: str,
    provider: ChatProvider | None = None,
    rubric: Rubric | None = None,
) -> Scorecard:
    rubric = rubric or load_rubric()
    judged = None
    judge_model = None
    if settings.scoring.combine != "coverage" and provider is not None:
        prompts = load_prompts(stored.info.prompt_version if stored.info.prompt_version else settings.prompt_version)
        quotable = {t.id: t.text for t in stored.turns if t.role == "candidate"}
        judged = {}
        for criterion in rubric.criteria:
            result = await judge_criterion(provider, prompts, criterion, stored.turns, quotable)
            if result is not None:
                judged[criterion.id] = result
        judge_model = provider.describe()
    return build_scorecard(stored, case, rubric, settings.scoring, embedder=embedder, embeddings_name=embeddings_name,
                           judged=judged, judge_model=judge_model)


def save(store: SessionStore, card: Scorecard) -> None:
    store.save_scorecard(card.session_id, card.settings_key, card.hire_signal, card.model_dump_json())


def load(store: SessionStore, session_id: str) -> Scorecard | None:
    raw = store.load_scorecard(session_id)
    return Scorecard.model_validate_json(raw) if raw else None
