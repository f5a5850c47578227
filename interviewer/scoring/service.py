"""Score one stored session: the model's rubric judgement when asked for (async, on the caller's event
loop), then the coverage scorecard off the loop (embedding sentences is CPU work). The runtime and the
scoring eval both call this."""

from __future__ import annotations

import asyncio

from interviewer.config import Settings
from interviewer.domain.case import CaseStudy
from interviewer.matching import Embedder
from interviewer.prompts import PromptSet
from interviewer.providers import ChatProvider
from interviewer.scoring.judge import judge_criterion
from interviewer.scoring.rubric import Rubric
from interviewer.scoring.scorecard import CriterionScore, Scorecard
from interviewer.scoring.scorer import build_scorecard
from interviewer.storage.store import StoredSession


async def score_stored(
    stored: StoredSession,
    case: CaseStudy,
    settings: Settings,
    *,
    rubric: Rubric,
    prompts: PromptSet,
    embedder: Embedder | None,
    embeddings_name: str,
    provider: ChatProvider | None = None,
) -> Scorecard:
    """`provider`: the judge, used when `scoring.combine` is not `coverage`; `prompts` holds its prompts."""
    judged: dict[str, CriterionScore] | None = None
    judge_model = None
    if settings.scoring.combine != "coverage" and provider is not None:
        quotable = {t.id: t.text for t in stored.turns if t.role == "candidate"}
        judged = {}
        for criterion in rubric.criteria:
            result = await judge_criterion(provider, prompts, criterion, stored.turns, quotable)
            if result is not None:
                judged[criterion.id] = result
        judge_model = provider.describe()
    return await asyncio.to_thread(
        build_scorecard, stored, case, rubric, settings.scoring, settings.matching, embedder=embedder,
        embeddings_name=embeddings_name, judged=judged, judge_model=judge_model,
    )
