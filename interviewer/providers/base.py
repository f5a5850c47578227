"""The one interface every part of interviewer uses to talk to a chat model.

Callers see `stream`, `complete` and `structured`; they never learn whether llama.cpp, OpenAI, an
OpenAI-compatible server or a test script is behind it.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from interviewer.providers.errors import StructuredOutputError

Role = Literal["system", "user", "assistant"]
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Message:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


def system(text: str) -> Message:
    return Message("system", text)


def user(text: str) -> Message:
    return Message("user", text)


@dataclass
class Usage:
    """Tokens a provider spent, counted by the provider itself (llama.cpp's context, or the usage an
    OpenAI-compatible server reports); evals turn these into tokens per item and cost."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: int = 0
    """Requests whose counts are estimates: the server reported none (llama.cpp's server ignores
    `stream_options` when streaming), so about four characters were counted as a token."""

    def add(self, prompt_tokens: int, completion_tokens: int) -> None:
        self.requests += 1
        self.prompt_tokens += max(0, int(prompt_tokens))
        self.completion_tokens += max(0, int(completion_tokens))

    def add_reported_or_estimated(self, reported: tuple[int, int], prompt_chars: int, completion_chars: int) -> None:
        """The server's counts when it sent any, else an estimate from the characters sent and received."""
        if reported[0] or reported[1]:
            self.add(*reported)
            return
        self.add(round(prompt_chars / CHARS_PER_TOKEN), round(completion_chars / CHARS_PER_TOKEN))
        self.estimated += 1


CHARS_PER_TOKEN = 4.0
"""English text with BPE tokenizers: the usual rule of thumb when no count is reported."""


class _InvalidReply(Exception):
    def __init__(self, reply: str, problem: str) -> None:
        super().__init__(problem)
        self.reply = reply
        self.problem = problem


def describe_validation_error(exc: ValidationError | ValueError) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}" for err in exc.errors()[:5]
        )
    return str(exc)


class ChatProvider(ABC):
    """A chat model. Subclasses implement `_stream` and `_structured_reply`."""

    #: short provider id, e.g. "local", "openai", "scripted"
    kind: str = "abstract"

    def __init__(self, *, model: str, structured_retries: int = 2, max_tokens: int = 400) -> None:
        self.model = model
        self.structured_retries = structured_retries
        self.max_tokens = max_tokens
        self.usage = Usage()

    def describe(self) -> str:
        return f"{self.kind}:{self.model}"

    async def stream(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, temperature: float | None = None,
        stop: tuple[str, ...] = (),
    ) -> AsyncIterator[str]:
        """Yield the reply token by token (or chunk by chunk). Generation ends at any `stop` string, which
        is not yielded (the model server stops, so no time is spent on what would be thrown away)."""
        async for piece in self._stream(list(messages), max_tokens or self.max_tokens, temperature, stop):
            if piece:
                yield piece

    async def complete(
        self, messages: Sequence[Message], *, max_tokens: int | None = None, temperature: float | None = None
    ) -> str:
        """The whole reply as one string."""
        parts = [p async for p in self.stream(messages, max_tokens=max_tokens, temperature=temperature)]
        return "".join(parts)

    async def hello(self) -> str:
        """A one-sentence reply to a greeting: proves the model loads and answers (doctor, the home screen)."""
        return await self.complete(
            [system("You are a helpful assistant. Answer in one short sentence."), user("Say hello.")],
            max_tokens=24, temperature=0,
        )

    async def structured(
        self, messages: Sequence[Message], schema: type[T], *, max_tokens: int | None = None
    ) -> T:
        """A reply parsed into `schema`. An invalid reply is retried (the model is told what was wrong)
        up to `structured_retries` more times; then StructuredOutputError is raised."""
        conversation = list(messages)
        attempts = AsyncRetrying(
            stop=stop_after_attempt(1 + max(0, self.structured_retries)),
            retry=retry_if_exception_type(_InvalidReply),
            reraise=True,
        )
        try:
            async for attempt in attempts:
                with attempt:
                    reply = await self._structured_reply(conversation, schema, max_tokens or self.max_tokens)
                    try:
                        if isinstance(reply, str):
                            return schema.model_validate_json(reply)
                        return schema.model_validate(reply)
                    except (ValidationError, ValueError) as exc:
                        text = reply if isinstance(reply, str) else json.dumps(reply)
                        problem = describe_validation_error(exc)
                        conversation = [
                            *messages,
                            Message("assistant", text),
                            Message(
                                "user",
                                f"That reply was not valid ({problem}). Reply again with only a JSON "
                                f"object that matches the schema.",
                            ),
                        ]
                        raise _InvalidReply(text, problem) from exc
        except _InvalidReply as exc:
            raise StructuredOutputError(
                f"{self.describe()} gave no valid {schema.__name__} after "
                f"{1 + self.structured_retries} attempts: {exc.problem}",
                last_reply=exc.reply,
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    @abstractmethod
    def _stream(
        self, messages: list[Message], max_tokens: int, temperature: float | None, stop: tuple[str, ...] = ()
    ) -> AsyncIterator[str]: ...

    @abstractmethod
    async def _structured_reply(
        self, messages: list[Message], schema: type[BaseModel], max_tokens: int
    ) -> str | dict[str, Any]:
        """The raw reply (JSON text or an already-decoded object) to validate against `schema`."""

    async def load(self) -> None:  # noqa: B027 - optional hook: most providers have nothing to load
        """Get ready now rather than on the first call (the embedded model reads its weights); remote
        models have nothing to load."""

    async def aclose(self) -> None:  # noqa: B027 - optional hook: most providers hold nothing to release
        """Release resources (model memory, HTTP connections)."""
