"""A SQLite cache of model replies for evals, keyed by the model, the full rendered messages, the
generation parameters, the schema and the repeat index (so repeats are real repeats). Errors are never
cached. Modes: read (use and fill), write (always call, then store), off.

The repeat index belongs to the caller, not to the shared provider: `for_repeat(n)` gives a view that
asks under index n, so concurrent jobs of different repeats never take each other's index."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from interviewer.providers.base import ChatProvider, Message


class ReplyCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._conn.execute("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, reply TEXT NOT NULL)")
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        with self._lock:
            row = self._conn.execute("SELECT reply FROM replies WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, key: str, reply: Any) -> None:
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO replies VALUES (?, ?)", (key, json.dumps(reply)))
            self._conn.commit()


def cache_key(model: str, messages: list[Message], params: dict, schema: dict | None, repeat: int) -> str:
    raw = json.dumps({"model": model, "messages": [m.as_dict() for m in messages], "params": params,
                      "schema": schema, "repeat": repeat}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()


CacheMode = Literal["read", "write", "off"]


@dataclass
class CacheHits:
    """Replies served from the cache, counted across every view of one provider."""

    count: int = 0


class CachedProvider(ChatProvider):
    """Wraps a provider: replies come from the cache when they are there (mode `read`)."""

    def __init__(self, inner: ChatProvider, cache: ReplyCache, mode: CacheMode = "read", *, repeat: int = 0,
                 hits: CacheHits | None = None) -> None:
        super().__init__(model=inner.model, structured_retries=inner.structured_retries, max_tokens=inner.max_tokens)
        self.inner = inner
        self.kind = inner.kind
        self.cache = cache
        self.mode = mode
        self.repeat = repeat
        self._hits = hits or CacheHits()
        self.usage = inner.usage  # tokens actually spent: replies read from the cache cost none

    @property
    def hits(self) -> int:
        return self._hits.count

    def for_repeat(self, repeat: int) -> CachedProvider:
        """This provider asking under repeat index `repeat`, sharing the cache, usage and hit count."""
        return CachedProvider(self.inner, self.cache, self.mode, repeat=repeat, hits=self._hits)

    def describe(self) -> str:
        return self.inner.describe()

    async def _stream(
        self, messages: list[Message], max_tokens: int, temperature: float | None, stop: tuple[str, ...] = ()
    ) -> AsyncIterator[str]:
        params = {"max_tokens": max_tokens, "temperature": temperature} | ({"stop": list(stop)} if stop else {})
        key = cache_key(self.describe(), messages, params, None, self.repeat)
        if self.mode == "read":
            cached = self.cache.get(key)
            if cached is not None:
                self._hits.count += 1
                for piece in cached:
                    yield piece
                return
        pieces = []
        async for piece in self.inner._stream(messages, max_tokens, temperature, stop):
            pieces.append(piece)
            yield piece
        if self.mode in ("read", "write"):
            self.cache.put(key, pieces)

    async def _structured_reply(self, messages: list[Message], schema: type[BaseModel], max_tokens: int):
        key = cache_key(self.describe(), messages, {"max_tokens": max_tokens}, schema.model_json_schema(), self.repeat)
        if self.mode == "read":
            cached = self.cache.get(key)
            if cached is not None:
                self._hits.count += 1
                return cached
        reply = await self.inner._structured_reply(messages, schema, max_tokens)
        if self.mode in ("read", "write"):
            self.cache.put(key, reply)
        return reply

    async def aclose(self) -> None:
        await self.inner.aclose()

    async def load(self) -> None:
        await self.inner.load()
