"""Questions candidates ask about any case, by the kind of fact they ask for (knowledge/questions.toml).

Every brief has facts of the same kinds (users, traffic, latency, labels, goal, existing system, ...), and
candidates ask for them in the same ways whatever the product: "what does success look like?", "what runs
today?". A fact is found by these as by its own `Asked:` questions, so a case whose writer did not think of
a wording still answers it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from interviewer import paths
from interviewer.knowledge.index import KnowledgeError

QUESTIONS_FILE = "questions.toml"


@cache
def generic_questions(knowledge_dir: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Fact key -> questions that ask for a fact of that kind (empty when the file is absent)."""
    path = (knowledge_dir or paths.knowledge_dir()) / QUESTIONS_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:  # the message says the line and column
        raise KnowledgeError(f"{path}: {error}") from error
    wrong = [key for key, value in data.items()
             if not isinstance(value, list) or not all(isinstance(q, str) and q.strip() for q in value)]
    if wrong:
        raise KnowledgeError(f"{path}: each entry must be a list of questions; not so for {', '.join(wrong)}")
    return {key: tuple(q.strip() for q in value) for key, value in data.items()}
