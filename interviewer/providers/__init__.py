"""Chat providers behind one interface, and the registry that makes the one the settings ask for. Heavy
libraries (llama.cpp, LangChain's OpenAI client) load only when a provider of that kind is made."""

from __future__ import annotations

from pathlib import Path

from interviewer.config import Settings
from interviewer.providers.base import ChatProvider, Message, system, user
from interviewer.providers.errors import (
    AuthenticationFailed,
    ContextTooLong,
    EndpointUnreachable,
    ModelNotFound,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
    StructuredOutputError,
)
from interviewer.providers.local import LocalProvider
from interviewer.providers.scripted import ScriptedProvider

__all__ = [
    "AuthenticationFailed",
    "ChatProvider",
    "ContextTooLong",
    "EndpointUnreachable",
    "Message",
    "ModelNotFound",
    "ProviderError",
    "ProviderTimeout",
    "ProviderUnavailable",
    "RateLimited",
    "StructuredOutputError",
    "make_provider",
    "system",
    "user",
]


def make_provider(settings: Settings) -> ChatProvider:
    """The chat provider the settings ask for."""
    chat = settings.chat
    if chat.provider == "local":
        return LocalProvider(
            Path(chat.model).expanduser() if chat.model else None,
            n_ctx=settings.local.n_ctx,
            n_threads=settings.local.n_threads,
            n_batch=settings.local.n_batch,
            seed=chat.seed,
            temperature=chat.temperature,
            max_tokens=chat.max_tokens,
            structured_retries=chat.structured_retries,
        )
    if chat.provider == "scripted":
        return ScriptedProvider(default_reply="(scripted reply)", token_delay_s=chat.scripted_token_delay_s)
    if chat.provider == "openai-compatible" and not chat.base_url:
        raise ProviderUnavailable(
            "The openai-compatible provider needs a base_url.",
            hint="Set INTERVIEWER_CHAT__BASE_URL, e.g. http://127.0.0.1:11434/v1 for Ollama.",
        )
    key = chat.resolved_api_key()
    if chat.provider == "openai" and key is None:
        raise ProviderUnavailable(
            "The openai provider needs an API key.", hint="Set OPENAI_API_KEY or INTERVIEWER_CHAT__API_KEY."
        )
    # deferred: the OpenAI client and LangChain take half a second to import, which the app's cold start
    # and the embedded default never need
    from interviewer.providers.remote import RemoteProvider

    return RemoteProvider(
        kind=chat.provider,
        model=chat.resolved_model(),
        base_url=chat.base_url,
        api_key=key,
        timeout_s=chat.timeout_s,
        max_retries=chat.max_retries,
        temperature=chat.temperature,
        seed=chat.seed,
        max_tokens=chat.max_tokens,
        structured_retries=chat.structured_retries,
        structured_method=chat.structured_method,
    )
