"""Score one stored session: the model's rubric judgement when asked for (async, on the caller's event
loop), then the coverage scorecard off the loop (embedding sentences is CPU work). The runtime and the
scoring eval both call this."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from interviewer.config import Settings
from interviewer.domain.case import CaseStudy, Challenge
from interviewer.matching import Embedder
from interviewer.prompts import PromptSet
from interviewer.providers import ChatProvider, ProviderError, StructuredOutputError
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
    other_cases: Sequence[CaseStudy] = (),
    challenges: Sequence[Challenge] = (),
) -> Scorecard:
    """`provider`: the judge, used when `scoring.combine` is not `coverage`; `prompts` holds its prompts.
    `other_cases` and `challenges`: the rest of the catalogue and the claims that do not hold, see
    `build_scorecard`.
    A session that has not finished gets a partial scorecard; a judge that fails is named in its notes."""
    judged: dict[str, CriterionScore] | None = None
    judge_model = None
    notes: list[str] = []
    if settings.scoring.combine != "coverage" and provider is not None:
        judged, failure = await _judge(provider, prompts, rubric, stored)
        judge_model = provider.describe()
        if failure:
            missing = [c.title for c in rubric.criteria if c.id not in judged]
            notes.append(f"judge unavailable for {len(missing)} of {len(rubric.criteria)} criteria: {failure} "
                         f"These are scored on coverage only: {', '.join(missing)}.")
    if stored.info.status != "finished":
        notes.append(f"partial: the interview stopped at {stored.state.phase} and was scored as it stood; "
                     "steps it never reached count as missed.")
    return await asyncio.to_thread(
        build_scorecard, stored, case, rubric, settings.scoring, settings.matching, embedder=embedder,
        embeddings_name=embeddings_name, judged=judged, judge_model=judge_model,
        partial=stored.info.status != "finished", notes=notes, other_cases=other_cases, challenges=challenges,
    )


async def _judge(provider: ChatProvider, prompts: PromptSet, rubric: Rubric,
                 stored: StoredSession) -> tuple[dict[str, CriterionScore], str]:
    """The model's scores per criterion, and why some are missing ('' when none is). An endpoint that is
    down or refuses stops the asking; a reply that never validates only costs that criterion."""
    quotable = {t.id: t.text for t in stored.turns if t.role == "candidate"}
    judged: dict[str, CriterionScore] = {}
    failure = ""
    for criterion in rubric.criteria:
        try:
            judged[criterion.id] = await judge_criterion(provider, prompts, criterion, stored.turns, quotable)
        except StructuredOutputError as exc:
            failure = failure or f"{provider.describe()} gave no valid judgement ({str(exc)[:120]})."
        except ProviderError as exc:
            failure = exc.user_message()
            break
    return judged, failure
