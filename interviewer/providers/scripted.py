"""A provider whose replies are queued in advance: for tests, demos and evals of code-made decisions.

Tests `enqueue` text, JSON objects, pydantic models or exceptions, then assert on `calls`, the
messages the provider was sent.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from interviewer.providers.base import ChatProvider, Message

Reply = str | dict[str, Any] | BaseModel | BaseException


@dataclass
class ScriptedCall:
    kind: str  # "stream" or "structured"
    messages: list[Message]
    schema: str | None = None


class ScriptExhausted(AssertionError):
    """More model calls were made than replies were queued."""


class ScriptedProvider(ChatProvider):
    kind = "scripted"

    def __init__(
        self,
        *replies: Reply,
        default_reply: str | None = None,
        token_delay_s: float = 0.0,
        structured_retries: int = 2,
    ) -> None:
        """`default_reply` answers when the queue is empty; None makes that an error (usual in tests)."""
        super().__init__(model="scripted", structured_retries=structured_retries)
        self.replies: deque[Reply] = deque(replies)
        self.calls: list[ScriptedCall] = []
        self.default_reply = default_reply
        self.token_delay_s = token_delay_s

    def enqueue(self, *replies: Reply) -> ScriptedProvider:
        self.replies.extend(replies)
        return self

    def _next(self) -> Reply:
        if self.replies:
            return self.replies.popleft()
        if self.default_reply is not None:
            return self.default_reply
        raise ScriptExhausted("the scripted provider has no reply queued for this call")

    async def _stream(
        self, messages: list[Message], max_tokens: int, temperature: float | None, stop: tuple[str, ...] = ()
    ) -> AsyncIterator[str]:
        self.calls.append(ScriptedCall("stream", list(messages)))
        reply = self._next()
        if isinstance(reply, BaseException):
            raise reply
        text = reply.model_dump_json() if isinstance(reply, BaseModel) else reply
        if not isinstance(text, str):
            text = json.dumps(text)
        for marker in stop:  # like a model server: the reply ends where a stop string begins
            text = text.split(marker, 1)[0]
        tokens = re.findall(r"\S+\s*|\s+", text)
        self.usage.add(sum(len(m.content.split()) for m in messages), len(tokens))  # words stand in for tokens
        for token in tokens:
            if self.token_delay_s:
                await asyncio.sleep(self.token_delay_s)
            yield token

    async def _structured_reply(
        self, messages: list[Message], schema: type[BaseModel], max_tokens: int
    ) -> str | dict[str, Any]:
        self.calls.append(ScriptedCall("structured", list(messages), schema.__name__))
        reply = self._next()
        if isinstance(reply, BaseException):
            raise reply
        if isinstance(reply, BaseModel):
            return reply.model_dump(mode="json")
        return reply
