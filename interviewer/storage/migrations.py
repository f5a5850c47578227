"""Named, ordered schema migrations. The database's `user_version` is the number applied so far; new
migrations are only ever appended."""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[str, str]] = [
    (
        "sessions and turns",
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            case_slug TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'active',
            prompt_version TEXT NOT NULL,
            model TEXT NOT NULL,
            practice INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            state_json TEXT NOT NULL
        );
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL,
            phase TEXT NOT NULL,
            kind TEXT NOT NULL,
            move TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            elapsed_s REAL NOT NULL,
            created_at TEXT NOT NULL,
            meta_json TEXT NOT NULL DEFAULT '{}',
            UNIQUE (session_id, seq)
        );
        CREATE INDEX turns_by_session ON turns(session_id, seq);
        """,
    ),
    (
        "candidate notes and drafts",
        """
        ALTER TABLE sessions ADD COLUMN notes TEXT NOT NULL DEFAULT '';
        ALTER TABLE sessions ADD COLUMN draft TEXT NOT NULL DEFAULT '';
        """,
    ),
    (
        "scorecards",
        """
        CREATE TABLE scorecards (
            session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            settings_key TEXT NOT NULL,
            hire_signal TEXT NOT NULL,
            scorecard_json TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        "partial scorecards",
        """
        ALTER TABLE scorecards ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
        """,
    ),
]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database has not seen; returns the resulting version."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, (_name, sql) in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        current = number
    return current
