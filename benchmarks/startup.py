"""Where a candidate waits, printed as JSON, each over fresh processes on the embedded defaults:

- app start to the first paint of the home screen (headless), and whether heavy libraries were imported
  by then (they should not be: torch, llama.cpp and chromadb load in workers);
- Enter on a case to the opening prompt, the first time in a fresh app process (the index already built,
  as it is after the first use);
- `interviewer doctor` and `interviewer doctor --quick`;
- `interviewer score SESSION` on a finished session, from a new process;
- `interviewer resume SESSION` in console mode, to the prompt that waits for the answer.

Run: `.venv/bin/python benchmarks/startup.py [--runs 5]`
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = r"""
import time, sys, os, json
t0 = time.perf_counter()
from interviewer.config import load_settings
from interviewer.runtime import build
from interviewer.tui.app import InterviewerApp
from interviewer.tui.screens.home import HomeScreen

painted = {}

class Probe(HomeScreen):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._painted)

    def _painted(self):
        painted["s"] = time.perf_counter() - t0
        heavy = ("torch", "llama_cpp", "chromadb", "sentence_transformers", "langchain_openai")
        painted["heavy"] = sorted(m for m in heavy if m in sys.modules)
        self.app.exit()

import interviewer.tui.app as tui_app

class ProbeApp(InterviewerApp):
    CSS_PATH = os.path.join(os.path.dirname(tui_app.__file__), "app.tcss")

    def on_mount(self):
        self.push_screen(Probe())

ProbeApp(build(load_settings())).run(headless=True, size=(100, 30))
print(json.dumps(painted))
"""


FIRST_CASE = r"""
import time, sys, os, json
from interviewer.config import load_settings
from interviewer.runtime import build
from interviewer.tui.app import make_app

app = make_app(build(load_settings()))
took = {}

async def drive():
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # the home screen prepares the index in the background first
            await pilot.pause(0.05)
            if getattr(app.runtime, "ready", True):
                break
        start = time.perf_counter()
        await pilot.press(*"visual search", "enter")
        while not list(app.screen.query("Message")):
            await pilot.pause(0.02)
        took["s"] = time.perf_counter() - start

import asyncio
asyncio.run(drive())
print(json.dumps(took))
"""


def timed(args: list[str], env: dict[str, str], wait_for: str | None = None, feed: str | None = None) -> float:
    """Seconds for a command to finish, or (with `wait_for`) to print that text."""
    start = time.perf_counter()
    if wait_for is None:
        subprocess.run(args, env=env, capture_output=True, text=True, input=feed, timeout=300)
        return time.perf_counter() - start
    process = subprocess.Popen(args, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    seen = ""
    assert process.stdout is not None
    while wait_for not in seen:
        char = process.stdout.read(1)
        if not char:
            break
        seen += char
    took = time.perf_counter() - start
    process.kill()
    process.wait()
    return took


def stats(values: list[float]) -> dict[str, float]:
    return {"p50": round(statistics.median(values), 3), "max": round(max(values), 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="interviewer-bench-")
    results = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                             env={"INTERVIEWER_HOME": home, "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"})
        line = next((row for row in out.stdout.splitlines() if row.startswith("{")), None)
        if line is None:
            raise SystemExit(f"probe failed: {out.stderr[-500:]}")
        results.append(json.loads(line))
    times = [r["s"] for r in results]
    env = {"INTERVIEWER_HOME": home, "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    cli = [sys.executable, "-m", "interviewer"]
    # the index is built once per data home (and on install); the wait measured is a new app process
    # opening a case, not the first install
    subprocess.run([*cli, "kb", "build"], env=env, capture_output=True, timeout=600)
    first_case = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", FIRST_CASE], capture_output=True, text=True, env=env)
        line = next((row for row in out.stdout.splitlines() if row.startswith("{")), None)
        if line is None:
            raise SystemExit(f"first-case probe failed: {out.stderr[-500:]}")
        first_case.append(json.loads(line)["s"])
    script = Path(home) / "script.jsonl"
    script.write_text(json.dumps({"text": "How many daily active users are there?"}) + "\n"
                      + json.dumps({"text": "I would optimise saves per session, with latency under budget."})
                      + "\n")
    made = subprocess.run([*cli, "run", "--case", "visual-search", "--script", str(script), "--json"], env=env,
                          capture_output=True, text=True, timeout=300)
    session = json.loads(made.stdout)["session_id"]
    doctor = [timed([*cli, "doctor"], env) for _ in range(args.runs)]
    quick = [timed([*cli, "doctor", "--quick"], env) for _ in range(args.runs)]
    score = [timed([*cli, "score", session, "--rescore"], env) for _ in range(args.runs)]
    resume = [timed([*cli, "resume", session], env, wait_for="line)> ") for _ in range(args.runs)]
    print(json.dumps({
        "benchmark": "startup",
        "runs": len(times),
        "first_paint_s": stats(times),
        "heavy_modules_loaded_at_first_paint": results[-1]["heavy"],
        "case_to_opening_prompt_first_time_s": stats(first_case),
        "doctor_s": stats(doctor),
        "doctor_quick_s": stats(quick),
        "score_cli_s": stats(score),
        "resume_console_to_prompt_s": stats(resume),
    }, indent=2))


if __name__ == "__main__":
    main()
