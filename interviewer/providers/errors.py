"""Typed provider failures. Each carries a one-line message fit to show a user: no traceback, no key."""

from __future__ import annotations


class ProviderError(Exception):
    """Base class: the chat or embedding model could not do what was asked."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def user_message(self) -> str:
        text = str(self)
        return f"{text} {self.hint}".strip()


class EndpointUnreachable(ProviderError):
    hint = "Is the server running, and is base_url right?"


class AuthenticationFailed(ProviderError):
    hint = "Check the API key (INTERVIEWER_CHAT__API_KEY or OPENAI_API_KEY)."


class ModelNotFound(ProviderError):
    hint = "Check the model name (INTERVIEWER_CHAT__MODEL)."


class RateLimited(ProviderError):
    hint = "Wait a moment and try again, or lower the request rate."


class ContextTooLong(ProviderError):
    hint = "The conversation no longer fits the model's context window."


class ProviderTimeout(ProviderError):
    hint = "The model did not answer in time; raise INTERVIEWER_CHAT__TIMEOUT_S or try again."


class ProviderUnavailable(ProviderError):
    """The provider cannot start: a missing package, model file or setting."""


class StructuredOutputError(ProviderError):
    """The model's structured reply did not validate after the allowed retries."""

    hint = "The model's reply was not valid; the caller falls back to a default."

    def __init__(self, message: str, *, last_reply: str = "", hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.last_reply = last_reply
