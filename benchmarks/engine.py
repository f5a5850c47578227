"""Per-turn latency of a whole scripted interview on the embedded model, printed as JSON.

Time to first token (from the candidate's turn being submitted to the first streamed token of the reply)
and total turn time, p50/p95, for model-phrased turns and for all turns. Uses a temporary data home
(set INTERVIEWER_HOME to reuse one with a built index).

Run: `.venv/bin/python benchmarks/engine.py [--case video-recommendation]`
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time

SCRIPT = [
    "How many daily active users are there?",
    "What is the latency budget?",
    "We want to optimise long-term satisfaction, so satisfied watch time and 7-day return rate rather than clicks.",
    "Do we have labels beyond clicks, like surveys?",
    "Let's move on.",
    "I would frame it as candidate generation plus ranking: predict the probability of a satisfied watch per "
    "user and video.",
    "The input is the user, their context and a candidate video; the output is a score we sort by.",
    "Training data: impressions joined with watches and surveys, with position logged to correct for bias.",
    "I would sample negatives from impressions that were not watched and downsample the majority class.",
    "Let's move on.",
    "User features: watch history embeddings, subscriptions; video features: content embeddings, freshness.",
    "Let's move on.",
    "A two-tower retrieval model for candidates, then a multi-task ranker; evaluate with recall@k and NDCG offline.",
    "I don't know.",
    "Let's move on.",
    "Serve retrieval from an ANN index, rank online on GPUs within the latency budget, and A/B test on "
    "satisfied watch time.",
    "Let's move on.",
    "Monitor feature drift and online metrics, retrain daily, and alert on data pipeline failures.",
    "Let's move on.",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


async def run(case: str) -> dict:
    from interviewer.config import load_settings
    from interviewer.engine import events as ev
    from interviewer.runtime import build

    settings = load_settings(engine={"phrasing": "model"})
    t0 = time.perf_counter()
    runtime = build(settings)
    deps = runtime.prepare(warm=True)
    setup_s = time.perf_counter() - t0
    await deps.provider.load()
    interview = runtime.start(case)
    async for _ in interview.open():
        pass
    turns = []
    for n, text in enumerate(SCRIPT):
        if interview.finished:
            break
        start = time.perf_counter()
        first = None
        move = ""
        async for event in interview.submit(text, elapsed_s=60.0 * (n + 1)):
            if isinstance(event, ev.Token) and first is None:
                first = time.perf_counter() - start
            if isinstance(event, ev.InterviewerTurnDone):
                move = event.turn.move
                replaced = event.replaced
        total = time.perf_counter() - start
        turns.append({"move": move, "ttft_s": round(first or total, 3), "total_s": round(total, 3),
                      "model_phrased": move not in {"greet", "answer_fact"}, "replaced": replaced})
    interview.close()
    phrased = [t for t in turns if t["model_phrased"]]
    return {
        "benchmark": "engine",
        "model": deps.provider.describe(),
        "case": case,
        "setup_s": round(setup_s, 2),
        "turns": len(turns),
        "all_turns": {
            "ttft_p50_s": pct([t["ttft_s"] for t in turns], 0.5),
            "ttft_p95_s": pct([t["ttft_s"] for t in turns], 0.95),
            "total_p50_s": pct([t["total_s"] for t in turns], 0.5),
            "total_p95_s": pct([t["total_s"] for t in turns], 0.95),
        },
        "model_phrased_turns": {
            "count": len(phrased),
            "ttft_p50_s": pct([t["ttft_s"] for t in phrased], 0.5) if phrased else None,
            "ttft_p95_s": pct([t["ttft_s"] for t in phrased], 0.95) if phrased else None,
            "mean_s": round(statistics.fmean(t["total_s"] for t in phrased), 3) if phrased else None,
            "phrasing_replaced_by_draft": sum(t["replaced"] for t in phrased),
        },
        "per_turn": turns,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default="video-recommendation")
    args = parser.parse_args()
    if "INTERVIEWER_HOME" not in os.environ:
        os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="interviewer-bench-")
    print(json.dumps(asyncio.run(run(args.case)), indent=2))


if __name__ == "__main__":
    main()
