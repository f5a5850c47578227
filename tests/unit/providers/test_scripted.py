import pytest
from pydantic import BaseModel, field_validator

from interviewer.providers import StructuredOutputError, system, user
from interviewer.providers.scripted import ScriptedProvider, ScriptExhausted


class Verdict(BaseModel):
    label: str
    confidence: float

    @field_validator("confidence")
    @classmethod
    def in_range(cls, value: float) -> float:
        if not 0 <= value <= 1:
            raise ValueError("confidence must be between 0 and 1")
        return value


async def test_stream_yields_tokens_in_order_and_records_messages():
    provider = ScriptedProvider("Tell me about the users.")
    messages = [system("You are an interviewer."), user("Hi")]
    tokens = [t async for t in provider.stream(messages)]
    assert len(tokens) > 1
    assert "".join(tokens) == "Tell me about the users."
    assert provider.calls[0].kind == "stream"
    assert provider.calls[0].messages == messages


async def test_structured_reply_is_parsed_into_the_schema():
    provider = ScriptedProvider({"label": "answer", "confidence": 0.8})
    verdict = await provider.structured([user("classify")], Verdict)
    assert verdict == Verdict(label="answer", confidence=0.8)
    assert provider.calls[0].schema == "Verdict"


async def test_invalid_structured_reply_is_retried_with_the_problem_explained():
    provider = ScriptedProvider('{"label": "answer"', {"label": "answer", "confidence": 7}, Verdict(label="x", confidence=0.5))
    verdict = await provider.structured([user("classify")], Verdict)
    assert verdict.label == "x"
    assert len(provider.calls) == 3
    retry_messages = provider.calls[2].messages
    # the model sees its own bad reply and what was wrong with it
    assert retry_messages[-2].role == "assistant" and '"confidence": 7' in retry_messages[-2].content
    assert "confidence must be between 0 and 1" in retry_messages[-1].content


async def test_structured_reply_gives_up_after_bounded_retries():
    provider = ScriptedProvider("nope", "still nope", "never", "unused", structured_retries=2)
    with pytest.raises(StructuredOutputError) as err:
        await provider.structured([user("classify")], Verdict)
    assert len(provider.calls) == 3
    assert err.value.last_reply == "never"
    assert list(provider.replies) == ["unused"]


async def test_queued_exceptions_are_raised_and_an_empty_queue_is_an_error():
    provider = ScriptedProvider(RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        await provider.complete([user("hi")])
    with pytest.raises(ScriptExhausted):
        await provider.complete([user("hi")])


async def test_default_reply_answers_when_queue_is_empty():
    provider = ScriptedProvider(default_reply="fallback")
    assert await provider.complete([user("hi")]) == "fallback"
