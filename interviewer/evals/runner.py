"""Run a suite with the configured model: one runtime built from the settings (with a store of its own,
so eval sessions never mix with the user's), model replies through the reply cache, and the tokens and
cost the run spent."""

from __future__ import annotations

import asyncio
from typing import Any

from interviewer.config import Settings
from interviewer.evals.cache import CachedProvider, CacheMode, ReplyCache
from interviewer.evals.models import EvalContext, EvalRun, ProgressFn, Split
from interviewer.evals.runs import new_run
from interviewer.evals.suites import get_suite
from interviewer.providers import ChatProvider, make_provider
from interviewer.runtime import build
from interviewer.storage.store import SessionStore


def usage_summary(settings: Settings, provider: ChatProvider, items: int) -> dict[str, float]:
    """Tokens the run spent (cache hits spend none) and, where prices are known, what they cost."""
    usage = provider.usage
    out = {"requests": float(usage.requests), "prompt_tokens": float(usage.prompt_tokens),
           "completion_tokens": float(usage.completion_tokens),
           "tokens_per_item": (usage.prompt_tokens + usage.completion_tokens) / items if items else 0.0,
           "cache_hits": float(provider.hits if isinstance(provider, CachedProvider) else 0),
           # the share of requests whose token counts are estimates (the server reported none)
           "tokens_estimated_share": usage.estimated / usage.requests if usage.requests else 0.0}
    chat = settings.chat
    if chat.provider == "local":
        out["cost_usd"] = 0.0
    elif chat.input_usd_per_mtok is not None and chat.output_usd_per_mtok is not None:
        out["cost_usd"] = (usage.prompt_tokens * chat.input_usd_per_mtok
                           + usage.completion_tokens * chat.output_usd_per_mtok) / 1e6
    return out


def cached_provider(settings: Settings, mode: CacheMode) -> ChatProvider:
    inner = make_provider(settings)
    if mode == "off":
        return inner
    return CachedProvider(inner, ReplyCache(settings.ensure_home() / "eval-cache.sqlite3"), mode)


def run_suite(name: str, settings: Settings, *, split: Split = "all", repeats: int = 1, cache: CacheMode = "read",
              quiet: bool = False, progress: ProgressFn | None = None) -> EvalRun[Any]:
    suite = get_suite(name)
    provider = cached_provider(settings, cache) if suite.uses_model(settings) else None
    store = SessionStore(settings.ensure_home() / "eval-sessions.sqlite3")
    rt = build(settings, provider=provider, store=store)
    ctx = EvalContext(settings=settings, runtime=rt, provider=provider, split=split, repeats=repeats, quiet=quiet,
                      progress=progress)
    try:
        items = asyncio.run(suite.run(ctx))
    finally:
        store.close()
    config = suite.config(ctx) | ({"cache": cache} if provider is not None else {})
    usage = usage_summary(settings, provider, len(items)) if provider is not None else None
    return new_run(name, config, items, usage)
