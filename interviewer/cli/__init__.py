"""Command line: `interviewer` opens the app; the commands below do the rest without it. One module per
command group; every expected failure leaves through `main` as one line, never a traceback."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from interviewer.cli import doctor, evals, knowledge, scoring, sessions
from interviewer.cli.common import CliState, build_runtime
from interviewer.config import ConfigError
from interviewer.knowledge.index import KnowledgeError
from interviewer.prompts import PromptError
from interviewer.providers import ProviderError
from interviewer.scoring.rubric import RubricError
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
        str | None, typer.Option(help="Chat provider: local, openai or openai-compatible.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Chat model name (or GGUF path for local).")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint URL.")] = None,
    prompt_version: Annotated[str | None, typer.Option(help="Prompt version folder under prompts/.")] = None,
) -> None:
    """Start the interviewer app (the default), or run one of the commands below."""
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

    make_app(build_runtime()).run()


for group in (sessions, knowledge, scoring, evals, doctor):
    group.register(app)


def main() -> None:
    """Console entry point: settings, knowledge, session and provider errors print one line."""
    try:
        app()
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ProviderError as exc:
        typer.echo(f"error: {exc.user_message()}", err=True)
        sys.exit(2)
    except (KnowledgeError, PromptError, RubricError, SessionNotFound) as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
