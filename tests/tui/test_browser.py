"""The app in a real browser: `interviewer serve` on a free port, Debian's Chromium headless driven by
Playwright (pointed at the system browser; nothing downloads one). What the app draws travels over the
page's websocket as terminal output, so the test reads the screen from those frames, as the page does.
(`make test` installs Chromium when it is missing.)"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path):
    assert Path(CHROMIUM).exists(), "Chromium is required (make test installs it)"
    port = free_port()
    env = {**os.environ, "INTERVIEWER_HOME": str(tmp_path / "home"), "INTERVIEWER_CHAT__PROVIDER": "scripted",
           "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing", "INTERVIEWER_SERVE__TOKEN": "s3cret"}
    server = subprocess.Popen([sys.executable, "-m", "interviewer", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


def test_the_app_runs_in_a_browser_from_home_screen_to_the_interviewers_reply(served, tmp_path):
    from playwright.sync_api import sync_playwright

    frames: list[str] = []

    def screen() -> str:
        return ANSI.sub("", "".join(frames))

    def wait_for(text: str, page, timeout: float = 60) -> bool:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if text in screen():
                return True
            page.wait_for_timeout(250)
        return False

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            denied = page.goto(f"{served}/")
            assert denied is not None and denied.status == 403  # no token, no app

            def on_socket(ws) -> None:
                ws.on("framereceived", lambda payload: frames.append(
                    payload.decode("utf-8", "ignore") if isinstance(payload, bytes) else payload))

            page.on("websocket", on_socket)
            page.goto(f"{served}/?token=s3cret")
            assert wait_for("Filter cases", page), screen()[-2000:]
            page.mouse.click(600, 400)
            page.keyboard.type("visual search")
            page.wait_for_timeout(300)
            page.keyboard.press("Enter")
            assert wait_for("Here is the problem", page), screen()[-2000:]
            page.keyboard.type("How many daily active users are there?")
            page.keyboard.press("Control+s")
            assert wait_for("daily active users;", page, 30), screen()[-2000:]
            page.screenshot(path=str(tmp_path / "browser.png"))
        finally:
            browser.close()
    assert (tmp_path / "browser.png").stat().st_size > 10_000
