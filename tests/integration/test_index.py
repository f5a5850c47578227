"""The Chroma index: incremental rebuilds by content hash, filtered search, and a real Chroma server."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from interviewer.config import load_settings
from interviewer.knowledge.index import KnowledgeIndex
from tests.support.knowledge_factory import case_text, write_knowledge


@pytest.fixture
def knowledge(tmp_path):
    return write_knowledge(tmp_path / "knowledge")


def fake_index(knowledge: Path) -> KnowledgeIndex:
    return KnowledgeIndex(load_settings(), knowledge, embeddings=DeterministicFakeEmbedding(size=32))


def test_first_build_indexes_every_file_with_metadata(knowledge):
    index = fake_index(knowledge)
    report = index.build()
    assert sorted(report.embedded_files) == ["knowledge/cases/shoe-search.md", "knowledge/cases/song-radio.md", "knowledge/framework.md", "knowledge/tradeoffs.md"]
    assert report.chunks_total == report.chunks_added > 100
    got = index.store.get(ids=["shoe-search#kp.clarify.latency-budget"], include=["metadatas"])
    meta = got["metadatas"][0]
    assert meta["case"] == "shoe-search" and meta["step"] == "clarify" and meta["kind"] == "key_point"
    assert meta["key_point_id"] == "clarify.latency-budget"


def test_noop_rebuild_embeds_nothing_and_loads_no_model(knowledge):
    fake_index(knowledge).build()
    settings = load_settings()
    # a fresh index object with the *configured* (lazy) embeddings: a no-op rebuild must not load them
    index = KnowledgeIndex(settings, knowledge)
    index.embedding_name = fake_index(knowledge).embedding_name
    index.collection_name = fake_index(knowledge).collection_name
    report = index.build()
    assert report.embedded_files == [] and report.chunks_added == 0 and not report.changed
    assert index.embeddings.loaded is False
    assert index.is_current()


def test_changing_one_file_reembeds_only_that_file(knowledge):
    index = fake_index(knowledge)
    first = index.build()
    path = knowledge / "cases" / "song-radio.md"
    path.write_text(case_text("song-radio", "Song Radio", "song radio", extra_fact="Artists upload 5,000 songs a day."))
    assert not index.is_current()
    report = index.build()
    assert report.embedded_files == ["knowledge/cases/song-radio.md"]
    assert report.chunks_total == first.chunks_total + 1
    assert index.store.get(ids=["song-radio#fact.extra"])["ids"] == ["song-radio#fact.extra"]


def test_deleted_files_leave_the_index(knowledge):
    index = fake_index(knowledge)
    index.build()
    (knowledge / "cases" / "song-radio.md").unlink()
    report = index.build()
    assert report.removed_files == ["knowledge/cases/song-radio.md"]
    assert index.store.get(where={"case": "song-radio"})["ids"] == []


def test_filters_restrict_case_step_and_kind(knowledge):
    index = fake_index(knowledge)
    index.build()
    hits = index.search("latency", case="song-radio", step="serving", kind="key_point", k=10)
    assert hits and all(
        h.metadata["case"] == "song-radio" and h.metadata["step"] == "serving" and h.metadata["kind"] == "key_point"
        for h in hits
    )
    tradeoffs = index.search("streaming", step="serving", kind="tradeoff", k=10)
    # the catalogue entry covers features and serving, so a serving filter finds it
    assert "tradeoffs#batch-vs-streaming" in [h.chunk_id for h in tradeoffs]


@pytest.mark.embedded
def test_real_embeddings_find_the_fact_that_answers_a_question(knowledge):
    index = KnowledgeIndex(load_settings(), knowledge)
    index.build()
    hits = index.search("what is the latency requirement?", case="shoe-search", kind="fact", k=3)
    assert hits[0].chunk_id == "shoe-search#fact.latency"
    assert 0 < hits[0].score <= 1


@pytest.mark.embedded
def test_search_command_prints_json(knowledge, monkeypatch):
    import json

    monkeypatch.setenv("INTERVIEWER_INDEX__KNOWLEDGE_DIR", str(knowledge))
    result = subprocess.run(
        [sys.executable, "-m", "interviewer", "kb", "search", "how many requests per second at peak",
         "--case", "song-radio", "--kind", "fact", "--k", "2", "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    assert hits[0]["id"] == "song-radio#fact.traffic"
    assert {h["case"] for h in hits} == {"song-radio"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_index_lives_on_a_real_chroma_server(knowledge, tmp_path):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI ships with chromadb"
    port = _free_port()
    server = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        settings = load_settings(index={"chroma_url": f"http://127.0.0.1:{port}"})
        index = KnowledgeIndex(settings, knowledge, embeddings=DeterministicFakeEmbedding(size=32))
        report = index.build()
        assert report.chunks_total > 100
        hits = index.search("latency budget", case="shoe-search", k=3)
        assert len(hits) == 3 and all(h.metadata["case"] == "shoe-search" for h in hits)
        # nothing was written to the embedded location
        assert not (settings.home / "index").exists()
        # a second client sees the same collection: the index is shared
        again = KnowledgeIndex(settings, knowledge, embeddings=DeterministicFakeEmbedding(size=32))
        assert again.is_current()
    finally:
        server.terminate()
        server.wait(timeout=20)
