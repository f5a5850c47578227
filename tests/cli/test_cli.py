"""The console command as a user runs it: real subprocesses, no tracebacks."""

import json
import os
import socket
import subprocess
import sys

import pytest

from tests.support.fake_openai import running_fake_openai


def run_cli(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "doctor" in result.stdout


@pytest.mark.embedded
def test_doctor_json_reports_each_check_against_a_compatible_server():
    with running_fake_openai() as fake:
        fake.content = "Hello there."
        result = run_cli(
            "--provider", "openai-compatible", "--base-url", fake.base_url, "--model", "tiny", "doctor", "--json"
        )
    report = json.loads(result.stdout)
    names = [c["name"] for c in report["checks"]]
    assert names == ["chat model", "embeddings", "data home", "knowledge index"]
    by_name = {c["name"]: c for c in report["checks"]}
    assert by_name["chat model"]["status"] == "ok"
    assert "Hello there." in by_name["chat model"]["detail"]
    assert by_name["chat model"]["seconds"] > 0
    assert by_name["embeddings"]["status"] == "ok"
    assert "384" in by_name["embeddings"]["detail"]
    assert by_name["data home"]["status"] == "ok"
    assert report["ok"] is (result.returncode == 0)


def test_doctor_fails_with_one_line_when_the_endpoint_is_down():
    url = f"http://127.0.0.1:{free_port()}/v1"
    result = run_cli(
        "doctor", env={"INTERVIEWER_CHAT__PROVIDER": "openai-compatible", "INTERVIEWER_CHAT__BASE_URL": url,
                       "INTERVIEWER_EMBEDDINGS__PROVIDER": "openai", "INTERVIEWER_EMBEDDINGS__BASE_URL": url,
                       "INTERVIEWER_CHAT__MAX_RETRIES": "0"}
    )
    assert result.returncode == 1
    chat_line = next(line for line in result.stdout.splitlines() if "chat model" in line)
    assert chat_line.startswith("FAIL")
    assert f"Cannot reach {url}" in chat_line
    assert "Traceback" not in result.stdout + result.stderr


def test_wrong_key_is_reported_without_the_key():
    with running_fake_openai() as fake:
        fake.behaviour = "401"
        result = run_cli(
            "doctor", "--json",
            env={"INTERVIEWER_CHAT__PROVIDER": "openai-compatible", "INTERVIEWER_CHAT__BASE_URL": fake.base_url,
                 "INTERVIEWER_CHAT__API_KEY": "sk-secret-key-123", "INTERVIEWER_EMBEDDINGS__PROVIDER": "openai",
                 "INTERVIEWER_EMBEDDINGS__BASE_URL": fake.base_url},
        )
    assert result.returncode == 1
    assert "sk-secret-key-123" not in result.stdout + result.stderr
    chat = json.loads(result.stdout)["checks"][0]
    assert chat["status"] == "fail" and "rejected the API key" in chat["detail"]


def test_bad_setting_is_one_line_error_not_a_traceback():
    result = run_cli("doctor", env={"INTERVIEWER_CHAT__PROVIDER": "telepathy"})
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "chat.provider" in result.stderr
    assert "Traceback" not in result.stderr


def test_openai_without_key_says_how_to_set_it():
    result = run_cli("doctor", env={"INTERVIEWER_CHAT__PROVIDER": "openai", "INTERVIEWER_EMBEDDINGS__PROVIDER": "openai"})
    assert result.returncode == 1
    assert "OPENAI_API_KEY" in result.stdout
