"""The real `interviewer` command in a real terminal: tmux runs it, send-keys types, capture-pane reads.
(`make test` installs tmux when it is missing.)"""

import shutil
import sqlite3

from interviewer import paths
from tests.support.terminal import Tmux

ENV = {"INTERVIEWER_CHAT__PROVIDER": "scripted", "INTERVIEWER_EMBEDDINGS__PROVIDER": "hashing",
       "INTERVIEWER_ENGINE__PHRASING": "draft"}


def test_interview_in_a_real_terminal():
    assert shutil.which("tmux"), "tmux is required (make test installs it)"
    term = Tmux({"INTERVIEWER_HOME": str(paths.data_home()), **ENV})
    try:
        term.wait_for("Filter cases; Enter starts one")
        term.wait_for("Ready:")
        term.type("visual")
        term.wait_for("▊  visual")  # the filter has the text before Enter is pressed
        term.keys("Enter")
        term.wait_for("Feel free to start")
        term.type("How many images are in the corpus?")
        term.keys("C-s")
        screen = term.wait_for("3 billion unique images")
        assert "You · clarify" in screen
        assert term.leave_and_quit() == 0
    finally:
        term.close()
    db = sqlite3.connect(paths.database_path(paths.data_home()))
    rows = db.execute("SELECT role, text FROM turns ORDER BY seq").fetchall()
    assert rows[1] == ("candidate", "How many images are in the corpus?")
    assert "3 billion unique images" in rows[2][1]
