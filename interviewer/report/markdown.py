"""The feedback report as Markdown that renders cleanly on GitHub."""

from __future__ import annotations

from interviewer.domain.steps import STEP_TITLES
from interviewer.report.common import SIGNAL_LABELS, clock
from interviewer.report.transcript import turn_blocks
from interviewer.scoring.scorecard import Scorecard
from interviewer.storage.store import StoredSession


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render_markdown(card: Scorecard, stored: StoredSession) -> str:
    out = [
        f"# Interview feedback: {card.case_title}",
        "",
        f"**Hire signal: {SIGNAL_LABELS[card.hire_signal]}** · level estimate: {card.level_estimate} · "
        f"time {clock(card.total_time_s)} · hints used: {card.hints_used}",
        "",
        f"Session `{card.session_id}` · {stored.info.created_at[:16].replace('T', ' ')} · model {stored.info.model} · "
        f"prompt {stored.info.prompt_version} · rubric {card.rubric_version}",
        "",
        *(line for note in card.notes for line in (f"> **Note:** {_cell(note)}", "")),
        "## Steps",
        "",
        "| Step | Level | Key points covered | Time |",
        "| --- | :---: | :---: | ---: |",
    ]
    for s in card.steps:
        total = len(s.covered) + len(s.missed)
        dots = "●" * s.level + "○" * (4 - s.level)
        out.append(f"| {s.title} | {dots} {s.level}/4 | {len(s.covered)}/{total} | {clock(s.time_s)} |")
    out += ["", "## Criteria", "", "| Criterion | Level | Why |", "| --- | :---: | --- |"]
    for c in card.criteria:
        out.append(f"| {c.title} | {c.level}/4 | {_cell(c.justification)} |")
    out += ["", "## Strengths", ""]
    out += [f"- {_cell(s)}" for s in card.strengths] or ["- No criterion reached level 3 in this session yet."]
    out += ["", "## Most valuable improvements", ""]
    out += [f"{i}. {_cell(imp.text)}" for i, imp in enumerate(card.improvements, start=1)] or [
        "Nothing major: well done."]
    out += ["", "## Key points you missed", ""]
    if card.missed_key_points:
        for step in dict.fromkeys(m.step for m in card.missed_key_points):
            out.append(f"**{STEP_TITLES[step]}**")
            out.append("")
            for m in (m for m in card.missed_key_points if m.step == step):
                out.append(f"- **{m.title}**: {_cell(m.text)} (see `{m.pointer}`)")
            out.append("")
    else:
        out += ["You covered every key point.", ""]
    out += ["## Evidence", ""]
    for c in card.criteria:
        if not c.evidence:
            continue
        out.append(f"**{c.title}**")
        out.append("")
        out += [f"> `{e.turn_id}` “{_cell(e.quote)}”" + "\n>" for e in c.evidence]
        out.append("")
    out += ["## Transcript", "", *turn_blocks(stored.turns, heading="###")]
    if stored.notes.strip():
        out += ["## Your notes", "", "```text", stored.notes.rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"
