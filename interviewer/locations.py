"""Where interviewer keeps its files. The one module that knows paths.

`INTERVIEWER_HOME` moves everything (database, index, reports, eval runs, and the config file) into
one folder; tests point it at a temporary directory so they never touch a user's data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interviewer"


def data_home() -> Path:
    """The folder holding the SQLite database, the Chroma index, reports and eval runs."""
    override = os.environ.get("INTERVIEWER_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME))


def config_file() -> Path:
    """The TOML config file: `INTERVIEWER_CONFIG`, else inside `INTERVIEWER_HOME`, else the user config dir."""
    explicit = os.environ.get("INTERVIEWER_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("INTERVIEWER_HOME"):
        return data_home() / "config.toml"
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def project_root() -> Path:
    """The source checkout (knowledge/, prompts/ and evals/ live beside the package)."""
    return Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    """knowledge/: the case studies, framework and trade-offs (`INTERVIEWER_KNOWLEDGE` overrides)."""
    override = os.environ.get("INTERVIEWER_KNOWLEDGE")
    return Path(override).expanduser() if override else project_root() / "knowledge"


def evals_dir() -> Path:
    """evals/: the eval datasets, thresholds and committed baselines."""
    return project_root() / "evals"


def database_path(home: Path) -> Path:
    return home / "interviewer.sqlite3"


def index_dir(home: Path) -> Path:
    return home / "index"


def reports_dir(home: Path) -> Path:
    return home / "reports"


def eval_runs_dir(home: Path) -> Path:
    return home / "eval-runs"
