"""Knowledge index speed, printed as JSON: cold build, no-op rebuild, one-file rebuild, and search
latency p50/p95 over the retrieval eval's queries (with and without the case filter).

Run: `.venv/bin/python benchmarks/index.py` (uses a temporary data home; your index is untouched).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="interviewer-bench-"))
    os.environ["INTERVIEWER_HOME"] = str(home)
    from interviewer import paths
    from interviewer.config import load_settings
    from interviewer.evals.suites.retrieval import load_queries
    from interviewer.knowledge.index import KnowledgeIndex

    knowledge = home / "knowledge"
    shutil.copytree(paths.knowledge_dir(), knowledge)
    settings = load_settings(index={"knowledge_dir": str(knowledge)})

    t0 = time.perf_counter()
    index = KnowledgeIndex(settings)
    cold = index.build()
    cold_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    KnowledgeIndex(settings).build()
    noop_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    files = sorted(knowledge.glob("cases/*.md"))
    for path in files:
        path.read_text()
    read_s = time.perf_counter() - t0

    from interviewer.knowledge.loader import load_knowledge

    t0 = time.perf_counter()
    load_knowledge(knowledge)
    parse_s = time.perf_counter() - t0

    one = files[0]
    one.write_text(one.read_text() + "\n")
    t0 = time.perf_counter()
    changed = index.build()
    one_s = time.perf_counter() - t0

    queries = load_queries()
    index.search("warm up")
    filtered, unfiltered = [], []
    for q in queries:
        t0 = time.perf_counter()
        index.search(q.query, case=q.case, k=5)
        filtered.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        index.search(q.query, k=5)
        unfiltered.append(time.perf_counter() - t0)

    ms = lambda v: round(1000 * v, 2)
    print(json.dumps({
        "benchmark": "index",
        "embeddings": index.embedding_name,
        "files": cold.files,
        "chunks": cold.chunks_total,
        "cold_build_s": round(cold_s, 2),
        "noop_rebuild_s": round(noop_s, 3),
        "read_files_only_s": round(read_s, 4),
        "read_and_validate_files_s": round(parse_s, 3),
        "one_file_changed_rebuild_s": round(one_s, 2),
        "one_file_changed_chunks": changed.chunks_added,
        "search_ms": {
            "queries": len(queries),
            "case_filter": {"p50": ms(statistics.median(filtered)), "p95": ms(percentile(filtered, 0.95))},
            "no_filter": {"p50": ms(statistics.median(unfiltered)), "p95": ms(percentile(unfiltered, 0.95))},
        },
    }, indent=2))
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
