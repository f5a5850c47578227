"""Words in the one form that cues and answers are compared in: American spelling, Porter2 stems, hyphens
and spaces alike ("pre-compute" finds "precompute", "normalised" finds "normalized"), with the aliases of
the knowledge folder ("DAU" is "daily active users"). The matcher, the engine and the evals read phrases
through this module."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from interviewer import paths
from interviewer.text import stem, words

ALIASES_FILE = "aliases.toml"
"""Phrases that mean the same in an answer (abbreviations, other names), kept with the knowledge."""


# -- normal forms --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Phrase:
    """Words in the form they are compared in: each word's stem, and the words as written (lower case),
    for phrases written run together ("twotower" for "two tower")."""

    stems: tuple[str, ...]
    plain: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.stems)

    def __len__(self) -> int:
        return len(self.stems)


def normal_form(text: str) -> Phrase:
    """The form every cue and answer is compared in."""
    plain = tuple(words(text))
    return Phrase(tuple(stem(w) for w in plain), plain)


def contains_phrase(text: Phrase, phrase: Phrase) -> bool:
    """Whether `phrase` occurs in `text` at word boundaries: word by word (each word in any inflection or
    spelling), or written with the words run together or split ("two tower", "two-tower", "twotower")."""
    if not phrase:
        return False
    n = len(phrase)
    for start in range(len(text.stems) - n + 1):
        if text.stems[start:start + n] == phrase.stems:
            return True
    joined = stem("".join(phrase.plain))
    for size in range(1, n + 2):
        for start in range(len(text.plain) - size + 1):
            if (size != n or n == 1) and stem("".join(text.plain[start:start + size])) == joined:
                return True
    return False


@cache
def alias_groups(knowledge_dir: Path | None = None) -> tuple[frozenset[Phrase], ...]:
    """Groups of phrases (in normal form) that mean the same, from the knowledge folder's aliases file."""
    path = (knowledge_dir or paths.knowledge_dir()) / ALIASES_FILE
    if not path.is_file():
        return ()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(frozenset(normal_form(p) for p in group if normal_form(p)) for group in data.get("groups", []))


def with_aliases(text: str) -> str:
    """`text` with the other names of each alias group it uses spelled out after it ("DAU?" also says
    "daily active users"), so a search by meaning or by words finds what the abbreviation stands for."""
    form = normal_form(text)
    extra = [" ".join(member.plain) for group in alias_groups() if any(contains_phrase(form, m) for m in group)
             for member in sorted(group, key=lambda p: p.plain)]  # one order in every process
    return f"{text} ({'; '.join(extra)})" if extra else text


GENERIC_WORDS = frozenset(normal_form(
    "model models data feature features label labels latency metric metrics training train system service "
    "pipeline user users item items score scores offline online test testing evaluation evaluate monitor "
    "monitoring performance accuracy quality signal signals"
).stems)
"""Single words that every answer uses: alone, as a cue, they show nothing about a key point."""


def expand_cues(cues: Iterable[str], groups: Sequence[frozenset[Phrase]]) -> tuple[Phrase, ...]:
    """A key point's cues in normal form with their aliases, minus single generic words."""
    out: set[Phrase] = set()
    for cue in cues:
        form = normal_form(cue)
        if not form or (len(form) == 1 and form.stems[0] in GENERIC_WORDS):
            continue
        out.add(form)
        for group in groups:
            if any(member.stems == form.stems for member in group):
                out |= group
    return tuple(sorted(out, key=lambda p: p.plain))
