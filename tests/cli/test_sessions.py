"""`interviewer run / resume / sessions / transcript` as a user runs them, including a SIGKILL in the
middle of a session followed by a resume that loses no finished turn."""

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from interviewer import paths

ENV = {
    "INTERVIEWER_CHAT__PROVIDER": "scripted",
    "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
    "INTERVIEWER_ENGINE__PHRASING": "model",
}

LINES = [
    {"text": "How many daily active users are there?", "elapsed_s": 20},
    {"text": "What is the latency budget?", "elapsed_s": 40},
    {"text": "We want long-term satisfied watch time, not clicks.", "elapsed_s": 120},
    {"text": "Let's move on.", "elapsed_s": 200},
    {"text": "Predict the probability of a satisfied watch for each user and candidate video.", "elapsed_s": 400},
    {"text": "Let's move on.", "elapsed_s": 560},
    {"text": "Training data comes from impressions joined with watches; labels from watch time.", "elapsed_s": 700},
    {"text": "Let's move on.", "elapsed_s": 900},
    {"text": "Let's move on.", "elapsed_s": 1200},
    {"text": "Let's move on.", "elapsed_s": 1700},
    {"text": "Let's move on.", "elapsed_s": 2100},
    {"text": "Let's move on.", "elapsed_s": 2400},
]


def cli(*args, env=None, timeout=240):
    return subprocess.run([sys.executable, "-m", "interviewer", *args], capture_output=True, text=True,
                          env={**os.environ, **ENV, **(env or {})}, timeout=timeout)


def write_script(path, lines):
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


def test_run_prints_the_documented_json_and_sessions_lists_it(tmp_path):
    result = cli("run", "--case", "video-recommendation", "--script", str(write_script(tmp_path / "s.jsonl", LINES)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"session_id", "case", "steps_visited", "turns"}
    assert data["case"] == "video-recommendation"
    assert data["steps_visited"] == ["intro", "clarify", "frame", "data", "features", "model", "serving", "monitoring", "wrapup"]
    roles = {t["role"] for t in data["turns"]}
    assert roles == {"interviewer", "candidate"}
    second = data["turns"][1]
    assert (second["role"], second["step"], second["text"]) == ("candidate", "clarify",
                                                                "How many daily active users are there?")
    assert second["id"] == "t2" and second["kind"] == "clarifying_question"

    listing = json.loads(cli("sessions", "--json").stdout)
    assert listing[0]["id"] == data["session_id"] and listing[0]["status"] == "finished"

    md = cli("transcript", data["session_id"][:6], "--format", "md").stdout
    assert md.startswith("# Interview transcript") and "How many daily active users are there?" in md
    exported = json.loads(cli("transcript", data["session_id"], "--format", "json").stdout)
    assert exported == data  # one transcript shape, whichever command prints it


def test_bad_script_and_unknown_case_are_clear_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"txt": "oops"}\n')
    result = cli("run", "--case", "video-recommendation", "--script", str(bad))
    assert result.returncode == 2 and f"{bad}:2:" in result.stderr and "Traceback" not in result.stderr
    result = cli("run", "--case", "nope", "--script", str(bad))
    assert result.returncode == 2 and "no case 'nope'" in result.stderr


def test_sigkill_mid_session_then_resume_loses_no_finished_turn(tmp_path):
    script = write_script(tmp_path / "s.jsonl", LINES)
    proc = subprocess.Popen(
        [sys.executable, "-m", "interviewer", "run", "--case", "video-recommendation", "--script", str(script)],
        env={**os.environ, **ENV, "INTERVIEWER_CHAT__SCRIPTED_TOKEN_DELAY_S": "0.4"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    db = paths.database_path(paths.data_home())
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline:
        if db.exists():
            try:
                count = sqlite3.connect(db).execute("SELECT COUNT(*) FROM turns").fetchone()[0]
            except sqlite3.OperationalError:
                count = 0
            if count >= 6:
                break
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert count >= 6, "the run never got going"

    conn = sqlite3.connect(db)
    (session_id,) = conn.execute("SELECT id FROM sessions").fetchone()
    saved = conn.execute("SELECT seq, role, text FROM turns ORDER BY seq").fetchall()
    assert [s[0] for s in saved] == list(range(1, len(saved) + 1))
    assert all(text.strip() for _, _, text in saved)
    conn.close()
    said = sum(1 for _, role, _ in saved if role == "candidate")

    rest = write_script(tmp_path / "rest.jsonl", LINES[said:])
    result = cli("resume", session_id, "--script", str(rest), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(t["role"], t["text"]) for t in data["turns"][: len(saved)]] == [(r, t) for _, r, t in saved]
    candidate_texts = [t["text"] for t in data["turns"] if t["role"] == "candidate"]
    assert candidate_texts == [line["text"] for line in LINES][: len(candidate_texts)]
    # every candidate turn got exactly one reply, including one cut off by the kill
    roles = [t["role"] for t in data["turns"]]
    assert all(a != b or a == "interviewer" for a, b in itertools.pairwise(roles))
    assert data["steps_visited"][-1] == "wrapup"


def test_resume_of_unknown_or_finished_session_is_a_clear_error(tmp_path):
    result = cli("resume", "doesnotexist")
    assert result.returncode == 1 and "no session 'doesnotexist'" in result.stderr
