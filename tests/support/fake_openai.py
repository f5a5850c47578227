"""A tiny OpenAI-compatible HTTP server on 127.0.0.1 for provider tests: each route answers as told."""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    """`behaviour` is one of: ok, stream, tool, 401, 404, 429, 500, garbage, context, slow."""

    def __init__(self) -> None:
        self.behaviour = "ok"
        self.content = "Hello from the fake server."
        self.tool_args: dict = {}
        self.report_usage = True
        """False: like llama.cpp's server, no usage in a stream whatever `stream_options` asks."""
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"


def _handler(fake: FakeOpenAI):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, message: str, code: str | None = None) -> None:
            body = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
            self._send(status, json.dumps(body).encode())

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length) or b"{}")
            fake.requests.append(request)
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
            b = fake.behaviour
            if b == "401":
                return self._error(401, "Incorrect API key provided: sk-secret-key-123.", "invalid_api_key")
            if b == "404":
                return self._error(404, "The model `nope` does not exist.", "model_not_found")
            if b == "429":
                return self._error(429, "Rate limit reached.", "rate_limit_exceeded")
            if b == "500":
                return self._error(500, "The server had an error.")
            if b == "context":
                return self._error(
                    400, "This model's maximum context length is 4096 tokens.", "context_length_exceeded"
                )
            if b == "garbage":
                return self._send(200, b"<html>definitely not json", "text/html")
            if b == "slow":
                time.sleep(2.0)
            if request.get("stream"):
                return self._stream(request)
            message: dict = {"role": "assistant", "content": fake.content}
            if b == "tool" or request.get("tools"):
                name = request["tools"][0]["function"]["name"]
                message = {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": name, "arguments": json.dumps(fake.tool_args)},
                        }
                    ],
                }
            body = {
                "id": "cmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": request.get("model", "m"),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
            }
            self._send(200, json.dumps(body).encode())

        def _stream(self, request: dict) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for word in fake.content.split(" "):
                chunk = {
                    "id": "c",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": request.get("model", "m"),
                    "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            if fake.report_usage and (request.get("stream_options") or {}).get("include_usage"):
                # like OpenAI: a last chunk with no choices carries the usage
                words = len(fake.content.split(" "))
                usage = {"prompt_tokens": 7, "completion_tokens": words, "total_tokens": 7 + words}
                chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0,
                         "model": request.get("model", "m"), "choices": [], "usage": usage}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")

    return Handler


@contextmanager
def running_fake_openai():
    fake = FakeOpenAI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.server = server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
