"""Reading the labelled sections of a knowledge file into validated models, with every problem collected
(file and line), never raised one at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from interviewer.knowledge.markdown import Document, Section, split_bracketed


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Collector:
    """The problems found in one file, and validation that reports each at its field's line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def build(
        self, model: type[BaseModel], data: dict[str, Any], line: int, what: str,
        field_lines: dict[str, int] | None = None,
    ) -> Any:
        """Validate `data`; each failure is reported at its field's own line when known."""
        try:
            return model.model_validate({**data, "line": line})
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"] if p != "__root__")
                msg = err["msg"].removeprefix("Value error, ")
                at = (field_lines or {}).get(str(err["loc"][0]) if err["loc"] else "", 0) or line
                self.add(at, f"{what}: {where + ': ' if where else ''}{msg}")
            return None


def top_section(doc: Document) -> Section:
    """The document's single `#` section (or the root when there is none)."""
    tops = [c for c in doc.root.children if c.level == 1]
    return tops[0] if len(tops) == 1 else doc.root


def labelled_items(section: Section, out: Collector) -> dict[str, tuple[int, str]]:
    fields: dict[str, tuple[int, str]] = {}
    for item in section.items():
        label, _, value = item.full_text().partition(":")
        if not value:
            out.add(item.line, f"expected 'Label: text', got '{item.text[:40]}'")
            continue
        fields[label.strip().lower()] = (item.line, value.strip())
    return fields


def entries(doc: Document, out: Collector,
             heading: str) -> Iterator[tuple[Section, str, str, dict[str, tuple[int, str]]]]:
    """Each `## [id] Title` section of a catalogue file with its labelled items; a heading without an id is
    reported (`heading` shows the expected form)."""
    for section in top_section(doc).children:
        key, title = split_bracketed(section.title)
        if key is None:
            out.add(section.line, f"a heading here looks like '{heading}'")
            continue
        yield section, key, title, labelled_items(section, out)
