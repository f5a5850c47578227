"""Faults in what a user types or points the program at (scripts with control characters, an endpoint that
is down, paths, settings, knowledge files, a failing judge), each with the real commands in their own process:
one line says what happened and what to do, and nothing typed is lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.faults.support import (
    ROOT,
    cli,
    closed_port,
    kept,
    new_session,
    one_line,
    rows,
    write_script,
)


# -- control characters are text ------------------------------------------------------------------------------
def test_control_characters_in_a_script_are_not_terminal_control(home, tmp_path):
    nasty = "Hello\x1b[2J\x1b]0;pwned\x07 how many images\x00 are in the corpus?"
    done = cli(home, "run", "--case", "visual-search", "--script", str(write_script(tmp_path / "s.jsonl", nasty)))
    assert done.returncode == 0, done.stderr
    for control in ("\x1b", "\x07", "\x00"):
        assert control not in done.stdout
    assert kept(home, "Hello how many images are in the corpus?") == "turn"
    session = rows(home, "SELECT id FROM sessions")[0][0]
    transcript = cli(home, "transcript", session).stdout
    report = Path(cli(home, "report", session, "--format", "html").stdout.strip()).read_text()
    for text in (transcript, report):
        assert "Hello how many images are in the corpus?" in text
        assert not any(c in text for c in ("\x1b", "\x07", "\x00"))


# -- an endpoint that is down -------------------------------------------------------------------------------------
def test_an_endpoint_down_in_console_mode_still_prints_the_question(home, tmp_path):
    down = {"INTERVIEWER_CHAT__PROVIDER": "openai-compatible", "INTERVIEWER_ENGINE__PHRASING": "model",
            "INTERVIEWER_CHAT__BASE_URL": f"http://127.0.0.1:{closed_port()}/v1", "INTERVIEWER_CHAT__MAX_RETRIES": "0"}
    script = write_script(tmp_path / "s.jsonl", "We optimise for people finding the same object they saw.")
    done = cli(home, "run", "--case", "visual-search", "--script", str(script), env=down)
    assert done.returncode == 0, done.stderr
    reply = rows(home, "SELECT text FROM turns WHERE role = 'interviewer' ORDER BY seq DESC LIMIT 1")[0][0]
    assert reply.endswith("?") and "(notice: Cannot reach" in done.stdout
    assert done.stdout.splitlines()[-2].endswith(reply)  # the question is on screen, not a blank line


# -- paths the user names -----------------------------------------------------------------------------------------
def test_report_and_transcript_paths_are_one_line_errors_or_made(home, tmp_path):
    session = new_session(home, tmp_path, "How many images are in the corpus?")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    done = cli(home, "report", session, "--out", str(folder))
    assert done.returncode == 1
    assert one_line(done.stderr) == (f"error: cannot write {folder}: it is a folder. Fix: name a file inside it, "
                                     f"e.g. {folder / 'report.html'}.")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    done = cli(home, "report", session, "--out", str(a_file / "r.html"))
    assert done.returncode == 1
    assert one_line(done.stderr) == (f"error: cannot write {a_file / 'r.html'}: {a_file} is a file, not a folder. "
                                     "Fix: choose a path whose folders are folders.")
    nested = tmp_path / "new" / "folders" / "t.md"
    done = cli(home, "transcript", session, "--out", str(nested))
    assert done.returncode == 0 and nested.read_text().startswith("# Interview transcript")


# -- scoring an unfinished session -----------------------------------------------------------------------------------
def test_scoring_an_unfinished_session_says_so_and_marks_it_partial(home, tmp_path):
    session = new_session(home, tmp_path, "How many images are in the corpus?", "We optimise for finding the object.")
    done = cli(home, "score", session)
    assert done.returncode == 0
    assert one_line(done.stderr) == (f"note: session {session} has not finished (it stopped at clarify); "
                                     "this scorecard is partial and stays out of history's trends.")
    assert "[partial]" in done.stdout.splitlines()[0]
    assert json.loads(cli(home, "score", session, "--json").stdout)["partial"] is True
    assert "(partial)" in cli(home, "sessions").stdout


# -- knowledge files and settings -------------------------------------------------------------------------------------
def test_kb_validate_reports_every_error_of_every_file_with_its_line(tmp_path):
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    video = tmp_path / "knowledge" / "cases" / "video-recommendation.md"
    lines = video.read_text().splitlines()
    slug_line = next(i for i, line in enumerate(lines) if line.startswith("slug:")) + 1
    lines[slug_line - 1] = "slug: Not A Slug"
    kps = [i for i, line in enumerate(lines) if line.startswith("- [model.")]
    lines[kps[1]] = lines[kps[1]].replace(lines[kps[1]].split("]")[0] + "]", lines[kps[0]].split("]")[0] + "]")
    video.write_text("\n".join(lines) + "\n")
    visual = tmp_path / "knowledge" / "cases" / "visual-search.md"
    text = visual.read_text().splitlines()
    closing = next(i for i, line in enumerate(text) if i > 0 and line.strip() == "---")
    visual.write_text("\n".join(text[:closing] + text[closing + 1:]) + "\n")
    done = cli(tmp_path, "kb", "validate", str(tmp_path / "knowledge"))
    assert done.returncode == 1
    model_id = lines[kps[0]].split("]")[0][3:]
    assert done.stdout.splitlines() == [
        f"knowledge/cases/video-recommendation.md:{slug_line}: front matter: slug: String should match pattern "
        "'^[a-z0-9]+(-[a-z0-9]+)*$'",
        f"knowledge/cases/video-recommendation.md:{kps[1] + 1}: duplicate id '{model_id}' (first used on line "
        f"{kps[0] + 1})",
        "knowledge/cases/visual-search.md:1: the front matter opened by '---' on line 1 is never closed: add a "
        "'---' line after it",
    ]


def test_a_misspelled_setting_and_a_bad_provider_are_usage_errors(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[chat]\nprovdier = "openai"\n')
    done = cli(tmp_path, "sessions", env={"INTERVIEWER_CONFIG": str(config)})
    assert done.returncode == 2
    assert one_line(done.stderr) == f"error: unknown setting 'chat.provdier' in {config}; did you mean 'chat.provider'?"
    done = cli(tmp_path, "--provider", "openia", "sessions")
    assert done.returncode == 2 and "Invalid value for '--provider'" in done.stderr
    assert "config" not in done.stderr and "INTERVIEWER_" not in done.stderr


def test_a_failing_judge_is_named_in_the_scorecard(home, tmp_path):
    session = new_session(home, tmp_path, "How many images are in the corpus?")
    url = f"http://127.0.0.1:{closed_port()}/v1"
    judge = {"INTERVIEWER_SCORING__COMBINE": "judge", "INTERVIEWER_CHAT__PROVIDER": "openai-compatible",
             "INTERVIEWER_CHAT__BASE_URL": url, "INTERVIEWER_CHAT__MAX_RETRIES": "0"}
    done = cli(home, "score", session, "--json", env=judge)
    assert done.returncode == 0, done.stderr
    notes = json.loads(done.stdout)["notes"]
    assert notes[0].startswith(f"judge unavailable for 11 of 11 criteria: Cannot reach {url}.")
    assert notes[0].endswith("are scored on coverage only: " + ", ".join(
        c["title"] for c in json.loads(done.stdout)["criteria"]) + ".")
