"""What every command shares: the settings the root options chose, one way to fail, one progress printer,
and the runtime built from those settings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar, NoReturn

import typer

from interviewer import runtime
from interviewer.config import Settings, load_settings

Progress = Callable[[int, int, str], None]


class CliState:
    """The root options (`--provider`, `--model`, ...), as settings overrides for every command."""

    overrides: ClassVar[dict[str, Any]] = {}
    debug: ClassVar[bool] = False


def settings() -> Settings:
    return load_settings(**CliState.overrides)


def build_runtime(config: Settings | None = None) -> runtime.Runtime:
    return runtime.build(config or settings())


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr, then exit: 1 for a failure, 2 for a usage or settings error."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def progress_printer(label: str = "knowledge index") -> Progress:
    """Progress of a long step (building the index) on stderr, so stdout stays clean for --json."""

    def show(done: int, total: int, message: str) -> None:
        typer.echo(f"  {label}: [{done:>4}/{total}] {message}", err=True)

    return show


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
