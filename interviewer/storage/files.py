"""Writing a file the user named (a report, a transcript): missing folders are made, and a path that is a
folder, or that runs through a file, is one clear StorageError instead of a traceback."""

from __future__ import annotations

from pathlib import Path

from interviewer.storage.errors import StorageError, describe


def write_text(path: Path, text: str) -> Path:
    path = path.expanduser()
    if path.is_dir():
        raise StorageError(f"cannot write {path}: it is a folder. Fix: name a file inside it, "
                           f"e.g. {path / ('report' + (path.suffix or '.html'))}.")
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise StorageError(f"cannot write {path}: {blocker} is a file, not a folder. "
                           "Fix: choose a path whose folders are folders.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise describe(exc, path, "write") from exc
    return path
