"""The pieces every eval suite is made of, typed: a suite runs its dataset into `ItemResult`s, summarises
them into metrics, and says which items got worse between two runs. An `EvalRun` is what is saved,
compared and committed as a baseline."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from interviewer.config import Settings
from interviewer.evals.cache import CachedProvider
from interviewer.providers import ChatProvider
from interviewer.runtime import Runtime

Split = Literal["dev", "test", "all", "regression"]
"""Which scoring data a run uses: the blind benchmark's dev or test cases (or both), or the regression set."""
ProgressFn = Callable[[int, int, str], None]


class ItemResult(BaseModel):
    """One item's result; each suite adds its own fields."""

    model_config = ConfigDict(extra="forbid")

    id: str


ItemT = TypeVar("ItemT", bound=ItemResult)


class EvalRun(BaseModel, Generic[ItemT]):
    run_id: str
    suite: str
    created_at: str
    config: dict[str, Any]
    """What the run measured: prompt version, model, settings that matter to this suite."""
    summary: dict[str, float]
    items: list[SerializeAsAny[ItemT]] = Field(default_factory=list)


@dataclass
class EvalContext:
    """What a suite gets to run with: the settings, a runtime built from them, the (cached) provider when
    the suite talks to a model, and how to report progress."""

    settings: Settings
    runtime: Runtime
    provider: ChatProvider | None
    split: Split = "all"
    repeats: int = 1
    quiet: bool = False
    progress: ProgressFn | None = None

    def provider_for(self, repeat: int) -> ChatProvider | None:
        """The provider asking under `repeat` (the cache keys replies by it); the same one uncached."""
        if isinstance(self.provider, CachedProvider):
            return self.provider.for_repeat(repeat)
        return self.provider

    @property
    def concurrency(self) -> int:
        """Jobs in flight at once: one for the embedded model (one context), more for remote servers."""
        if self.provider is None or self.settings.chat.provider == "local":
            return 1
        return max(1, self.settings.evals.concurrency)

    async def gather(self, jobs: Sequence[Callable[[], Awaitable[ItemT]]], label: str) -> list[ItemT]:
        """Run `jobs` at most `concurrency` at a time, with a progress bar unless quiet; results in order."""
        semaphore = asyncio.Semaphore(self.concurrency)
        bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       transient=True, disable=self.quiet)
        with bar:
            task = bar.add_task(label, total=len(jobs))

            async def one(job: Callable[[], Awaitable[ItemT]]) -> ItemT:
                async with semaphore:
                    result = await job()
                bar.advance(task)
                return result

            return list(await asyncio.gather(*(one(job) for job in jobs)))


class Suite(Protocol[ItemT]):
    """A dataset, how to run one item, and what the results mean."""

    name: str
    item_model: type[ItemT]

    def uses_model(self, settings: Settings) -> bool:
        """Whether the suite calls the chat model with these settings (and so reports tokens and cost)."""
        ...

    def config(self, ctx: EvalContext) -> dict[str, Any]:
        """The settings this suite's numbers depend on, recorded with the run."""
        ...

    async def run(self, ctx: EvalContext) -> list[ItemT]: ...

    def summarize(self, items: Sequence[ItemT]) -> dict[str, float]: ...

    def regression(self, old: ItemT, new: ItemT) -> str | None:
        """A line saying how `new` is worse than `old` for the same item, or None."""
        ...
