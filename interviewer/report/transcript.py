"""A stored session's transcript as Markdown or JSON: pure functions of the stored session, and the one
JSON shape every command prints (`run --json`, `resume --json`, `transcript --format json`)."""

from __future__ import annotations

from interviewer.domain.session import Turn
from interviewer.domain.steps import STEP_TITLES
from interviewer.report.common import clock
from interviewer.storage.store import StoredSession


def transcript_dict(stored: StoredSession) -> dict:
    info = stored.info
    return {
        "session_id": info.id,
        "case": info.case,
        "status": info.status,
        "finished": info.status == "finished",
        "created_at": info.created_at,
        "prompt_version": info.prompt_version,
        "model": info.model,
        "practice": info.practice,
        "steps_visited": list(stored.state.visited),
        "notes": stored.notes,
        "turns": [
            {"id": t.id, "role": t.role, "step": t.phase, "kind": t.kind, "move": t.move,
             "elapsed_s": round(t.elapsed_s, 1), "text": t.text}
            for t in stored.turns
        ],
    }


def turn_blocks(turns: list[Turn], heading: str = "##") -> list[str]:
    """Markdown for the turns: a heading per step, each turn as a quote with who, time and id."""
    lines: list[str] = []
    phase = None
    for turn in turns:
        if turn.phase != phase:
            phase = turn.phase
            lines += [f"{heading} {STEP_TITLES.get(phase, phase)}", ""]
        who = "**Interviewer**" if turn.role == "interviewer" else "**You**"
        body = turn.text.strip() or "_(empty)_"
        quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
        lines += [f"{who} · {clock(turn.elapsed_s)} · `{turn.id}`", "", quoted, ""]
    return lines


def transcript_markdown(stored: StoredSession, title: str | None = None) -> str:
    info = stored.info
    lines = [
        f"# Interview transcript: {title or info.case}",
        "",
        f"- Session: `{info.id}` ({info.status}), {info.created_at}",
        f"- Model: {info.model}; prompt version {info.prompt_version}{'; practice mode' if info.practice else ''}",
        "",
    ]
    lines += turn_blocks(stored.turns)
    if stored.notes.strip():
        lines += ["## Notes", "", "```text", stored.notes.rstrip(), "```", ""]
    return "\n".join(lines)
