"""A small reader for the knowledge files' Markdown: front matter, a tree of headed sections, and list
items with their continuation lines, every piece keeping the line it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ITEM = re.compile(r"^[-*]\s+(.*)$")
LABELLED = re.compile(r"^([A-Za-z][A-Za-z' -]{0,40}?):\s*(.*)$")
BRACKETED = re.compile(r"^\[([^\]]+)\]\s*(.*)$")


@dataclass
class Item:
    """A `- ` list item; `lines` are its continuation lines (stripped), `line` its first line number."""

    text: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    def labelled(self) -> dict[str, tuple[int, str]]:
        """Continuation lines of the form `Label: value`, keyed by lower-case label."""
        out: dict[str, tuple[int, str]] = {}
        for number, text in self.lines:
            match = LABELLED.match(text)
            if match:
                out[match.group(1).strip().lower()] = (number, match.group(2).strip())
        return out

    def full_text(self) -> str:
        return " ".join([self.text, *(t for _, t in self.lines)]).strip()


@dataclass
class Section:
    level: int
    title: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def paragraph(self) -> str:
        """The body's prose (no list markers), joined into one text."""
        return "\n".join(t for _, t in self.body).strip()

    def items(self) -> list[Item]:
        items: list[Item] = []
        for number, text in self.body:
            match = ITEM.match(text)
            if match:
                items.append(Item(match.group(1).strip(), number))
            elif items and text.strip():
                items[-1].lines.append((number, text.strip()))
        return items

    def child(self, title: str) -> Section | None:
        wanted = title.lower()
        return next((c for c in self.children if c.title.lower() == wanted), None)


@dataclass
class Document:
    path: str
    front: dict[str, tuple[int, str]]
    root: Section
    front_unclosed: bool = False
    """The file opens a front-matter block with '---' and never closes it."""


def parse_markdown(text: str, path: str) -> Document:
    lines = text.splitlines()
    front: dict[str, tuple[int, str]] = {}
    start = 0
    unclosed = False
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                start = index + 1
                break
            match = LABELLED.match(lines[index].strip()) or re.match(r"^([a-z_]+):\s*(.*)$", lines[index].strip())
            if match:
                front[match.group(1).strip().lower()] = (index + 1, match.group(2).strip())
        else:
            unclosed = True
    root = Section(0, "", 0)
    stack = [root]
    in_code = False
    for index in range(start, len(lines)):
        raw = lines[index]
        number = index + 1
        if raw.strip().startswith("```"):
            in_code = not in_code
        heading = None if in_code else HEADING.match(raw)
        if heading:
            section = Section(len(heading.group(1)), heading.group(2).strip(), number)
            while stack[-1].level >= section.level:
                stack.pop()
            stack[-1].children.append(section)
            stack.append(section)
            continue
        if raw.strip() or stack[-1].body:
            stack[-1].body.append((number, raw.rstrip()))
    # trim trailing blank lines from every body
    def trim(section: Section) -> None:
        while section.body and not section.body[-1][1].strip():
            section.body.pop()
        for child in section.children:
            trim(child)

    trim(root)
    return Document(path, front, root, unclosed)


def split_bracketed(text: str) -> tuple[str | None, str]:
    """`[id] rest` -> ('id', 'rest'); text without a bracket -> (None, text)."""
    match = BRACKETED.match(text)
    if not match:
        return None, text
    return match.group(1).strip(), match.group(2).strip()

