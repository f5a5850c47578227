"""Faults a user meets, each reproduced with the real program in its own process (the app in tmux, the
console on a pty, the commands as subprocesses), never with mocks. Every case checks two things: nothing
the candidate typed is lost, and the user is told in one line what happened and what to do."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.faults.support import (
    DROP_WRITE_CAPABILITIES,
    ENV,
    ROOT,
    cli,
    kept,
    new_session,
    one_line,
    open_case,
    rows,
    wait_until,
    write_script,
)
from tests.support.terminal import Console, Tmux


# -- kill -9 the app at random moments of sending -------------------------------------------------------
def test_kill_9_at_20_random_moments_of_sending_loses_no_answer(home):
    """Each answer is typed, autosaved as a draft, sent with Ctrl+S, and the app is SIGKILLed 0 to 1.2 s
    later: before the commit, after it, while the reply streams, after it. The answer must be a stored turn
    or the draft, every time."""
    slow = {**ENV, "INTERVIEWER_HOME": str(home), "INTERVIEWER_ENGINE__PHRASING": "model",
            "INTERVIEWER_CHAT__SCRIPTED_TOKEN_DELAY_S": "0.1"}
    rng = random.Random(20261130)
    where = []
    for n in range(20):
        answer = f"Answer {n}: users want the same object, so I would optimise engagement with the results."
        term = Tmux(slow)
        try:
            open_case(term)
            term.type(answer)
            wait_until(lambda a=answer: kept(home, a) == "draft")  # the autosave has it
            term.keys("C-s")
            time.sleep(rng.uniform(0, 1.2))
            term.kill()
        finally:
            term.close()
        where.append(kept(home, answer))
        assert where[-1], f"answer {n} was lost"
    assert "turn" in where  # the kills did land after sends, not only before them


# -- a full disk ------------------------------------------------------------------------------------------
@contextmanager
def small_disk(folder: Path) -> Iterator[tuple[str, Callable[[], None], Callable[[], None], dict[str, str]]]:
    """(kind, fill, free, env): a 40 MB tmpfs filled with a file where this user may mount one; otherwise a
    layer at the storage boundary that fails SQLite writes as a full disk does while a flag file exists."""
    folder.mkdir(parents=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40M", "tmpfs", str(folder)], capture_output=True).returncode == 0
    filler = folder / "filler"
    if mounted:
        def fill() -> None:
            subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True)

        try:
            yield "tmpfs", fill, lambda: filler.unlink(), {}
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    else:
        flag = folder.parent / "disk-is-full"
        env = {"INTERVIEWER_TEST_DISK_FULL": str(flag),
               "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "support" / "enospc"), str(ROOT)])}
        yield "enospc-layer", flag.touch, flag.unlink, env


def test_a_full_disk_while_sending_keeps_the_answer_in_the_box_and_in_the_draft(tmp_path):
    with small_disk(tmp_path / "disk") as (kind, fill, free, extra):
        home = tmp_path / "disk" / "home"
        env = {**ENV, **extra, "INTERVIEWER_HOME": str(home)}
        assert cli(home, "kb", "build", env=extra).returncode == 0
        term = Tmux(env, size=(160, 40))  # wide enough for the message with this test's long paths
        answer = "We want people to find the same object they photographed, ranked by visual similarity."
        try:
            open_case(term)
            term.type(answer)
            wait_until(lambda: kept(home, answer) == "draft")
            fill()
            term.keys("C-s")
            screen = " ".join(term.wait_for("it is still in the box.").split())
            assert (f"cannot save your answer to {home / 'interviewer.sqlite3'}: the disk is full. Fix: free some "
                    f"space on the disk that holds {home}, or set INTERVIEWER_HOME to another folder." in screen)
            assert answer in screen  # the box was not cleared
            assert term.running  # and the app is still running
            assert kept(home, answer) == "draft"
            free()
            term.keys("C-s")
            term.wait_for("Interviewer · clarify", timeout=30)
            wait_until(lambda: kept(home, answer) == "turn")
            assert term.leave_and_quit() == 0
        finally:
            term.close()
        # the command line says the same in one line (the script keeps the text), whichever disk this was
        session = rows(home, "SELECT id FROM sessions")[0][0]
        fill()
        done = cli(home, "resume", session, "--script", str(write_script(tmp_path / "s.jsonl", "More.")), env=extra)
        free()
    assert done.returncode == 1, (kind, done.stderr)
    assert one_line(done.stderr).startswith("error: cannot ")
    assert "the disk is full. Fix: free some space on the disk that holds" in done.stderr


# -- a read-only data home --------------------------------------------------------------------------------
@contextmanager
def read_only(folder: Path) -> Iterator[tuple[str, ...]]:
    """`folder` made read-only; yields the command prefix that makes that hold even for root (whose write
    bits are ignored otherwise), by dropping the capabilities that bypass them."""
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for path in modes:
        path.chmod(modes[path] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield DROP_WRITE_CAPABILITIES if os.geteuid() == 0 else ()
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


def test_a_read_only_data_home_reads_and_says_in_one_line_why_it_cannot_write(home, tmp_path):
    session = new_session(home, tmp_path, "How many images are in the corpus?")
    before = rows(home, "SELECT seq, text FROM turns ORDER BY seq")
    script = str(write_script(tmp_path / "s.jsonl", "Another answer."))
    writing = [("score", session), ("report", session), ("run", "--case", "visual-search", "--script", script),
               ("resume", session, "--script", script), ("kb", "search", "latency"), ("kb", "build")]
    with read_only(home) as prefix:
        listed = cli(home, "sessions", prefix=prefix)
        assert listed.returncode == 0 and session in listed.stdout, listed.stderr
        shown = cli(home, "transcript", session, prefix=prefix)
        assert shown.returncode == 0 and "How many images are in the corpus?" in shown.stdout, shown.stderr
        for command in writing:
            done = cli(home, *command, prefix=prefix)
            line = one_line(done.stderr)
            assert done.returncode == 1, (command, done.stderr)
            assert line.startswith("error: cannot ") and "read-only" in line and "Fix: make " in line, line
    assert rows(home, "SELECT seq, text FROM turns ORDER BY seq") == before


def test_a_read_only_data_home_does_not_crash_the_app(home, tmp_path):
    new_session(home, tmp_path, "How many images are in the corpus?")
    with read_only(home) as prefix:
        term = Tmux({**ENV, "INTERVIEWER_HOME": str(home)}, prefix=prefix)
        try:
            term.wait_for("Filter cases; Enter starts one")
            term.wait_for("read-only")
            open_case(term, expect="Cannot start")
            assert "Traceback" not in term.screen() and term.running
            assert term.leave_and_quit() == 0
        finally:
            term.close()


# -- one writer per session -------------------------------------------------------------------------------
def test_one_session_has_one_writer_and_a_killed_writer_hands_it_over(home, tmp_path):
    session = new_session(home, tmp_path, "How many images are in the corpus?")
    slow = {"INTERVIEWER_ENGINE__PHRASING": "model", "INTERVIEWER_CHAT__SCRIPTED_TOKEN_DELAY_S": "1.0"}
    first = ["What is the latency budget?", "We optimise for finding the same object.", "And the scale?"]
    lock = home / "locks" / f"{session}.lock"

    def writer(*texts: str) -> subprocess.Popen[str]:
        script = write_script(tmp_path / f"w{len(texts)}{texts[0][:3]}.jsonl", *texts)
        return subprocess.Popen([sys.executable, "-m", "interviewer", "resume", session, "--script", str(script)],
                                env={**os.environ, **ENV, **slow, "INTERVIEWER_HOME": str(home)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    a = writer(*first)
    wait_until(lambda: lock.exists() and lock.read_text() == str(a.pid))
    second = cli(home, "resume", session, "--script", str(write_script(tmp_path / "b.jsonl", "Second writer.")))
    assert second.returncode == 1
    assert one_line(second.stderr) == (f"error: session {session} is open in another process (pid {a.pid}); "
                                       "close it there first, then try again")
    assert a.wait(timeout=120) == 0, a.stderr.read() if a.stderr else ""
    stored = [t for (t,) in rows(home, "SELECT text FROM turns WHERE role = 'candidate' ORDER BY seq")]
    assert stored[-3:] == first and "Second writer." not in stored

    # a writer killed mid-session leaves no lock behind: the kernel releases it with the process
    a = writer("One more answer about the users.")
    wait_until(lambda: lock.read_text() == str(a.pid))
    a.send_signal(signal.SIGKILL)
    a.wait()
    third = cli(home, "resume", session, "--script", str(write_script(tmp_path / "c.jsonl", "After the kill.")))
    assert third.returncode == 0, third.stderr
    assert kept(home, "After the kill.") == "turn"


# -- Ctrl-C in console mode ---------------------------------------------------------------------------------
def test_ctrl_c_at_the_console_prompt_keeps_the_text_and_says_how_to_resume(home):
    env = {**ENV, "INTERVIEWER_HOME": str(home)}
    console = Console(env, "run", "--case", "visual-search")
    console.read_until("you (finish with an empty line)>")
    console.write("my unsent thought about the corpus\r")
    time.sleep(0.3)
    console.write("\x03")
    assert console.wait() == 130
    session = rows(home, "SELECT id FROM sessions")[0][0]
    assert (f"Stopped. Your unsent text is kept as a draft. Continue with: interviewer resume {session}"
            in console.output)
    assert kept(home, "my unsent thought about the corpus") == "draft"
    assert rows(home, "SELECT COUNT(*) FROM turns WHERE role = 'candidate'") == [(0,)]  # nothing half-sent

    # resuming shows the draft; an empty line sends it
    console = Console(env, "resume", session)
    console.read_until("my unsent thought about the corpus")
    console.write("\r")
    console.read_until("[clarify] interviewer:")
    console.write("\x04")
    assert console.wait() == 0
    assert kept(home, "my unsent thought about the corpus") == "turn"


def test_ctrl_c_while_the_interviewer_replies_keeps_the_answer(home):
    env = {**ENV, "INTERVIEWER_HOME": str(home), "INTERVIEWER_ENGINE__PHRASING": "model",
           "INTERVIEWER_CHAT__SCRIPTED_TOKEN_DELAY_S": "1.0"}
    console = Console(env, "run", "--case", "visual-search")
    console.read_until("you (finish with an empty line)>")
    console.write("We optimise for people finding the same object.\r\r")
    console.read_until("[clarify] interviewer:", timeout=30)
    console.write("\x03")
    assert console.wait() == 130
    assert "Stopped while the interviewer was replying; your answer is saved. Continue with:" in console.output
    assert kept(home, "We optimise for people finding the same object.") == "turn"
