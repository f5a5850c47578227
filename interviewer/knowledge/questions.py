"""Questions candidates ask about any case, by the kind of fact they ask for (knowledge/questions.toml).

Every brief has facts of the same kinds (users, traffic, latency, labels, goal, existing system, ...), and
candidates ask for them in the same ways whatever the product: "what does success look like?", "what runs
today?". A fact is found by these as by its own `Asked:` questions, so a case whose writer did not think of
a wording still answers it. The knowledge loader reports a broken file with its line, like any other.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from interviewer import paths
from interviewer.knowledge.sections import Problem

QUESTIONS_FILE = "questions.toml"


def read_questions(path: Path) -> tuple[dict[str, tuple[str, ...]], Problem | None]:
    """Fact key -> questions, and the file's problem (None when it is fine or absent)."""
    if not path.is_file():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return {}, Problem(str(path), 0, f"cannot read: {error}")
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return {}, Problem(str(path), int(line.group(1)) if line else 0, f"not valid TOML: {error}")
    wrong = [key for key, value in data.items()
             if not isinstance(value, list) or not all(isinstance(q, str) and q.strip() for q in value)]
    if wrong:
        return {}, Problem(str(path), 0, f"each entry must be a list of questions; not so for {', '.join(wrong)}")
    return {key: tuple(q.strip() for q in value) for key, value in data.items()}, None


@cache
def generic_questions(knowledge_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Fact key -> questions that ask for a fact of that kind (empty when the file is absent; a broken file
    stops the knowledge from loading before an interview can start)."""
    found, problem = read_questions((knowledge_dir or paths.knowledge_dir()) / QUESTIONS_FILE)
    if problem is not None:
        raise ValueError(str(problem))
    return found
