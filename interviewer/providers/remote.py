"""OpenAI and OpenAI-compatible servers (Ollama, vLLM, LM Studio, llama.cpp's server) via LangChain.

Transport retries (connection drops, 429, 5xx) are the OpenAI client's own (`max_retries`); every
failure that is left becomes one typed, one-line ProviderError that never contains the API key.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any, Literal

import httpx
import openai
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, SecretStr

from interviewer.providers.base import ChatProvider, Message
from interviewer.providers.errors import (
    AuthenticationFailed,
    ContextTooLong,
    EndpointUnreachable,
    ModelNotFound,
    ProviderError,
    ProviderTimeout,
    RateLimited,
)

OPENAI_ENDPOINT = "https://api.openai.com/v1"

StructuredMethod = Literal["json_schema", "function_calling", "json_mode"]


class RemoteProvider(ChatProvider):
    def __init__(
        self,
        *,
        kind: str,
        model: str,
        base_url: str | None,
        api_key: SecretStr | None,
        timeout_s: float = 60.0,
        max_retries: int = 2,
        temperature: float = 0.2,
        seed: int | None = 7,
        max_tokens: int = 400,
        structured_retries: int = 2,
        structured_method: StructuredMethod | None = None,
    ) -> None:
        super().__init__(model=model, structured_retries=structured_retries, max_tokens=max_tokens)
        self.kind = kind
        self.base_url = base_url
        self.endpoint = base_url or OPENAI_ENDPOINT
        self._api_key = api_key
        self.structured_method: StructuredMethod = structured_method or (
            "json_schema" if kind == "openai" else "function_calling"
        )
        from langchain_openai import ChatOpenAI  # deferred: a second of imports that only remote models need

        self._chat = ChatOpenAI(
            model=model,
            base_url=base_url,
            # compatible servers often need no key, but the client insists on one
            api_key=api_key or SecretStr("not-needed"),
            timeout=timeout_s,
            max_retries=max_retries,
            temperature=temperature,
            seed=seed,
            stream_usage=True,  # the server's token counts arrive with the last chunk
        )

    def describe(self) -> str:
        where = f" at {self.base_url}" if self.base_url else ""
        return f"{self.kind}:{self.model}{where}"

    def _limit(self, max_tokens: int) -> dict[str, Any]:
        """LangChain sends the limit as `max_completion_tokens`, which llama.cpp's server ignores: it then
        generates until its context is full (a minute of a busy server after the client has stopped
        reading). Compatible servers also get the older `max_tokens`; OpenAI itself refuses both at once."""
        return {"extra_body": {"max_tokens": max_tokens}} if self.kind == "openai-compatible" else {}

    async def _stream(
        self, messages: list[Message], max_tokens: int, temperature: float | None, stop: tuple[str, ...] = ()
    ) -> AsyncIterator[str]:
        kwargs: dict[str, Any] = {"max_tokens": max_tokens, **self._limit(max_tokens)}
        if stop:
            kwargs["stop"] = list(stop)
        if temperature is not None:
            kwargs["temperature"] = temperature
        try:
            reported, received = [0, 0], 0
            try:
                async for chunk in self._chat.astream(_to_langchain(messages), **kwargs):
                    usage: dict[str, Any] = dict(chunk.usage_metadata or {})
                    reported[0] += usage.get("input_tokens", 0)
                    reported[1] += usage.get("output_tokens", 0)
                    if isinstance(chunk.content, str):
                        received += len(chunk.content)
                        yield chunk.content
            finally:
                self.usage.add_reported_or_estimated((reported[0], reported[1]), _chars(messages), received)
        except Exception as exc:
            raise self.map_error(exc) from None

    async def _structured_reply(
        self, messages: list[Message], schema: type[BaseModel], max_tokens: int
    ) -> str | dict[str, Any]:
        json_schema = schema.model_json_schema()
        # a copy of the model with the limit set: `bind(...)` before `with_structured_output` drops the kwargs
        limited = self._chat.model_copy(update={"temperature": 0, "max_tokens": max_tokens, **self._limit(max_tokens)})
        runnable = limited.with_structured_output(
            json_schema, method=self.structured_method, include_raw=True
        )
        if self.structured_method == "json_mode":
            messages = [*messages, Message("system", "Reply with JSON matching: " + json.dumps(json_schema))]
        try:
            result = await runnable.ainvoke(_to_langchain(messages))
        except Exception as exc:
            raise self.map_error(exc) from None
        usage = getattr(result.get("raw"), "usage_metadata", None) or {}
        raw_text = str(getattr(result.get("raw"), "content", "") or "")
        self.usage.add_reported_or_estimated((usage.get("input_tokens", 0), usage.get("output_tokens", 0)),
                                             _chars(messages), len(raw_text))
        parsed = result.get("parsed")
        if parsed is not None:
            return parsed
        raw = result.get("raw")
        text = getattr(raw, "content", "") or ""
        return text if isinstance(text, str) else str(text)

    def map_error(self, exc: BaseException) -> ProviderError:
        return map_openai_error(exc, endpoint=self.endpoint, model=self.model, secret=self._api_key)


def _to_langchain(messages: list[Message]) -> list[Any]:
    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


def map_openai_error(
    exc: BaseException, *, endpoint: str, model: str, secret: SecretStr | None = None
) -> ProviderError:
    """Turn an exception from the OpenAI client (or anything under it) into a typed one-line error."""
    if isinstance(exc, ProviderError):
        return exc
    status = getattr(exc, "status_code", None)
    detail = _short(getattr(exc, "message", "") or str(exc), secret)
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return ProviderTimeout(f"{endpoint} did not answer in time.")
    if isinstance(exc, openai.APIConnectionError | httpx.ConnectError | httpx.NetworkError):
        return EndpointUnreachable(f"Cannot reach {endpoint}.")
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return AuthenticationFailed(f"{endpoint} rejected the API key (HTTP {status}).")
    if isinstance(exc, openai.NotFoundError):
        return ModelNotFound(f"{endpoint} does not know the model '{model}' (HTTP 404).")
    if isinstance(exc, openai.RateLimitError):
        return RateLimited(f"{endpoint} is rate limiting requests (HTTP 429).")
    if isinstance(exc, openai.BadRequestError):
        lowered = detail.lower()
        if "context" in lowered and ("length" in lowered or "window" in lowered or "too long" in lowered):
            return ContextTooLong(f"The prompt is too long for '{model}' ({detail}).")
        return ProviderError(f"{endpoint} refused the request (HTTP 400): {detail}")
    if isinstance(exc, openai.APIStatusError):
        return ProviderError(f"{endpoint} failed (HTTP {status}): {detail}")
    if isinstance(exc, openai.APIResponseValidationError | ValueError | TypeError | AttributeError | KeyError):
        return ProviderError(f"{endpoint} sent a reply that is not a valid chat completion.")
    return ProviderError(f"{endpoint} failed: {type(exc).__name__}: {detail}")


def _short(text: str, secret: SecretStr | None) -> str:
    text = " ".join(str(text).split())
    if secret is not None and secret.get_secret_value():
        text = text.replace(secret.get_secret_value(), "***")
    return text[:200]


def _chars(messages: list[Message]) -> int:
    return sum(len(m.content) for m in messages)
