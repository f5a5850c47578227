"""`interviewer doctor`: one line per thing the app needs, so a user knows what is wrong before starting."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Annotated, Literal

import typer

from interviewer.cli.common import build_runtime
from interviewer.knowledge.status import index_status
from interviewer.providers import ProviderError
from interviewer.providers.embeddings import embedding_error
from interviewer.runtime import Runtime

Status = Literal["ok", "warn", "fail"]


@dataclass
class Check:
    name: str
    status: Status
    detail: str
    seconds: float | None = None


async def check_chat(rt: Runtime) -> Check:
    start = time.perf_counter()
    try:
        provider = rt.provider
        reply = await provider.hello()
    except ProviderError as exc:
        return Check("chat model", "fail", f"{rt.settings.chat.describe()}: {exc.user_message()}",
                     time.perf_counter() - start)
    elapsed = time.perf_counter() - start
    if not reply.strip():
        return Check("chat model", "fail", f"{provider.describe()} answered with nothing", elapsed)
    return Check("chat model", "ok", f"{provider.describe()} answered {' '.join(reply.split())[:60]!r}", elapsed)


def check_embeddings(rt: Runtime) -> Check:
    start = time.perf_counter()
    try:
        vector = rt.index.embeddings.embed_query("two-tower retrieval")
    except Exception as exc:  # a model that will not load or an endpoint that fails: one line, no key
        error = embedding_error(rt.settings.embeddings, exc)
        return Check("embeddings", "fail", error.user_message(), time.perf_counter() - start)
    return Check("embeddings", "ok", f"{rt.index.embedding_name} ({len(vector)} dimensions)",
                 time.perf_counter() - start)


def check_home(rt: Runtime) -> Check:
    try:
        home = rt.settings.ensure_home()
        with tempfile.NamedTemporaryFile(dir=home, prefix=".doctor-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        return Check("data home", "fail", f"{rt.settings.home} is not writable: {exc.strerror or exc}")
    return Check("data home", "ok", f"{home} is writable")


def check_knowledge(rt: Runtime) -> Check:
    status = index_status(rt.index)
    level: Status = "ok" if status.state == "current" else ("warn" if status.usable else "fail")
    return Check("knowledge index", level, status.detail)


async def run_checks(rt: Runtime) -> list[Check]:
    return [await check_chat(rt), check_embeddings(rt), check_home(rt), check_knowledge(rt)]


def doctor(as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False) -> None:
    """Check the chat model, embeddings, data home and knowledge index; exit 0 only if all pass."""
    checks = asyncio.run(run_checks(build_runtime()))
    ok = all(c.status != "fail" for c in checks)
    if as_json:
        typer.echo(json.dumps({"ok": ok, "checks": [asdict(c) for c in checks]}, indent=2))
    else:
        marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
        for c in checks:
            took = f" ({c.seconds:.2f}s)" if c.seconds is not None else ""
            typer.echo(f"{marks[c.status]}  {c.name:<16} {c.detail}{took}")
    raise typer.Exit(0 if ok else 1)


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
