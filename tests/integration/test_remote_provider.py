"""The OpenAI-compatible provider against a real HTTP server on 127.0.0.1 that misbehaves on purpose."""

import socket

import pytest
from pydantic import BaseModel, SecretStr

from interviewer.providers import (
    AuthenticationFailed,
    ContextTooLong,
    EndpointUnreachable,
    ModelNotFound,
    ProviderError,
    ProviderTimeout,
    RateLimited,
    StructuredOutputError,
    user,
)
from interviewer.providers.remote import RemoteProvider
from tests.support.fake_openai import running_fake_openai

SECRET = "sk-secret-key-123"


class Plan(BaseModel):
    move: str
    step: int


def provider_for(base_url: str, **kwargs) -> RemoteProvider:
    options = dict(timeout_s=5.0, max_retries=0)
    options.update(kwargs)
    return RemoteProvider(
        kind="openai-compatible", model="test-model", base_url=base_url, api_key=SecretStr(SECRET), **options
    )


@pytest.fixture
def fake():
    with running_fake_openai() as server:
        yield server


async def test_streams_tokens_and_sends_the_key_as_bearer(fake):
    fake.content = "What is the latency budget?"
    provider = provider_for(fake.base_url)
    tokens = [t async for t in provider.stream([user("hello")])]
    assert len(tokens) > 1
    assert "".join(tokens).strip() == "What is the latency budget?"
    assert fake.requests[0]["stream"] is True
    assert fake.requests[0]["model"] == "test-model"
    assert fake.headers[0]["authorization"] == f"Bearer {SECRET}"


async def test_compatible_servers_get_the_limit_under_both_names(fake):
    """llama.cpp's server ignores `max_completion_tokens` and would generate until its context is full."""
    fake.content = "What is the latency budget?"
    fake.tool_args = {"move": "probe", "step": 3}
    await provider_for(fake.base_url).complete([user("hello")], max_tokens=37)
    await provider_for(fake.base_url).structured([user("plan")], Plan, max_tokens=41)
    assert [(r.get("max_tokens"), r.get("max_completion_tokens")) for r in fake.requests[:2]] == [(37, 37), (41, 41)]


async def test_token_usage_the_server_reports_is_counted(fake):
    fake.content = "What is the latency budget?"
    provider = provider_for(fake.base_url)
    await provider.complete([user("hello")])
    assert fake.requests[0]["stream_options"] == {"include_usage": True}
    assert (provider.usage.requests, provider.usage.prompt_tokens, provider.usage.completion_tokens) == (1, 7, 5)
    fake.tool_args = {"move": "probe", "step": 3}
    await provider.structured([user("plan")], Plan)
    assert (provider.usage.requests, provider.usage.prompt_tokens, provider.usage.completion_tokens) == (2, 12, 10)


async def test_a_server_that_reports_no_usage_gets_an_estimate_that_says_so(fake):
    fake.report_usage = False
    fake.content = "What is the latency budget for the whole request?"
    provider = provider_for(fake.base_url)
    await provider.complete([user("x" * 400)])
    usage = provider.usage
    assert usage.requests == 1 and usage.estimated == 1
    assert usage.prompt_tokens == 100  # 400 characters, about four to a token
    assert 10 <= usage.completion_tokens <= 15


async def test_structured_output_uses_function_calling_for_compatible_servers(fake):
    fake.tool_args = {"move": "probe", "step": 3}
    plan = await provider_for(fake.base_url).structured([user("plan")], Plan)
    assert plan == Plan(move="probe", step=3)
    assert fake.requests[0]["tools"][0]["function"]["name"] == "Plan"


async def test_invalid_structured_output_is_retried_then_raises_typed_error(fake):
    fake.tool_args = {"move": "probe"}  # "step" missing every time
    provider = provider_for(fake.base_url, structured_retries=1)
    with pytest.raises(StructuredOutputError):
        await provider.structured([user("plan")], Plan)
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("behaviour", "error"),
    [
        ("401", AuthenticationFailed),
        ("404", ModelNotFound),
        ("429", RateLimited),
        ("500", ProviderError),
        ("context", ContextTooLong),
        ("garbage", ProviderError),
    ],
)
async def test_http_failures_become_typed_one_line_errors_without_the_key(fake, behaviour, error):
    fake.behaviour = behaviour
    provider = provider_for(fake.base_url)
    with pytest.raises(error) as err:
        await provider.complete([user("hello")])
    message = err.value.user_message()
    assert "\n" not in message
    assert SECRET not in message
    assert "Traceback" not in message
    assert fake.base_url in message or "test-model" in message


async def test_structured_calls_map_errors_too(fake):
    fake.behaviour = "401"
    with pytest.raises(AuthenticationFailed):
        await provider_for(fake.base_url).structured([user("plan")], Plan)


async def test_unreachable_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = provider_for(f"http://127.0.0.1:{port}/v1")
    with pytest.raises(EndpointUnreachable) as err:
        await provider.complete([user("hello")])
    assert f"127.0.0.1:{port}" in err.value.user_message()


async def test_slow_endpoint_times_out(fake):
    fake.behaviour = "slow"
    provider = provider_for(fake.base_url, timeout_s=0.5)
    with pytest.raises(ProviderTimeout):
        await provider.complete([user("hello")])


async def test_rate_limits_are_retried_by_the_client_before_failing(fake):
    fake.behaviour = "429"
    provider = provider_for(fake.base_url, max_retries=2)
    with pytest.raises(RateLimited):
        await provider.complete([user("hello")])
    assert len(fake.requests) == 3
