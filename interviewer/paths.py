"""Where interviewer keeps its files: the one module that knows paths.

Two kinds of place. What the user owns lives in the data home (database, knowledge index, reports, eval
runs; `INTERVIEWER_HOME` moves all of it, and tests point it at a temporary folder). What ships with the
program (the knowledge, the prompts, the eval datasets) is read from the installed package: a wheel
carries those folders as `interviewer/_data/`, while a source checkout reads them beside the package.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "interviewer"
SHIPPED = ("knowledge", "prompts", "evals")
"""The project's top-level folders that the program reads at run time."""


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


def shipped(name: str) -> Path:
    """A folder that ships with the program (one of SHIPPED), from the installed wheel or the checkout."""
    if name not in SHIPPED:
        raise ValueError(f"'{name}' is not shipped data (one of {', '.join(SHIPPED)})")
    bundled = files("interviewer") / "_data" / name
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parent.parent / name


def knowledge_dir() -> Path:
    """knowledge/: the case studies, framework, trade-offs and rubric that ship with the program."""
    return shipped("knowledge")


def prompts_dir() -> Path:
    """prompts/: one folder per prompt version."""
    return shipped("prompts")


def evals_dir() -> Path:
    """evals/: the eval datasets, gates and committed baselines."""
    return shipped("evals")


def database_path(home: Path) -> Path:
    return home / "interviewer.sqlite3"


def index_dir(home: Path) -> Path:
    return home / "index"


def reports_dir(home: Path) -> Path:
    return home / "reports"


def eval_runs_dir(home: Path) -> Path:
    return home / "eval-runs"
