"""Command line: `interviewer` opens the app; the commands below do the rest without it. One module per
command group; every failure leaves through `main` as one line that names the thing and the fix (exit 1,
or 2 for usage and settings), never a traceback unless `--debug` asks for one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from interviewer.cli import doctor, evals, knowledge, scoring, serve, sessions
from interviewer.cli.common import CliState, build_runtime
from interviewer.config import ConfigError
from interviewer.knowledge.index import KnowledgeError
from interviewer.prompts import PromptError
from interviewer.providers import ProviderError, ProviderUnavailable
from interviewer.scoring.rubric import RubricError
from interviewer.storage.errors import StorageError, describe
from interviewer.storage.store import SessionNotFound

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    help="A terminal mock interviewer for ML system design interviews.",
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    provider: Annotated[
        Literal["local", "openai", "openai-compatible"] | None,
        typer.Option(help="Chat provider: local, openai or openai-compatible."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="Chat model name (or GGUF path for local).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint URL.")] = None,
    prompt_version: Annotated[str | None, typer.Option(help="Prompt version folder under prompts/.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
) -> None:
    """Start the interviewer app (the default), or run one of the commands below."""
    CliState.debug = debug
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
    # deferred: Textual is not needed by any other command, and it costs them start-up time
    from interviewer.tui.app import make_app

    ui = make_app(build_runtime())
    ui.run()
    # a crash inside the app is not a clean exit: Textual has printed what went wrong, and says so here
    raise typer.Exit(ui.return_code or 0)


for group in (sessions, knowledge, scoring, evals, doctor, serve):
    group.register(app)


def explain(exc: BaseException) -> tuple[int, str]:
    """(exit status, one line) for a failure: 2 for settings a user must change, 1 for everything else."""
    if isinstance(exc, ConfigError):
        return 2, str(exc)
    if isinstance(exc, ProviderUnavailable):  # a missing key, model file or base_url: a setting
        return 2, exc.user_message()
    if isinstance(exc, ProviderError):
        return 1, exc.user_message()
    if isinstance(exc, KnowledgeError):
        return 1, f"{str(exc).splitlines()[0].rstrip(':')}; `interviewer kb validate` lists each with its file and line"
    if isinstance(exc, (PromptError, RubricError, SessionNotFound, StorageError)):
        return 1, str(exc)
    if isinstance(exc, OSError):
        return 1, str(describe(exc, Path(exc.filename or "."), "use"))
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return 1, f"unexpected {type(exc).__name__}: {detail} (run again with --debug for the traceback)"


def main() -> None:
    """Console entry point: every failure prints one line (the traceback only with --debug)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if CliState.debug:
            raise
        status, message = explain(exc)
        typer.echo(f"error: {message}", err=True)
        sys.exit(status)
