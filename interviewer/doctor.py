"""`interviewer doctor`: one line per thing the app needs, so a user knows what is wrong before starting."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Literal

from interviewer.config import Settings
from interviewer.providers import ChatProvider, ProviderError, make_provider, system, user

Status = Literal["ok", "warn", "fail"]


@dataclass
class Check:
    name: str
    status: Status
    detail: str
    seconds: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


async def check_chat(settings: Settings, provider: ChatProvider | None = None) -> Check:
    start = time.perf_counter()
    try:
        provider = provider or make_provider(settings)
        reply = await provider.complete(
            [system("You are a helpful assistant. Answer in one short sentence."), user("Say hello.")],
            max_tokens=24,
            temperature=0,
        )
    except ProviderError as exc:
        return Check("chat model", "fail", f"{settings.chat.describe()}: {exc.user_message()}", time.perf_counter() - start)
    elapsed = time.perf_counter() - start
    if not reply.strip():
        return Check("chat model", "fail", f"{provider.describe()} answered with nothing", elapsed)
    first_line = " ".join(reply.split())[:60]
    return Check("chat model", "ok", f"{provider.describe()} answered {first_line!r}", elapsed)


def check_embeddings(settings: Settings) -> Check:
    from interviewer.embeddings import embedding_error, embeddings_name, make_embeddings

    start = time.perf_counter()
    try:
        vector = make_embeddings(settings.embeddings).embed_query("two-tower retrieval")
    except Exception as exc:  # a model that will not load or an endpoint that fails: one line, no key
        error = embedding_error(settings.embeddings, exc)
        return Check("embeddings", "fail", error.user_message(), time.perf_counter() - start)
    return Check(
        "embeddings", "ok", f"{embeddings_name(settings.embeddings)} ({len(vector)} dimensions)", time.perf_counter() - start
    )


def check_home(settings: Settings) -> Check:
    try:
        home = settings.ensure_home()
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return Check("data home", "fail", f"{settings.home} is not writable: {exc.strerror or exc}")
    return Check("data home", "ok", f"{home} is writable")


def check_knowledge(settings: Settings) -> Check:
    from interviewer.knowledge.status import index_status

    return index_status(settings)


async def run_checks(settings: Settings, provider: ChatProvider | None = None) -> list[Check]:
    return [
        await check_chat(settings, provider),
        check_embeddings(settings),
        check_home(settings),
        check_knowledge(settings),
    ]


def all_passed(checks: list[Check]) -> bool:
    return all(c.status != "fail" for c in checks)
