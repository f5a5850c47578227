"""Embedded-model speed on this machine, printed as JSON.

Measures: model load time, time to first token and generation speed for a ~1,500-token prompt, the
same prompt again (llama.cpp reuses the KV cache of the shared prefix), and structured-output latency.
Run: `.venv/bin/python benchmarks/provider.py`.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import statistics
import time

from pydantic import BaseModel

from interviewer.providers import system, user
from interviewer.providers.local import LocalProvider

FILLER = (
    "The candidate described a two-stage recommender: candidate generation with a two-tower model over "
    "user and video embeddings, then a ranking model predicting watch time and engagement. "
)


class Move(BaseModel):
    move: str
    reason: str


async def timed_stream(provider: LocalProvider, messages, max_tokens: int) -> dict:
    start = time.perf_counter()
    first = None
    pieces = 0
    async for _ in provider.stream(messages, max_tokens=max_tokens, temperature=0):
        if first is None:
            first = time.perf_counter() - start
        pieces += 1
    total = time.perf_counter() - start
    gen_time = total - (first or 0)
    return {
        "ttft_s": round(first or total, 3),
        "total_s": round(total, 3),
        "tokens": pieces,
        "tokens_per_s": round((pieces - 1) / gen_time, 1) if pieces > 1 and gen_time > 0 else None,
    }


async def main() -> None:
    provider = LocalProvider(n_ctx=4096)
    start = time.perf_counter()
    await provider.load()
    load_s = time.perf_counter() - start
    llama = provider._llama

    body = FILLER
    while len(llama.tokenize(body.encode())) < 1500:
        body += FILLER
    prompt_tokens = len(llama.tokenize(body.encode()))
    messages = [system("You are an ML system design interviewer."), user(body + "\nSummarise in one sentence.")]

    cold = await timed_stream(provider, messages, max_tokens=64)
    warm = await timed_stream(provider, messages, max_tokens=64)
    short = [system("You are an ML system design interviewer."), user("Ask one clarifying question.")]
    short_run = await timed_stream(provider, short, max_tokens=64)

    structured = []
    for _ in range(3):
        t0 = time.perf_counter()
        await provider.structured(
            [system("Decide the interviewer's next move."), user("The candidate asked about the data.")],
            Move,
            max_tokens=80,
        )
        structured.append(time.perf_counter() - t0)

    print(
        json.dumps(
            {
                "benchmark": "provider",
                "model": provider.describe(),
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "load_s": round(load_s, 3),
                "prompt_tokens": prompt_tokens,
                "long_prompt_cold": cold,
                "long_prompt_cached_prefix": warm,
                "short_prompt": short_run,
                "structured_latency_s": {
                    "p50": round(statistics.median(structured), 3),
                    "max": round(max(structured), 3),
                    "runs": len(structured),
                },
            },
            indent=2,
        )
    )
    await provider.aclose()


if __name__ == "__main__":
    asyncio.run(main())
