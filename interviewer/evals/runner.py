"""Run a suite with the configured model: progress on stderr, requests to remote endpoints in parallel
(bounded by `evals.concurrency`), model replies through the reply cache."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from interviewer import locations
from interviewer.config import Settings
from interviewer.evals.cache import CachedProvider, ReplyCache
from interviewer.evals.runs import new_run


def progress_bar(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=True, disable=quiet)


async def _gather(jobs: list[Callable[[], Awaitable[dict]]], limit: int, label: str, quiet: bool) -> list[dict]:
    semaphore = asyncio.Semaphore(max(1, limit))
    with progress_bar(quiet) as bar:
        task = bar.add_task(label, total=len(jobs))

        async def one(job):
            async with semaphore:
                result = await job()
            bar.advance(task)
            return result

        return list(await asyncio.gather(*(one(job) for job in jobs)))


def _provider(settings: Settings, cache_mode: str):
    from interviewer.providers import make_provider

    inner = make_provider(settings)
    if cache_mode == "off":
        return inner
    return CachedProvider(inner, ReplyCache(settings.ensure_home() / "eval-cache.sqlite3"), cache_mode)


def usage_summary(settings: Settings, provider, items: int) -> dict[str, float]:
    """Tokens the run spent (cache hits spend none) and, where prices are known, what they cost."""
    usage = provider.usage
    out = {"requests": float(usage.requests), "prompt_tokens": float(usage.prompt_tokens),
           "completion_tokens": float(usage.completion_tokens),
           "tokens_per_item": (usage.prompt_tokens + usage.completion_tokens) / items if items else 0.0,
           "cache_hits": float(getattr(provider, "hits", 0))}
    chat = settings.chat
    if chat.provider == "local":
        out["cost_usd"] = 0.0
    elif chat.input_usd_per_mtok is not None and chat.output_usd_per_mtok is not None:
        out["cost_usd"] = (usage.prompt_tokens * chat.input_usd_per_mtok
                           + usage.completion_tokens * chat.output_usd_per_mtok) / 1e6
    return out


def _limit(settings: Settings) -> int:
    return 1 if settings.chat.provider == "local" else settings.evals.concurrency


def run_scoring(settings: Settings, *, split: str, repeats: int, cache: str, quiet: bool) -> dict:
    from interviewer.embeddings import embeddings_name, make_embeddings
    from interviewer.evals.datasets import load_scoring_items
    from interviewer.evals.scoring_suite import run_item
    from interviewer.knowledge.loader import load_knowledge
    from interviewer.scoring.rubric import load_rubric

    kb = load_knowledge(settings.index.knowledge_dir or locations.knowledge_dir())
    items = load_scoring_items(split)
    embedder = make_embeddings(settings.embeddings) if settings.scoring.use_embeddings else None
    provider = _provider(settings, cache) if settings.scoring.combine != "coverage" else None
    rubric = load_rubric()
    name = embeddings_name(settings.embeddings)
    jobs = [lambda i=i: run_item(i, kb.cases[i.case], settings, embedder=embedder, embeddings_name=name,
                                 provider=provider, rubric=rubric, repeats=repeats) for i in items]
    results = asyncio.run(_gather(jobs, _limit(settings) if provider else 1, "scoring", quiet))
    config = {"prompt_version": settings.prompt_version, "model": provider.describe() if provider else "none",
              "combine": settings.scoring.combine, "embeddings": name, "split": split, "repeats": repeats,
              "rubric": rubric.version, "cache": cache}
    return new_run("scoring", config, results, usage_summary(settings, provider, len(results)) if provider else None)


def run_interviewer(settings: Settings, *, cache: str, quiet: bool, progress=None) -> dict:
    from interviewer.engine.factory import build_deps
    from interviewer.evals.datasets import load_scenarios
    from interviewer.evals.interviewer_suite import run_scenario
    from interviewer.storage.store import SessionStore

    provider = _provider(settings, cache)
    deps = build_deps(settings, provider=provider, progress=progress)
    deps.store = SessionStore(settings.ensure_home() / "eval-sessions.sqlite3")
    scenarios = load_scenarios()

    async def go():
        loader = getattr(provider, "load", None)
        if loader:
            await loader()
        return await _gather([lambda s=s: run_scenario(s, deps) for s in scenarios], _limit(settings),
                             "interviewer", quiet)

    results = asyncio.run(go())
    config = {"prompt_version": settings.prompt_version, "model": provider.describe(), "phrasing": settings.engine.phrasing,
              "classifier": settings.engine.classifier, "cache": cache}
    return new_run("interviewer", config, results, usage_summary(settings, provider, len(results)))


def run_retrieval_suite(settings: Settings, *, quiet: bool, progress=None) -> dict:
    from interviewer.evals.retrieval import load_queries, retrieval_items
    from interviewer.knowledge.index import KnowledgeIndex

    index = KnowledgeIndex(settings)
    index.ensure_built(progress)
    items = retrieval_items(index, load_queries())
    config = {"embeddings": index.embedding_name, "hybrid": settings.index.hybrid, "prompt_version": "-", "model": "-"}
    return new_run("retrieval", config, items)
