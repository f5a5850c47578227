"""The retrieval suite: queries phrased as a candidate or the engine would, with the chunk ids that
answer them (evals/retrieval/*.jsonl). Reports recall@5, MRR and nDCG@5, with and without the case
filter the engine uses."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from interviewer import paths
from interviewer.config import Settings
from interviewer.evals.metrics import latency_percentiles, ndcg_at_k, recall_at_k, reciprocal_rank
from interviewer.evals.models import EvalContext, ItemResult
from interviewer.jsonl import read_jsonl
from interviewer.knowledge.chunks import GENERAL
from interviewer.knowledge.index import KnowledgeIndex

K = 5


class RetrievalQuery(BaseModel):
    query: str = Field(min_length=3)
    case: str | None = None
    relevant: list[str] = Field(min_length=1)
    source: str = ""


def load_queries(folder: Path | None = None) -> list[RetrievalQuery]:
    folder = folder or paths.evals_dir() / "retrieval"
    queries = []
    for path in sorted(folder.glob("*.jsonl")):
        queries += [q.model_copy(update={"source": f"{path.name}:{n}"}) for n, q in read_jsonl(path, RetrievalQuery)]
    return queries


class QueryResult(ItemResult):
    case: str
    query: str
    relevant: list[str]
    filtered: list[str]
    """Chunk ids found with the case filter the engine uses."""
    unfiltered: list[str]
    latency_s: float


def retrieval_items(index: KnowledgeIndex, queries: list[RetrievalQuery]) -> list[QueryResult]:
    """Per-query results, the unit the run store, comparisons and bootstrap intervals work on."""
    items = []
    for q in queries:
        start = time.perf_counter()
        filtered = [h.base_id for h in index.search(q.query, case=q.case or GENERAL, k=K)]
        unfiltered = [h.base_id for h in index.search(q.query, k=K)]
        items.append(QueryResult(id=q.source, case=q.case or GENERAL, query=q.query, relevant=q.relevant,
                                 filtered=filtered, unfiltered=unfiltered,
                                 latency_s=round((time.perf_counter() - start) / 2, 5)))
    return items


class RetrievalSuite:
    name = "retrieval"
    item_model = QueryResult

    def uses_model(self, settings: Settings) -> bool:
        return False

    def config(self, ctx: EvalContext) -> dict[str, Any]:
        return {"embeddings": ctx.runtime.index.embedding_name, "hybrid": ctx.settings.index.hybrid,
                "prompt_version": "-", "model": "-"}

    async def run(self, ctx: EvalContext) -> list[QueryResult]:
        index = ctx.runtime.index
        index.ensure_built(ctx.progress)
        return retrieval_items(index, load_queries())

    def summarize(self, items: Sequence[QueryResult]) -> dict[str, float]:
        out: dict[str, float] = {"queries": float(len(items))}
        for key, suffix in (("filtered", ""), ("unfiltered", "_unfiltered")):
            rows = [(getattr(i, key), set(i.relevant)) for i in items]
            out[f"recall@5{suffix}"] = statistics.fmean(recall_at_k(r, rel, K) for r, rel in rows)
            out[f"mrr{suffix}"] = statistics.fmean(reciprocal_rank(r, rel) for r, rel in rows)
            out[f"ndcg@5{suffix}"] = statistics.fmean(ndcg_at_k(r, rel, K) for r, rel in rows)
        return out | latency_percentiles(i.latency_s for i in items)

    def regression(self, old: QueryResult, new: QueryResult) -> str | None:
        if set(old.filtered) & set(old.relevant) and not set(new.filtered) & set(new.relevant):
            return f"{new.id}: {new.query!r} lost its relevant chunk"
        return None
