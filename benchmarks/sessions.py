"""How many browser sessions `interviewer serve` holds, printed as JSON: for N sessions at once, scripted
candidates over the websocket (as the page talks to the server) open a case and ask a clarifying question;
reported per N are the seconds to the home screen, to the opening prompt and to the interviewer's reply
(p50/max over the sessions), and the memory of the app processes (RSS, MB per session). The console prints
each reply when it is complete, so `turn_s` times N headless app processes answering four design answers
at once, the turns the chat model phrases.

Each N is measured twice: with the embedded model in every app process (the default a candidate gets), and
with one shared llama.cpp server on 127.0.0.1 (`python -m llama_cpp.server`, the same packaged GGUF) that
every session's app talks to as an OpenAI-compatible endpoint; that server's memory is reported once.

Run: `.venv/bin/python benchmarks/sessions.py [--sessions 1 2 4] [--chat embedded shared]`
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(root: int, *, with_root: bool = False) -> float:
    """Resident memory of every process under `root` (the app processes serve started), in MB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:") and (with_root or pid != root):
                    total += int(line.split()[1])
        except OSError:
            continue
        pending += [int(c) for c in children]
    return total / 1024


async def one_session(url: str, number: int) -> dict[str, float]:
    seen = ""
    start = time.perf_counter()
    marks: dict[str, float] = {}
    async with aiohttp.ClientSession() as http, http.ws_connect(f"{url}/ws?width=100&height=30") as ws:

        async def wait_for(text: str, timeout: float = 180) -> None:
            nonlocal seen
            deadline = time.perf_counter() + timeout
            while text not in ANSI.sub("", seen):
                if time.perf_counter() > deadline:
                    raise TimeoutError(text)
                message = await ws.receive(timeout=timeout)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data.decode("utf-8", "ignore")
                elif message.type == aiohttp.WSMsgType.TEXT:
                    seen += message.data

        await wait_for("Filter cases")
        marks["home_s"] = time.perf_counter() - start
        await ws.send_json(["stdin", "visual search\r"])
        sent = time.perf_counter()
        await wait_for("Here is the problem")
        marks["opening_prompt_s"] = time.perf_counter() - sent
        # a question no session asked before: its vectors are not in the cache, so the model is loaded
        await ws.send_json(["stdin", f"How many daily active users are there in run {time.time_ns()}-{number}?\x13"])
        sent = time.perf_counter()
        await wait_for("Interviewer · clarify")
        marks["reply_s"] = time.perf_counter() - sent
    return marks


async def measure(url: str, n: int, server_pid: int) -> dict[str, object]:
    results = await asyncio.gather(*(one_session(url, i) for i in range(n)))
    memory = rss_mb(server_pid)
    out: dict[str, object] = {"sessions": n, "memory_mb_per_session": round(memory / n, 1)}
    for key in ("home_s", "opening_prompt_s", "reply_s"):
        values = [r[key] for r in results]
        out[key] = {"p50": round(statistics.median(values), 2), "max": round(max(values), 2)}
    return out


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def start_llama_server() -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    """One llama.cpp server with the packaged model, and the settings that point the app at it."""
    from interviewer.providers.local import default_model_path

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(default_model_path()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--n_threads", str(os.cpu_count() or 2)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return server, {"INTERVIEWER_CHAT__PROVIDER": "openai-compatible",
                    "INTERVIEWER_CHAT__BASE_URL": f"http://127.0.0.1:{port}/v1",
                    "INTERVIEWER_CHAT__MODEL": "smollm2-135m"}


def run_all(sessions: list[int], env: dict[str, str], chat: str) -> dict[str, object]:
    llama = None
    if chat == "shared":
        llama, settings = start_llama_server()
        env = {**env, **settings}
    rows = []
    try:
        for n in sessions:
            rows.append(measure_serve(n, env))
            rows[-1]["turn_s"] = headless_turns(n, env)
        shared_mb = round(rss_mb(llama.pid, with_root=True), 1) if llama else None
    finally:
        if llama:
            llama.terminate()
            llama.wait(timeout=30)
    return {"chat": chat, "shared_server_memory_mb": shared_mb, "runs": rows}


ANSWERS = [
    "I'd first ask what success means: clicks on visually similar products or purchases? And how many images?",
    "I'll assume we optimise for engagement with the results, within about 200 ms, because users expect instant "
    "results when they upload a photo.",
    "I'd frame it as ranking: embed the query image and rank catalogue images by embedding similarity, learned "
    "with a contrastive loss.",
    "Training data would come from clicks on search results as positives, with in-batch negatives, and human "
    "labelled pairs for evaluation.",
]


def headless_turns(n: int, env: dict[str, str]) -> dict[str, float]:
    """Seconds from each candidate answer to the interviewer's reply, with N headless app processes at once
    (`interviewer run --script`): the replies the model phrases, which the websocket run cannot time."""
    script = Path(env["INTERVIEWER_HOME"]) / "answers.jsonl"
    script.write_text("".join(json.dumps({"text": a}) + "\n" for a in ANSWERS))
    command = [sys.executable, "-m", "interviewer", "run", "--case", "visual-search", "--script", str(script)]
    env = {**env, "PYTHONUNBUFFERED": "1"}  # each reply timed when printed, not when a buffer fills
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                 for _ in range(n)]

    def gaps(process: subprocess.Popen[str]) -> list[float]:
        out, sent = [], None
        assert process.stdout is not None
        for line in process.stdout:
            now = time.perf_counter()
            if "] candidate:" in line:
                sent = now
            elif "] interviewer:" in line and sent is not None:
                out.append(now - sent)
                sent = None
        process.wait(timeout=600)
        return out

    async def all_gaps() -> list[list[float]]:
        return await asyncio.gather(*(asyncio.to_thread(gaps, p) for p in processes))

    values = [g for per in asyncio.run(all_gaps()) for g in per]
    return {"p50": round(statistics.median(values), 2), "max": round(max(values), 2), "turns": len(values)}


def measure_serve(n: int, env: dict[str, str]) -> dict[str, object]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "interviewer", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, 30)
        return asyncio.run(measure(f"http://127.0.0.1:{port}", n, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--chat", nargs="+", choices=["embedded", "shared"], default=["embedded", "shared"])
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="interviewer-sessions-")
    env = {**os.environ, "INTERVIEWER_HOME": home, "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "interviewer", "kb", "build"], env=env, capture_output=True, timeout=900)
    results = [run_all(args.sessions, env, chat) for chat in args.chat]
    print(json.dumps({"benchmark": "sessions", "cores": os.cpu_count(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
