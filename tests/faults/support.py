"""What the fault tests share: the real commands as subprocesses, the database read directly, the app in
tmux."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.terminal import Tmux

ROOT = Path(__file__).resolve().parents[2]
ENV = {"INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
       "INTERVIEWER_ENGINE__PHRASING": "draft"}
DROP_WRITE_CAPABILITIES = ("setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner")


def cli(home: Path, *args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = (),
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-m", "interviewer", *args], capture_output=True, text=True,
                          env={**os.environ, **ENV, "INTERVIEWER_HOME": str(home), **(env or {})}, timeout=timeout)


def one_line(stderr: str) -> str:
    """The single line a failure prints (no traceback, nothing else)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    return lines[0]


def rows(home: Path, sql: str, *params: object) -> list[tuple]:
    db = sqlite3.connect(f"file:{home / 'interviewer.sqlite3'}?mode=ro", uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def kept(home: Path, text: str) -> str:
    """Where `text` survived: 'turn' (sent and stored) or 'draft' (typed, saved, not yet sent); '' if lost."""
    if (text,) in rows(home, "SELECT text FROM turns WHERE role = 'candidate'"):
        return "turn"
    if (text,) in rows(home, "SELECT draft FROM sessions"):
        return "draft"
    return ""


def wait_until(check: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError("the condition never held")


def write_script(path: Path, *texts: str) -> Path:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    return path


def new_session(home: Path, tmp_path: Path, *texts: str, case: str = "visual-search") -> str:
    done = cli(home, "run", "--case", case, "--script", str(write_script(tmp_path / "first.jsonl", *texts)), "--json")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["session_id"])


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def open_case(term: Tmux, expect: str = "Feel free to start") -> None:
    term.wait_for("Filter cases; Enter starts one")
    term.type("visual")
    term.wait_for("▊  visual")  # the filter has the text before Enter is pressed
    term.keys("Enter")
    term.wait_for(expect)
