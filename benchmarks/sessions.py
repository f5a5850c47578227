"""How many browser sessions `interviewer serve` holds, printed as JSON: for N sessions at once, scripted
candidates over the websocket (as the page talks to the server) open a case and ask a clarifying question;
reported per N are the seconds to the home screen, to the opening prompt and to the interviewer's reply
(p50/max over the sessions), and the memory of the app processes (RSS, MB per session).

Run: `.venv/bin/python benchmarks/sessions.py [--sessions 1 2 4]` (the embedded defaults; set
INTERVIEWER_CHAT__PROVIDER and friends to measure against a shared server instead).
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


def rss_mb(root: int) -> float:
    """Resident memory of every process under `root` (the app processes serve started), in MB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:") and pid != root:
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="interviewer-sessions-")
    env = {**os.environ, "INTERVIEWER_HOME": home, "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "interviewer", "kb", "build"], env=env, capture_output=True, timeout=900)
    rows = []
    for n in args.sessions:
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "interviewer", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(150):
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.2)
            rows.append(asyncio.run(measure(f"http://127.0.0.1:{port}", n, server.pid)))
        finally:
            server.terminate()
            server.wait(timeout=30)
    chat = os.environ.get("INTERVIEWER_CHAT__PROVIDER", "local")
    print(json.dumps({"benchmark": "sessions", "chat_provider": chat, "cores": os.cpu_count(), "runs": rows},
                     indent=2))


if __name__ == "__main__":
    main()
