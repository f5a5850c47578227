"""Cold start to the home screen, printed as JSON: seconds from the start of the script to the first paint of
the home screen (headless), over several fresh processes, and whether heavy libraries were imported by
then (they should not be: torch, llama.cpp and chromadb load in workers).

Run: `.venv/bin/python benchmarks/startup.py [--runs 5]`
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile

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
    print(json.dumps({
        "benchmark": "startup",
        "runs": len(times),
        "first_paint_s": {"p50": round(statistics.median(times), 3), "max": round(max(times), 3)},
        "heavy_modules_loaded_at_first_paint": results[-1]["heavy"],
    }, indent=2))


if __name__ == "__main__":
    main()
