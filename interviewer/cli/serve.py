"""`interviewer serve`: the same app in a browser tab, through textual-serve (one app process per browser
session, the same data home and settings). Loopback by default; anywhere else it says who can use it, and
a token keeps strangers out."""

from __future__ import annotations

import hmac
import ipaddress
import shlex
import sys
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import typer

from interviewer.cli.common import CliState, fail, settings

TOKEN_COOKIE = "interviewer_token"


def register(app: typer.Typer) -> None:
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        help="Shared secret the URL must carry (?token=...); or INTERVIEWER_SERVE__TOKEN.")] = None,
) -> None:
    """Serve the app in the browser: each tab gets its own app process."""
    configured = settings()  # a settings problem is reported here, once, not in every browser tab
    if token is None and configured.serve.token is not None:
        token = configured.serve.token.get_secret_value()
    if not _loopback(host):
        typer.echo(f"warning: serving on {host}: anyone who can reach port {port} can use the app and read its "
                   f"sessions{'' if token else '; set --token to require a shared secret'}", err=True)
    try:
        from textual_serve.server import Server
    except ImportError:  # pragma: no cover - a dependency of the package
        fail("textual-serve is not installed: pip install textual-serve")
    server = _server_class(Server)(app_command(), host=host, port=port, title="interviewer",
                                   public_url=f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}")
    server.token = token or ""
    url = f"{server.public_url}/" + (f"?token={token}" if token else "")
    typer.echo(f"Open {url} in a browser (Ctrl+C stops the server).", err=True)
    server.serve()


def app_command() -> str:
    """The command each browser session runs: this Python, this package, the options given to `serve`."""
    args = [sys.executable, "-m", "interviewer"]
    chat = CliState.overrides.get("chat", {})
    for option, key in (("--provider", "provider"), ("--model", "model"), ("--base-url", "base_url")):
        if chat.get(key):
            args += [option, str(chat[key])]
    if CliState.overrides.get("prompt_version"):
        args += ["--prompt-version", str(CliState.overrides["prompt_version"])]
    return " ".join(shlex.quote(a) for a in args)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _server_class(base: type) -> type:
    """textual-serve's server with a token check in front of the page, the websocket and downloads: the
    token arrives in the URL once and is kept in a cookie for the websocket the page opens."""
    from aiohttp import web

    class TokenServer(base):
        token = ""

        async def _make_app(self) -> web.Application:
            application: web.Application = await super()._make_app()

            @web.middleware
            async def check_token(request: web.Request,
                                  handler: Callable[[web.Request], Awaitable[Any]]) -> Any:
                if not self.token or request.path.startswith("/static/"):  # the page's scripts and fonts
                    return await handler(request)
                offered = request.query.get("token") or request.cookies.get(TOKEN_COOKIE, "")
                if not hmac.compare_digest(offered.encode(), self.token.encode()):
                    raise web.HTTPForbidden(text="This interviewer needs its token: open the URL with ?token=...")
                response = await handler(request)
                if request.path == "/" and isinstance(response, web.StreamResponse) and not response.prepared:
                    response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="Strict")
                return response

            application.middlewares.append(check_token)
            return application

    return TokenServer

