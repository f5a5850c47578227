"""JSON Lines files of pydantic records (eval datasets, headless scripts): blank lines are skipped and a
bad line is reported as file:line with what was wrong, never as a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)


def read_jsonl(path: Path, model: type[T], *, expected: str = "",
               error: type[ValueError] = ValueError) -> list[tuple[int, T]]:
    """(line number, record) for every non-blank line; `expected` describes a good line in the message."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, model.model_validate_json(line)))
        except ValidationError as exc:
            problem = "; ".join(e["msg"] for e in exc.errors()[:2])
            raise error(f"{path}:{number}: " + (f"expected {expected} ({problem})" if expected else problem)) from None
    return records
