"""A data home per fault test, its index built once so each program starts in a second."""

from pathlib import Path

import pytest

from tests.faults.support import cli


@pytest.fixture
def home(tmp_path) -> Path:
    """A data home with the knowledge index already built, so each program starts in a second."""
    home = tmp_path / "home"
    assert cli(home, "kb", "build").returncode == 0
    return home
