"""The embedding model as the index and the matcher use it: loaded on first use, and every vector it makes
kept in the data home, so a new process scores or resumes a session without loading the model."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import numpy as np

from interviewer import paths
from interviewer.config import Settings
from interviewer.providers.embeddings import TextEmbeddings, embeddings_name, make_embeddings


class CachedEmbeddings:
    """Loads the embedding model on first use, so a no-op rebuild costs no model load; and remembers every
    vector it made in the data home (`index/embedding-cache.sqlite3`, by model and text), so scoring a
    session or resuming one in a new process reuses the vectors the interview made instead of loading the
    model (0.3 s on onnxruntime, 5-8 s on the torch fallback)."""

    def __init__(self, settings: Settings, real: TextEmbeddings | None = None) -> None:
        self._settings = settings
        self._real = real
        self.loaded = real is not None
        self._cache = VectorCache(paths.index_dir(settings.home) / "embedding-cache.sqlite3",
                                   embeddings_name(settings.embeddings)) if real is None else None

    def _get(self) -> TextEmbeddings:
        if self._real is None:
            self._real = make_embeddings(self._settings.embeddings)
        self.loaded = True
        return self._real

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self._cache is None:
            return self._get().embed_documents(texts)
        found = self._cache.get("d", texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        if missing:
            # stored as float32: a fresh vector is rounded the same way, so a cached and a fresh run agree
            made = [_f32(v) for v in self._get().embed_documents(missing)]
            found.update(zip(missing, made, strict=True))
            self._cache.put("d", dict(zip(missing, made, strict=True)))
        return [found[t] for t in texts]

    def check(self, text: str) -> list[float]:
        """Embed with the model itself, never from the cache: `doctor` is asking whether the model works."""
        return self._get().embed_query(text)

    @property
    def runtime(self) -> str:
        """What runs the model (doctor says it: the torch fallback, HuggingFaceEmbeddings, loads slowly)."""
        return str(getattr(self._get(), "runtime", type(self._get()).__name__))

    def embed_query(self, text: str) -> list[float]:
        if self._cache is None:
            return self._get().embed_query(text)
        found = self._cache.get("q", [text])
        if text not in found:
            found[text] = _f32(self._get().embed_query(text))
            self._cache.put("q", {text: found[text]})
        return found[text]

    @property
    def semantic(self) -> bool:
        """Whether similar texts get similar vectors (the test provider's hashes do not); known without
        loading the model."""
        if self._real is not None:
            return bool(getattr(self._real, "semantic", True))
        return self._settings.embeddings.provider != "hashing"


def _f32(vector: list[float]) -> list[float]:
    return list(np.asarray(vector, dtype=np.float32).astype(float).tolist())


class VectorCache:
    """Vectors by (model, kind, text hash) in SQLite. A cache: any failure to read or write it is a miss,
    never an error (a read-only data home still embeds)."""

    def __init__(self, path: Path, model: str) -> None:
        self.path = path
        self.model = model
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        db.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, kind TEXT, key TEXT, vector BLOB, "
                   "PRIMARY KEY (model, kind, key))")
        return db

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, kind: str, texts: list[str]) -> dict[str, list[float]]:
        keys = {self._key(t): t for t in texts}
        out: dict[str, list[float]] = {}
        try:
            with self._lock, closing(self._connect()) as db:
                for start in range(0, len(keys), 500):
                    chunk = list(keys)[start:start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, blob in db.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND kind = ? "
                                                f"AND key IN ({marks})", [self.model, kind, *chunk]):
                        out[keys[key]] = np.frombuffer(blob, dtype=np.float32).astype(float).tolist()
        except (sqlite3.Error, OSError):
            return {}
        return out

    def put(self, kind: str, vectors: dict[str, list[float]]) -> None:
        rows = [(self.model, kind, self._key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in vectors.items()]
        try:
            with self._lock, closing(self._connect()) as db, db:
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except (sqlite3.Error, OSError):
            pass
