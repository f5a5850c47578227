"""A full disk where a test may not mount one: with INTERVIEWER_TEST_DISK_FULL naming a file, every SQLite
write fails as SQLite fails on a full disk while that file exists (the storage boundary sees the same
error). Loaded by Python at start-up from PYTHONPATH; it does nothing without the variable."""

import os
import sqlite3

FLAG = os.environ.get("INTERVIEWER_TEST_DISK_FULL")

if FLAG:

    class _FullDisk(sqlite3.Connection):
        def execute(self, sql, *args, **kwargs):  # type: ignore[no-untyped-def]
            writes = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE", "REPLACE")
            if os.path.exists(FLAG) and sql.lstrip().upper().startswith(writes):
                raise sqlite3.OperationalError("database or disk is full")
            return super().execute(sql, *args, **kwargs)

    _connect = sqlite3.connect

    def _connect_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("factory", _FullDisk)
        return _connect(*args, **kwargs)

    sqlite3.connect = _connect_full
