"""The real embedded model and local embeddings: proves the llama.cpp build and the shipped weights
work offline on this machine. No network, no download."""

import pytest
from pydantic import BaseModel

from interviewer.config import load_settings
from interviewer.providers import make_provider, system, user
from interviewer.providers.embeddings import make_embeddings

pytestmark = pytest.mark.embedded


class Greeting(BaseModel):
    greeting: str
    language: str


@pytest.fixture(scope="module")
def local_provider():
    from interviewer.providers.local import LocalProvider

    return LocalProvider(n_ctx=1024)


async def test_embedded_model_streams_a_short_chat(local_provider):
    messages = [system("You are a helpful assistant."), user("Say hello in one short sentence.")]
    before = (local_provider.usage.prompt_tokens, local_provider.usage.completion_tokens)
    tokens = [t async for t in local_provider.stream(messages, max_tokens=20, temperature=0)]
    assert len(tokens) >= 2
    assert "".join(tokens).strip()
    # the tokens counted are llama.cpp's own: the chat template adds to the ~15 words of the prompt
    prompt = local_provider.usage.prompt_tokens - before[0]
    assert 15 <= prompt <= 60
    assert local_provider.usage.completion_tokens - before[1] == len(tokens) <= 20


async def test_embedded_model_gives_a_schema_valid_structured_reply(local_provider):
    reply = await local_provider.structured(
        [system("Reply in JSON."), user("Greet me in French. Give the greeting and the language.")],
        Greeting,
        max_tokens=60,
    )
    assert isinstance(reply, Greeting)
    assert reply.greeting.strip()


async def test_default_settings_make_the_embedded_provider():
    provider = make_provider(load_settings())
    assert provider.kind == "local"
    assert provider.model.startswith("SmolLM2")


def test_local_embeddings_load_offline_and_rank_related_text_higher():
    embeddings = make_embeddings(load_settings().embeddings)
    query, related, unrelated = embeddings.embed_documents(
        ["video recommendation ranking model", "recommending videos to users with a ranker", "blurring licence plates"]
    )
    assert len(query) == 384

    def dot(a, b):
        return sum(x * y for x, y in zip(a, b, strict=True))

    assert dot(query, related) > dot(query, unrelated)


def test_onnx_embeddings_equal_the_torch_model_and_load_without_torch(tmp_path):
    """The ONNX export must give sentence-transformers' vectors (the vector cache and the index were built
    with them), in any batch order and length, and a fresh process must embed without importing torch."""
    import subprocess
    import sys

    import numpy as np

    from interviewer.providers import embeddings as embeddings_module
    from interviewer.providers import onnx_embeddings
    from interviewer.providers.embeddings import local_model_path

    texts = ["two tower", "", "Café naïve résumé: “calibrated” CTR", "word " * 400,
             "A ranking model scores a few hundred candidates with cross features, then a re-ranker adds diversity."]
    path = local_model_path()
    onnx = onnx_embeddings.load(path).embed_documents(texts)
    torch_vectors = embeddings_module._torch_embeddings(path).embed_documents(texts)
    assert np.allclose(onnx, torch_vectors, atol=1e-5)
    assert make_embeddings(load_settings().embeddings).embed_query("two tower") == onnx[0]

    probe = ("import sys; from interviewer.providers.embeddings import make_embeddings; "
             "from interviewer.config import load_settings; "
             "v = make_embeddings(load_settings().embeddings).embed_query('x'); "
             "print(len(v), 'torch' in sys.modules, type(make_embeddings(load_settings().embeddings)).__name__)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["384", "False", "OnnxEmbeddings"]
