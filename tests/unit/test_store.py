import sqlite3

from interviewer.domain.session import SessionState, Turn
from interviewer.storage.migrations import MIGRATIONS, migrate
from interviewer.storage.store import SessionNotFound, SessionStore


def test_migrations_apply_in_order_once(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    assert migrate(conn) == len(MIGRATIONS)
    assert migrate(conn) == len(MIGRATIONS)  # idempotent
    columns = {r[1] for r in conn.execute("PRAGMA table_info(sessions)")}
    assert {"notes", "draft", "state_json"} <= columns


def test_an_old_database_is_upgraded_without_losing_sessions(tmp_path):
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    _, first_sql = MIGRATIONS[0]
    conn.executescript(first_sql + "\nPRAGMA user_version = 1;")
    conn.execute(
        "INSERT INTO sessions (id, case_slug, prompt_version, model, created_at, updated_at, state_json)"
        " VALUES ('old1', 'visual-search', 'v1', 'm', 't', 't', ?)", (SessionState().model_dump_json(),)
    )
    conn.commit()
    conn.close()
    store = SessionStore(path)
    stored = store.load("old1")
    assert stored.info.case == "visual-search" and stored.notes == "" and stored.draft == ""


def test_turns_state_drafts_and_notes_round_trip(tmp_path):
    store = SessionStore(tmp_path / "db.sqlite3")
    state = SessionState()
    sid = store.create_session("visual-search", prompt_version="v1", model="m", practice=True, state=state)
    store.save_draft(sid, "half a thought")
    state.phase = "clarify"
    store.append_turn(sid, Turn(seq=1, role="interviewer", phase="intro", text="Hello"), state)
    assert store.load(sid).draft == "half a thought"  # an interviewer turn keeps the draft
    store.append_turn(sid, Turn(seq=2, role="candidate", phase="clarify", text="How many images?", kind="clarifying_question"), state)
    store.save_notes(sid, "[client] -> [ANN index]")
    loaded = store.load(sid)
    assert [t.text for t in loaded.turns] == ["Hello", "How many images?"]
    assert loaded.state.phase == "clarify" and loaded.info.practice
    assert loaded.draft == "" and loaded.notes == "[client] -> [ANN index]"
    assert [s.id for s in store.list_sessions()] == [sid]


def test_ids_resolve_by_unique_prefix(tmp_path):
    store = SessionStore(tmp_path / "db.sqlite3")
    sid = store.create_session("x", prompt_version="v1", model="m", practice=False, state=SessionState())
    assert store.resolve(sid[:4]) == sid
    try:
        store.resolve("zzzz")
    except SessionNotFound as exc:
        assert "no session 'zzzz'" in str(exc)
    else:
        raise AssertionError("expected SessionNotFound")
