"""Storage failures as one line a person can act on: what could not be read or written, why, and what to
do. SQLite and the file system report the same few conditions in many words; they are named here once."""

from __future__ import annotations

import errno
import sqlite3
import tempfile
from pathlib import Path


class StorageError(Exception):
    """The data home (or a file the user named) could not be read or written; the message says which,
    why, and how to fix it."""


class SessionLocked(StorageError):
    """Another process holds the session open for writing."""


def _writable(folder: Path) -> bool:
    """Whether a file can be made in `folder` (tried, not guessed from permission bits, which root ignores)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def describe(exc: BaseException, path: Path, doing: str) -> StorageError:
    """`doing`: what was attempted, e.g. "save your answer to". Keeps the original as the cause."""
    text = str(exc).lower()
    code = getattr(exc, "errno", None)
    where = path.parent if path.suffix else path
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        why = "the disk is full"
        fix = f"free some space on the disk that holds {where}, or set INTERVIEWER_HOME to another folder"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text or "read-only" in text:
        why, fix = "it is read-only", f"make {where} writable, or set INTERVIEWER_HOME to a folder you can write"
    elif code == errno.EISDIR:
        why, fix = "it is a directory", f"name a file inside it, e.g. {path / 'report.html'}"
    elif code == errno.ENOTDIR:
        why, fix = "a part of the path is a file, not a folder", "choose a path whose folders are folders"
    elif isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text):
        why, fix = "the database file is damaged", f"move {path} aside and start again (it keeps your old sessions)"
    elif "locked" in text or "busy" in text:
        why, fix = "another process is writing to it", "wait a moment and try again"
    elif "unable to open" in text and not _writable(where):
        why = "its folder is read-only"
        fix = f"make {where} writable, or set INTERVIEWER_HOME to a folder you can write"
    elif "unable to open" in text:
        why, fix = "it cannot be opened", f"check that {where} exists and is writable, or set INTERVIEWER_HOME"
    else:
        why, fix = str(exc).splitlines()[0][:160] or type(exc).__name__, "check the path and try again"
    return StorageError(f"cannot {doing} {path}: {why}. Fix: {fix}.")
