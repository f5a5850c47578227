"""Prompt templates: files under prompts/<version>/ that declare their variables.

A template file starts with a front-matter block naming its variables:

    ---
    variables: case_title, draft
    ---
    You are interviewing a candidate about {case_title}. ...

Rendering with a missing variable, an undeclared one, or a declared one that the text never uses is an
error (PromptError), never an empty string: a typo in a prompt must fail loudly, not silently degrade.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from interviewer import paths


class PromptError(Exception):
    """A prompt version, template or variable problem; the message names the file."""


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    path: Path
    variables: frozenset[str]
    text: str

    def render(self, **values: object) -> str:
        given = set(values)
        missing = self.variables - given
        unknown = given - self.variables
        if missing:
            raise PromptError(f"{self.path}: missing variable(s) {', '.join(sorted(missing))}")
        if unknown:
            raise PromptError(f"{self.path}: unknown variable(s) {', '.join(sorted(unknown))}")
        return self.text.format(**{k: str(v) for k, v in values.items()})


def parse_template(path: Path) -> PromptTemplate:
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        raise PromptError(f"{path}: a prompt file starts with a '---' block declaring 'variables:'")
    end = 1 + [line.strip() for line in lines[1:]].index("---")
    declared: set[str] = set()
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        if key.strip() == "variables":
            declared = {v.strip() for v in value.split(",") if v.strip()}
    text = "\n".join(lines[end + 1 :]).strip() + "\n"
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field}
    except ValueError as exc:
        raise PromptError(f"{path}: {exc} (write literal braces as {{{{ and }}}})") from None
    if used - declared:
        raise PromptError(f"{path}: uses undeclared variable(s) {', '.join(sorted(used - declared))}")
    if declared - used:
        raise PromptError(f"{path}: declares unused variable(s) {', '.join(sorted(declared - used))}")
    return PromptTemplate(path.stem, path, frozenset(declared), text)


@dataclass(frozen=True)
class PromptSet:
    version: str
    templates: dict[str, PromptTemplate]

    def template(self, name: str) -> PromptTemplate:
        try:
            return self.templates[name]
        except KeyError:
            raise PromptError(f"prompt version '{self.version}' has no template '{name}'") from None

    def render(self, name: str, **values: object) -> str:
        return self.template(name).render(**values)

    def pick(self, name: str, offered: dict[str, object]) -> dict[str, object]:
        """The offered values the template declares: a version may leave a variable out (v2's turn prompt
        never shows the model the candidate's text), but may not ask for one the code does not offer."""
        return {k: v for k, v in offered.items() if k in self.template(name).variables}


def available_versions() -> list[str]:
    root = paths.prompts_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


@lru_cache(maxsize=16)
def load_prompts(version: str, root: Path | None = None) -> PromptSet:
    folder = (root or paths.prompts_dir()) / version
    if not folder.is_dir():
        known = ", ".join(available_versions()) or "none"
        raise PromptError(f"no prompt version '{version}' in {folder.parent} (available: {known})")
    templates = {p.stem: parse_template(p) for p in sorted(folder.glob("*.txt"))}
    if not templates:
        raise PromptError(f"{folder} holds no .txt templates")
    return PromptSet(version, templates)
