"""The retrieval suite: queries phrased as a candidate or the engine would, with the chunk ids that
answer them (evals/retrieval/*.jsonl). Reports recall@5, MRR and nDCG@5, with and without the case
filter the engine uses."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from pydantic import BaseModel, Field

from interviewer import locations
from interviewer.evals.metrics import ndcg_at_k, recall_at_k, reciprocal_rank
from interviewer.knowledge.chunks import GENERAL
from interviewer.knowledge.index import KnowledgeIndex

K = 5


class RetrievalQuery(BaseModel):
    query: str = Field(min_length=3)
    case: str | None = None
    relevant: list[str] = Field(min_length=1)
    source: str = ""


def load_queries(folder: Path | None = None) -> list[RetrievalQuery]:
    folder = folder or locations.evals_dir() / "retrieval"
    queries = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                queries.append(RetrievalQuery.model_validate({**json.loads(line), "source": f"{path.name}:{number}"}))
            except (ValueError, json.JSONDecodeError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
    return queries


def retrieval_items(index: KnowledgeIndex, queries: list[RetrievalQuery]) -> list[dict]:
    """Per-query results, the unit the run store, comparisons and bootstrap intervals work on."""
    items = []
    for q in queries:
        start = time.perf_counter()
        filtered = [h.base_id for h in index.search(q.query, case=q.case or GENERAL, k=K)]
        unfiltered = [h.base_id for h in index.search(q.query, k=K)]
        items.append({"id": q.source, "case": q.case or GENERAL, "query": q.query, "relevant": q.relevant,
                      "filtered": filtered, "unfiltered": unfiltered,
                      "latency_s": round((time.perf_counter() - start) / 2, 5)})
    return items


def summarize(items: list[dict]) -> dict[str, float]:
    out: dict[str, float] = {"queries": float(len(items))}
    for key, suffix in (("filtered", ""), ("unfiltered", "_unfiltered")):
        rows = [(i[key], set(i["relevant"])) for i in items]
        out[f"recall@5{suffix}"] = statistics.fmean(recall_at_k(r, rel, K) for r, rel in rows)
        out[f"mrr{suffix}"] = statistics.fmean(reciprocal_rank(r, rel) for r, rel in rows)
        out[f"ndcg@5{suffix}"] = statistics.fmean(ndcg_at_k(r, rel, K) for r, rel in rows)
    latencies = sorted(i["latency_s"] for i in items)
    out["latency_p50_s"] = latencies[len(latencies) // 2]
    out["latency_p95_s"] = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    return out
