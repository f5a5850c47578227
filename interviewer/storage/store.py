"""The session store. A candidate's turn is committed (with the engine state) before anything else happens
to it, in WAL mode, so killing the process loses at most the reply being generated. Every failure of the
database or the disk leaves as a StorageError that says what to do; a session has one writer at a time."""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from interviewer.domain.session import SessionInfo, SessionState, Turn
from interviewer.storage.errors import SessionLocked, StorageError, describe
from interviewer.storage.migrations import MIGRATIONS, migrate


class SessionNotFound(KeyError):
    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "session not found"


@dataclass
class StoredSession:
    info: SessionInfo
    state: SessionState
    turns: list[Turn]
    notes: str
    draft: str


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SessionLock:
    """An exclusive lock on one session, held by the process that writes to it. It is a kernel file lock,
    so a process that dies (even by SIGKILL) releases it, and the next one takes it over."""

    def __init__(self, handle: IO[str], session_id: str) -> None:
        self._handle = handle
        self.session_id = session_id

    def release(self) -> None:
        if not self._handle.closed:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()


def _open_for_reading(path: Path) -> sqlite3.Connection | None:
    """The database read-only, when it exists and is up to date; immutable if even its WAL index cannot be
    made (a folder nobody may write to)."""
    if not path.is_file():
        return None
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"file:{path}?{query}", uri=True, check_same_thread=False, isolation_level=None)
            conn.row_factory = sqlite3.Row
            if conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
                conn.execute("SELECT COUNT(*) FROM sessions").fetchone()
                return conn
            conn.close()
        except sqlite3.Error:
            continue
    return None


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.read_only = False
        """Opened for reading only (a read-only data home): listing and reading work, saving says why not."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA busy_timeout=5000")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            migrate(self._conn)
        except (OSError, sqlite3.Error) as exc:
            reader = _open_for_reading(path)
            if reader is None:
                raise describe(exc, path, "open the session database") from exc
            self._conn, self.read_only = reader, True

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise describe(exc, self.path, "read") from exc

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]], doing: str = "save to") -> None:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    for sql, params in statements:
                        self._conn.execute(sql, params)
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.IntegrityError as exc:
                raise StorageError(f"cannot {doing} {self.path}: {exc}") from exc
            except (OSError, sqlite3.Error) as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise describe(exc, self.path, doing) from exc

    # -- one writer per session ------------------------------------------------------------------------
    def lock(self, session_id: str) -> SessionLock:
        """Take the session for writing, or raise SessionLocked naming the process that has it."""
        folder = self.path.parent / "locks"
        target = folder / f"{session_id}.lock"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle = open(target, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the session
        except OSError as exc:
            raise describe(exc, target, "lock the session in") from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise SessionLocked(f"session {session_id} is open in another process (pid {holder}); "
                                "close it there first, then try again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        return SessionLock(handle, session_id)

    # -- sessions ----------------------------------------------------------------------------------
    def create_session(
        self, case: str, *, prompt_version: str, model: str, practice: bool, state: SessionState
    ) -> str:
        session_id = uuid.uuid4().hex[:10]
        stamp = now()
        self._write([(
            "INSERT INTO sessions (id, case_slug, status, prompt_version, model, practice, created_at, updated_at,"
            " state_json) VALUES (?, ?, 'active', ?, ?, ?, ?, ?, ?)",
            (session_id, case, prompt_version, model, int(practice), stamp, stamp, state.model_dump_json()),
        )], "create a session in")
        return session_id

    def append_turn(self, session_id: str, turn: Turn, state: SessionState) -> None:
        """The turn and the state after it, in one transaction; a candidate's turn also clears the draft it
        was typed in, so the words are always in exactly one of the two."""
        status = "finished" if state.finished else "active"
        self._write([
            (
                "INSERT INTO turns (session_id, seq, role, phase, kind, move, text, elapsed_s, created_at, meta_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, turn.seq, turn.role, turn.phase, turn.kind, turn.move, turn.text, turn.elapsed_s,
                 now(), json.dumps(turn.meta)),
            ),
            (
                "UPDATE sessions SET state_json = ?, status = ?, updated_at = ?, draft = CASE WHEN ? = 'candidate'"
                " THEN '' ELSE draft END WHERE id = ?",
                (state.model_dump_json(), status, now(), turn.role, session_id),
            ),
        ], "save your answer to" if turn.role == "candidate" else "save the interviewer's reply to")

    def update_turn(self, session_id: str, turn: Turn, state: SessionState) -> None:
        """A stored turn's classification and the state after it (the words themselves never change)."""
        self._write([
            ("UPDATE turns SET phase = ?, kind = ?, meta_json = ? WHERE session_id = ? AND seq = ?",
             (turn.phase, turn.kind, json.dumps(turn.meta), session_id, turn.seq)),
            ("UPDATE sessions SET state_json = ?, updated_at = ? WHERE id = ?",
             (state.model_dump_json(), now(), session_id)),
        ])

    def save_state(self, session_id: str, state: SessionState) -> None:
        status = "finished" if state.finished else "active"
        self._write([(
            "UPDATE sessions SET state_json = ?, status = ?, updated_at = ? WHERE id = ?",
            (state.model_dump_json(), status, now(), session_id),
        )])

    def save_draft(self, session_id: str, draft: str) -> None:
        """What the candidate is typing, so a crash or Ctrl-C never loses it."""
        self._write([("UPDATE sessions SET draft = ? WHERE id = ?", (draft, session_id))], "save your draft to")

    def save_notes(self, session_id: str, notes: str) -> None:
        self._write([("UPDATE sessions SET notes = ?, updated_at = ? WHERE id = ?", (notes, now(), session_id))],
                    "save your notes to")

    def resolve(self, session_id: str) -> str:
        """A full id from an id or a unique prefix of one."""
        with self._reading():
            rows = self._conn.execute(
                "SELECT id FROM sessions WHERE id = ? OR id LIKE ? ORDER BY id", (session_id, session_id + "%")
            ).fetchall()
        exact = [r["id"] for r in rows if r["id"] == session_id]
        if exact:
            return str(exact[0])
        if len(rows) == 1:
            return str(rows[0]["id"])
        if not rows:
            raise SessionNotFound(f"no session '{session_id}' (see `interviewer sessions`)")
        raise SessionNotFound(f"'{session_id}' matches {len(rows)} sessions; give more of the id")

    def load(self, session_id: str) -> StoredSession:
        session_id = self.resolve(session_id)
        with self._reading():
            row = self._conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
            turns = [
                Turn(seq=r["seq"], role=r["role"], phase=r["phase"], text=r["text"], kind=r["kind"], move=r["move"],
                     elapsed_s=r["elapsed_s"], meta=json.loads(r["meta_json"]))
                for r in self._conn.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY seq", (session_id,))
            ]
            info = self._info(row, len(turns))
        return StoredSession(info, SessionState.model_validate_json(row["state_json"]), turns, row["notes"],
                             row["draft"])

    def _info(self, row: sqlite3.Row, turns: int) -> SessionInfo:
        state = SessionState.model_validate_json(row["state_json"])
        score = self._conn.execute(
            "SELECT hire_signal, partial FROM scorecards WHERE session_id = ?", (row["id"],)
        ).fetchone()
        return SessionInfo(
            id=row["id"], case=row["case_slug"], status=row["status"], prompt_version=row["prompt_version"],
            model=row["model"], practice=bool(row["practice"]), created_at=row["created_at"],
            updated_at=row["updated_at"], phase=state.phase, elapsed_s=state.elapsed_s, turns=turns,
            score=score["hire_signal"] if score else None, score_partial=bool(score and score["partial"]),
        )

    def list_sessions(self) -> list[SessionInfo]:
        with self._reading():
            rows = self._conn.execute(
                "SELECT s.*, (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS n FROM sessions s"
                " ORDER BY s.created_at DESC, s.rowid DESC"
            ).fetchall()
            return [self._info(r, r["n"]) for r in rows]

    # -- scorecards ---------------------------------------------------------------------------------
    def save_scorecard(self, session_id: str, settings_key: str, hire_signal: str, scorecard_json: str,
                       *, partial: bool = False) -> None:
        """`partial`: scored before the interview finished (kept out of history's trends)."""
        self._write([(
            "INSERT INTO scorecards (session_id, settings_key, hire_signal, scorecard_json, created_at, partial)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET settings_key = excluded.settings_key,"
            " hire_signal = excluded.hire_signal, scorecard_json = excluded.scorecard_json,"
            " created_at = excluded.created_at, partial = excluded.partial",
            (session_id, settings_key, hire_signal, scorecard_json, now(), int(partial)),
        )], "save the scorecard to")

    def load_scorecard(self, session_id: str) -> str | None:
        session_id = self.resolve(session_id)
        with self._reading():
            row = self._conn.execute(
                "SELECT scorecard_json FROM scorecards WHERE session_id = ?", (session_id,)
            ).fetchone()
        return str(row["scorecard_json"]) if row else None
