import pytest


@pytest.fixture
def local_embedder():
    """The embedded default's local embeddings (no network: the model ships in the venv)."""
    from interviewer.config import load_settings
    from interviewer.runtime import build

    return build(load_settings()).embedder
