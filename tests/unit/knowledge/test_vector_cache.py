"""Vectors made once are kept in the data home: a new process scores or resumes without loading the model."""

from interviewer.config import load_settings
from interviewer.knowledge import embedding_cache as cache_module
from interviewer.knowledge.embedding_cache import CachedEmbeddings
from interviewer.providers.embeddings import HashingEmbeddings


def test_a_second_process_reuses_the_vectors_and_never_loads_the_model(tmp_path, monkeypatch):
    settings = load_settings(home=tmp_path, embeddings={"provider": "hashing"})
    loads = []

    def make(config):
        loads.append(config.provider)
        return HashingEmbeddings()

    monkeypatch.setattr(cache_module, "make_embeddings", make)
    first = CachedEmbeddings(settings)
    vectors = first.embed_documents(["a two-tower model", "label delay", "a two-tower model"])
    query = first.embed_query("which features?")
    assert loads == ["hashing"] and vectors[0] == vectors[2]
    again = CachedEmbeddings(settings)  # as a new process would
    assert again.embed_documents(["label delay", "a two-tower model"]) == [vectors[1], vectors[0]]
    assert again.embed_query("which features?") == query
    assert loads == ["hashing"] and not again.loaded
    again.check("doctor asks the model itself")
    assert loads == ["hashing", "hashing"]


def test_an_unwritable_cache_is_only_a_miss(tmp_path, monkeypatch):
    settings = load_settings(home=tmp_path, embeddings={"provider": "hashing"})
    monkeypatch.setattr(cache_module, "make_embeddings", lambda config: HashingEmbeddings())
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "embedding-cache.sqlite3").mkdir()  # a folder where the database should be
    embeddings = CachedEmbeddings(settings)
    assert len(embeddings.embed_documents(["still works"])[0]) == 64
