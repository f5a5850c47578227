"""`interviewer eval run|compare` as a user runs them: real subprocesses on the scripted provider with
hashing embeddings, so the real engine is measured without a model download."""

import json
from pathlib import Path

from tests.cli.test_cli import run_cli

ENV = {"INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing"}


def eval_run(*args: str) -> dict:
    result = run_cli("eval", "run", "--suite", "interviewer", "--split", "dev", "--json", *args, env=ENV, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["interviewer"]


def test_interviewer_suite_runs_counts_tokens_caches_replies_and_gates(isolated_home):
    first = eval_run("--cache", "write")
    summary = first["summary"]
    assert summary["scenarios"] >= 60  # the scripted scenarios and the held-out dev candidates
    # the engine's decisions are measured for real (with hash embeddings only cue words match, so fewer
    # checks pass than on the embedded defaults); the scripted model's phrasings all fail the checks
    assert summary["pass_rate"] >= 0.75 and summary["word_check_pass_rate"] >= 0.75
    assert summary["phrasing_accepted_rate"] == 0.0
    assert summary["requests"] > 50 and summary["prompt_tokens"] > summary["completion_tokens"] > 0
    assert summary["cache_hits"] == 0 and "cost_usd" not in summary  # no prices known for this provider
    folder = Path(first["run"])
    assert {"run.json", "report.md", "report.html"} <= {p.name for p in folder.iterdir()}

    again = eval_run("--cache", "read")["summary"]
    assert again["requests"] == 0 and again["cache_hits"] == summary["requests"]
    assert again["pass_rate"] == summary["pass_rate"]

    same = run_cli("eval", "compare", first["run"], first["run"], "--gate", env=ENV)
    assert same.returncode == 0, same.stdout + same.stderr
    assert "gate: passed" in same.stdout and "0 items got worse" in same.stdout

    # a run that lost checks fails the gate and names the scenarios that got worse
    run = json.loads((folder / "run.json").read_text())
    for item in run["items"][:4]:
        item["checks"] = {k: False for k in item["checks"]}
    run["summary"]["pass_rate"] = 0.5
    worse = folder.parent / "worse.json"
    worse.write_text(json.dumps(run))
    failed = run_cli("eval", "compare", first["run"], str(worse), "--gate", "--json", env=ENV)
    assert failed.returncode == 1
    report = json.loads(failed.stdout)
    assert any("pass_rate" in f for f in report["gate_failures"])
    assert {w.split(":")[0] for w in report["worse"]} == {i["id"] for i in run["items"][:4]}
    assert Path(report["report"]).read_text().startswith("# interviewer:")
    assert (Path(report["report"]).parent / "report.html").read_text().startswith("<!doctype html>")


def test_compare_refuses_a_missing_run_with_one_line(isolated_home):
    result = run_cli("eval", "compare", "no-such-run", "baseline:interviewer")
    assert result.returncode == 2 and "no eval run 'no-such-run'" in result.stderr
    assert "Traceback" not in result.stderr
