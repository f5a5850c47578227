"""Command line: `interviewer` opens the TUI; subcommands do the rest headless."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Annotated, Any

import typer

from interviewer.config import ConfigError, Settings, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="A terminal mock interviewer for ML system design interviews.",
    pretty_exceptions_enable=False,
)


class CliState:
    overrides: dict[str, Any] = {}


def settings_from_cli() -> Settings:
    return load_settings(**CliState.overrides)


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    provider: Annotated[
        str | None, typer.Option(help="Chat provider: local, openai or openai-compatible.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Chat model name (or GGUF path for local).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint URL.")] = None,
    prompt_version: Annotated[str | None, typer.Option(help="Prompt version folder under prompts/.")] = None,
) -> None:
    """Start the interviewer TUI (the default), or run one of the commands below."""
    chat = {k: v for k, v in {"provider": provider, "model": model, "base_url": base_url}.items() if v}
    CliState.overrides = {}
    if chat:
        CliState.overrides["chat"] = chat
    if prompt_version:
        CliState.overrides["prompt_version"] = prompt_version
    if ctx.invoked_subcommand is None:
        tui()


@app.command()
def tui() -> None:
    """Open the interview app."""
    settings = settings_from_cli()
    from interviewer.tui.app import make_app

    make_app(settings).run()


@app.command()
def doctor(as_json: Annotated[bool, typer.Option("--json", help="Print the checks as JSON.")] = False) -> None:
    """Check the chat model, embeddings, data home and knowledge index; exit 0 only if all pass."""
    from interviewer.doctor import all_passed, run_checks

    settings = settings_from_cli()
    checks = asyncio.run(run_checks(settings))
    ok = all_passed(checks)
    if as_json:
        typer.echo(json.dumps({"ok": ok, "checks": [c.as_dict() for c in checks]}, indent=2))
    else:
        marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
        for c in checks:
            took = f" ({c.seconds:.2f}s)" if c.seconds is not None else ""
            typer.echo(f"{marks[c.status]}  {c.name:<16} {c.detail}{took}")
    raise typer.Exit(0 if ok else 1)


from interviewer.cli_knowledge import register as _register_knowledge  # noqa: E402

from interviewer.cli_evals import register as _register_evals  # noqa: E402

from interviewer.cli_sessions import register as _register_sessions  # noqa: E402

_register_knowledge(app, settings_from_cli)
_register_sessions(app, settings_from_cli)
from interviewer.cli_scoring import register as _register_scoring  # noqa: E402

_register_scoring(app, settings_from_cli)
_register_evals(app, settings_from_cli)


def main() -> None:
    """Console entry point: settings and provider errors print one line, never a traceback."""
    from interviewer.providers.errors import ProviderError

    try:
        app()
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ProviderError as exc:
        typer.echo(f"error: {exc.user_message()}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
