"""What state the knowledge index is in, for `doctor` and the home screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewer.config import Settings
    from interviewer.doctor import Check


def index_status(settings: Settings) -> Check:
    """ok when built and current; warn when not built or stale (it is built on first use); fail when the
    knowledge files have problems or the index cannot be opened."""
    from interviewer.doctor import Check
    from interviewer.knowledge.index import KnowledgeIndex
    from interviewer.knowledge.loader import load_knowledge

    index = KnowledgeIndex(settings)
    kb = load_knowledge(index.knowledge_dir)
    if kb.problems:
        return Check("knowledge index", "fail", f"{len(kb.problems)} problems in {index.knowledge_dir} "
                     "(run `interviewer kb validate`)")
    try:
        count = index.count()
        current = index.is_current(kb)
    except Exception as exc:  # an unreachable Chroma server, a corrupt folder: one line
        return Check("knowledge index", "fail", f"cannot open the index at {index.where()}: {str(exc).splitlines()[0][:160]}")
    if count == 0:
        return Check("knowledge index", "warn", f"not built yet ({len(kb.cases)} cases); built on first use "
                     "or by `interviewer kb build`")
    if not current:
        return Check("knowledge index", "warn", f"{count} chunks, out of date; rebuilt on next use")
    return Check("knowledge index", "ok", f"{count} chunks from {len(kb.files)} files, up to date ({index.where()})")
