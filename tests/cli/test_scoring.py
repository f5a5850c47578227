"""`interviewer score` and `interviewer report` on a session made by `interviewer run`."""

import json
import os
import subprocess
import sys

from interviewer.scoring.rubric import load_rubric

ENV = {"INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
       "INTERVIEWER_MATCHING__USE_EMBEDDINGS": "false"}


def cli(*args):
    return subprocess.run([sys.executable, "-m", "interviewer", *args], capture_output=True, text=True,
                          env={**os.environ, **ENV}, timeout=240)


def test_score_json_is_documented_and_stable_and_report_is_written(tmp_path):
    script = tmp_path / "s.jsonl"
    script.write_text("\n".join(json.dumps({"text": t}) for t in (
        "What is the business objective: satisfied watch time or clicks?",
        "We optimise long-term satisfied watch time and the return rate, within the latency budget at p99.",
        "Let's move on.",
        "A multi-stage funnel: candidate generation, then a ranking stage predicting a satisfied watch.",
    )))
    run = cli("run", "--case", "video-recommendation", "--script", str(script), "--json")
    assert run.returncode == 0, run.stderr
    session = json.loads(run.stdout)["session_id"]

    first = cli("score", session, "--json")
    assert first.returncode == 0, first.stderr
    card = json.loads(first.stdout)
    levels = {c["criterion"]: c["level"] for c in card["criteria"]}
    rubric = load_rubric()
    # one step answered, then the candidate stopped: the rubric's rules, applied to these levels, say no hire,
    # and too little was shown to call it mid-level
    assert card["hire_signal"] == rubric.hire_signal(levels) and card["hire_signal"] in {"strong_no_hire", "no_hire"}
    assert card["level_estimate"] == rubric.level_estimate(levels) == "below mid-level"
    assert "clarify.objective" in card["covered"]["clarify"]
    assert set(card["missed"]) == {"clarify", "frame", "data", "features", "model", "serving", "monitoring"}
    for criterion in card["criteria"]:
        assert {"criterion", "level", "justification", "evidence"} <= set(criterion)
    assert cli("score", session, "--json").stdout == first.stdout

    listing = json.loads(cli("sessions", "--json").stdout)
    assert listing[0]["score"] == card["hire_signal"]

    out = tmp_path / "report.html"
    report = cli("report", session, "--format", "html", "--out", str(out))
    assert report.returncode == 0 and out.read_text().startswith("<!doctype html>")
    md = cli("report", session[:5], "--format", "md")
    assert md.returncode == 0 and md.stdout.strip().endswith(".md")
