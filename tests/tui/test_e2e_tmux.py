"""The real `interviewer` command in a real terminal: tmux runs it, send-keys types, capture-pane reads.
(`make test` installs tmux when it is missing.)"""

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

from interviewer import paths

SOCKET = f"itv-test-{os.getpid()}"  # a private tmux server: never a user's, never one with another environment


def tmux(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["tmux", "-L", SOCKET, *args], **kwargs)


def capture(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session, capture_output=True, text=True).stdout


def wait_for(session: str, text: str, timeout: float = 90) -> str:
    deadline = time.time() + timeout
    screen = ""
    while time.time() < deadline:
        screen = capture(session)
        if text in screen:
            return screen
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")


def test_interview_in_a_real_terminal(tmp_path):
    assert shutil.which("tmux"), "tmux is required (make test installs it)"
    session = f"itv-{uuid.uuid4().hex[:6]}"
    env = {"INTERVIEWER_HOME": str(paths.data_home()), "INTERVIEWER_CHAT__PROVIDER": "scripted",
           "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing", "INTERVIEWER_ENGINE__PHRASING": "draft",
           "HF_HUB_OFFLINE": "1", "TERM": "xterm-256color"}
    command = " ".join(["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items()), sys.executable, "-m", "interviewer"])
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command, check=True)
    try:
        wait_for(session, "Type to filter case studies")
        wait_for(session, "Ready:")
        tmux("send-keys", "-t", session, "visual", check=True)
        time.sleep(0.5)
        tmux("send-keys", "-t", session, "Enter", check=True)
        wait_for(session, "Feel free to start")
        tmux("send-keys", "-t", session, "How many images are in the corpus?", check=True)
        time.sleep(0.5)
        tmux("send-keys", "-t", session, "C-s", check=True)
        screen = wait_for(session, "3 billion unique images")
        assert "You · clarify" in screen
        tmux("send-keys", "-t", session, "C-q", check=True)
        wait_for(session, "Leave the interview?")
        tmux("send-keys", "-t", session, "y", check=True)
        wait_for(session, "Unfinished sessions")
        tmux("send-keys", "-t", session, "C-q", check=True)
        time.sleep(1.5)
    finally:
        tmux("kill-server", capture_output=True)
    import sqlite3

    db = sqlite3.connect(paths.database_path(paths.data_home()))
    rows = db.execute("SELECT role, text FROM turns ORDER BY seq").fetchall()
    assert rows[1] == ("candidate", "How many images are in the corpus?")
    assert "3 billion unique images" in rows[2][1]
