"""The session store. Every turn is committed (with the engine state) before the next model call, in
WAL mode, so killing the process loses at most the reply being generated."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interviewer.domain.session import SessionInfo, SessionState, Turn
from interviewer.storage.migrations import migrate


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


class SessionStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._lock = threading.Lock()
        migrate(self._conn)

    def close(self) -> None:
        self._conn.close()

    def _write(self, statements: list[tuple[str, tuple]]) -> None:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    self._conn.execute(sql, params)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

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
        )])
        return session_id

    def append_turn(self, session_id: str, turn: Turn, state: SessionState) -> None:
        """The turn and the state after it, in one transaction."""
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
        ])

    def save_state(self, session_id: str, state: SessionState) -> None:
        status = "finished" if state.finished else "active"
        self._write([(
            "UPDATE sessions SET state_json = ?, status = ?, updated_at = ? WHERE id = ?",
            (state.model_dump_json(), status, now(), session_id),
        )])

    def save_draft(self, session_id: str, draft: str) -> None:
        """What the candidate is typing, so a crash or Ctrl-C never loses it."""
        self._write([("UPDATE sessions SET draft = ? WHERE id = ?", (draft, session_id))])

    def save_notes(self, session_id: str, notes: str) -> None:
        self._write([("UPDATE sessions SET notes = ?, updated_at = ? WHERE id = ?", (notes, now(), session_id))])

    def resolve(self, session_id: str) -> str:
        """A full id from an id or a unique prefix of one."""
        rows = self._conn.execute(
            "SELECT id FROM sessions WHERE id = ? OR id LIKE ? ORDER BY id", (session_id, session_id + "%")
        ).fetchall()
        exact = [r["id"] for r in rows if r["id"] == session_id]
        if exact:
            return exact[0]
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise SessionNotFound(f"no session '{session_id}' (see `interviewer sessions`)")
        raise SessionNotFound(f"'{session_id}' matches {len(rows)} sessions; give more of the id")

    def load(self, session_id: str) -> StoredSession:
        session_id = self.resolve(session_id)
        row = self._conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        turns = [
            Turn(seq=r["seq"], role=r["role"], phase=r["phase"], text=r["text"], kind=r["kind"], move=r["move"],
                 elapsed_s=r["elapsed_s"], meta=json.loads(r["meta_json"]))
            for r in self._conn.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY seq", (session_id,))
        ]
        return StoredSession(self._info(row, len(turns)), SessionState.model_validate_json(row["state_json"]),
                             turns, row["notes"], row["draft"])

    def _info(self, row: sqlite3.Row, turns: int) -> SessionInfo:
        state = SessionState.model_validate_json(row["state_json"])
        score = self._conn.execute(
            "SELECT hire_signal FROM scorecards WHERE session_id = ?", (row["id"],)
        ).fetchone()
        return SessionInfo(
            id=row["id"], case=row["case_slug"], status=row["status"], prompt_version=row["prompt_version"],
            model=row["model"], practice=bool(row["practice"]), created_at=row["created_at"],
            updated_at=row["updated_at"], phase=state.phase, elapsed_s=state.elapsed_s, turns=turns,
            score=score["hire_signal"] if score else None,
        )

    def list_sessions(self) -> list[SessionInfo]:
        rows = self._conn.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM turns t WHERE t.session_id = s.id) AS n FROM sessions s"
            " ORDER BY s.created_at DESC, s.rowid DESC"
        ).fetchall()
        return [self._info(r, r["n"]) for r in rows]

    # -- scorecards ---------------------------------------------------------------------------------
    def save_scorecard(self, session_id: str, settings_key: str, hire_signal: str, scorecard_json: str) -> None:
        self._write([(
            "INSERT INTO scorecards (session_id, settings_key, hire_signal, scorecard_json, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET settings_key = excluded.settings_key,"
            " hire_signal = excluded.hire_signal, scorecard_json = excluded.scorecard_json,"
            " created_at = excluded.created_at",
            (session_id, settings_key, hire_signal, scorecard_json, now()),
        )])

    def load_scorecard(self, session_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT scorecard_json FROM scorecards WHERE session_id = ?", (self.resolve(session_id),)
        ).fetchone()
        return row["scorecard_json"] if row else None
