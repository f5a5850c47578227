"""What state the knowledge index is in, for `doctor` and the home screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer import locations

if TYPE_CHECKING:
    from interviewer.config import Settings
    from interviewer.doctor import Check


def index_status(settings: Settings) -> Check:
    from interviewer.doctor import Check

    source = locations.project_root() / "knowledge"
    files = sorted(source.glob("**/*.md")) if source.is_dir() else []
    if not files:
        return Check("knowledge index", "warn", f"no knowledge files found in {source}")
    index = locations.index_dir(settings.home)
    if not index.exists():
        return Check("knowledge index", "warn", f"not built yet ({len(files)} files); it is built on first use")
    return Check("knowledge index", "ok", f"{index} ({len(files)} source files)")
