"""What state the knowledge index is in: data for `doctor` (and anything else that needs to say so)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interviewer.knowledge.index import KnowledgeIndex
from interviewer.knowledge.loader import load_knowledge

IndexState = Literal["current", "missing", "stale", "invalid_knowledge", "unreadable"]


@dataclass(frozen=True)
class IndexStatus:
    state: IndexState
    detail: str
    """One line for a user: what was found and what to do about it."""

    @property
    def usable(self) -> bool:
        """Missing or stale is fine: the index is (re)built on first use."""
        return self.state in ("current", "missing", "stale")


def index_status(index: KnowledgeIndex) -> IndexStatus:
    kb = load_knowledge(index.knowledge_dir)
    if kb.problems:
        return IndexStatus("invalid_knowledge", f"{len(kb.problems)} problems in {index.knowledge_dir} "
                           "(run `interviewer kb validate`)")
    try:
        count = index.count()
        current = index.is_current(kb)
    except Exception as exc:  # an unreachable Chroma server, a corrupt folder: one line
        return IndexStatus("unreadable", f"cannot open the index at {index.where()}: "
                           f"{str(exc).splitlines()[0][:160]}")
    if count == 0:
        return IndexStatus("missing", f"not built yet ({len(kb.cases)} cases); built on first use "
                           "or by `interviewer kb build`")
    if not current:
        return IndexStatus("stale", f"{count} chunks, out of date; rebuilt on next use")
    return IndexStatus("current", f"{count} chunks from {len(kb.files)} files, up to date ({index.where()})")
