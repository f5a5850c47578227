"""Driving the real `interviewer` program as a person would: in tmux (a real terminal: keys in, screen out)
or on a pty (a plain console, where Ctrl-C is a signal). `make test` installs tmux when it is missing."""

from __future__ import annotations

import os
import pty
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


class Tmux:
    """One program in a private tmux server (never a user's, never one with another environment)."""

    def __init__(self, env: dict[str, str], args: tuple[str, ...] = (), size: tuple[int, int] = (100, 30),
                 prefix: tuple[str, ...] = ()) -> None:
        """`prefix`: a command the program runs under (e.g. setpriv to drop capabilities)."""
        self.socket = f"itv-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.session = "itv"
        env = {"HF_HUB_OFFLINE": "1", "TERM": "xterm-256color", **env}
        # COLUMNS/LINES would override the terminal's real size (pytest's environment can carry 80x24)
        command = ["env", "-u", "COLUMNS", "-u", "LINES", *(f"{k}={v}" for k, v in env.items()), *prefix,
                   sys.executable, "-m", "interviewer", *args]
        self._files = Path(tempfile.mkdtemp(prefix="itv-term-"))
        self._config = self._files / "tmux.conf"
        self._config.write_text(f"set -g remain-on-exit on\nset -g default-size {size[0]}x{size[1]}\n")
        # a shell keeps the program's pid and exit status in files: tmux's own are not reliable
        shell = (f"{' '.join(shlex.quote(c) for c in command)} </dev/tty & echo $! > {self._files / 'pid'}; "
                 f"wait $!; echo $? > {self._files / 'status'}")
        self._run("new-session", "-d", "-s", self.session, "-x", str(size[0]), "-y", str(size[1]), shell)

    def _run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", str(self._config), *args], capture_output=True,
                              text=True, check=True).stdout

    def keys(self, *keys: str) -> None:
        self._run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        """Literal text, as typed (not key names)."""
        self._run("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 90) -> str:
        deadline = time.time() + timeout
        screen = ""
        while time.time() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")

    @property
    def pid(self) -> int:
        """The program's process id."""
        wait_until_file(self._files / "pid")
        return int((self._files / "pid").read_text())

    @property
    def running(self) -> bool:
        return not (self._files / "status").exists()

    def exited(self, timeout: float = 15) -> int:
        """The program's exit status (128 + n after signal n), once it has ended."""
        wait_until_file(self._files / "status", timeout)
        return int((self._files / "status").read_text())

    def leave_and_quit(self) -> int:
        """Ctrl+Q from an interview, confirm, then Ctrl+Q on the home screen: the exit status."""
        self.keys("C-q")
        self.wait_for("Leave the interview?")
        self.keys("y")
        self.wait_for("Unfinished sessions")
        self.keys("C-q")
        return self.exited()

    def kill(self, sig: int = signal.SIGKILL) -> None:
        os.kill(self.pid, sig)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        shutil.rmtree(self._files, ignore_errors=True)


def wait_until_file(path: Path, timeout: float = 15) -> None:
    deadline = time.time() + timeout
    while not (path.exists() and path.read_text().strip()):
        if time.time() > deadline:
            raise AssertionError(f"{path.name} never appeared: the program did not start or end")
        time.sleep(0.1)


class Console:
    """`interviewer ARGS` on a pseudo-terminal: what it prints is read back, keys are written to it, and
    Ctrl-C (written as \\x03) reaches it as SIGINT, as in a real terminal."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the program, with the pty as its controlling terminal
            os.execve(sys.executable, [sys.executable, "-m", "interviewer", *args], {**os.environ, **env})
        self.output = ""

    def read_until(self, text: str, timeout: float = 90) -> str:
        deadline = time.time() + timeout
        while text not in self.output and time.time() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536).decode(errors="replace")
                except OSError:
                    break
        if text not in self.output:
            raise AssertionError(f"{text!r} never appeared; output was:\n{self.output[-3000:]}")
        return self.output

    def write(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self, timeout: float = 30) -> int:
        """The exit status (a signal's as 128 + n), reading what is left of the output."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                self.output += chunk.decode(errors="replace")
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"the program did not exit; output was:\n{self.output[-3000:]}")
