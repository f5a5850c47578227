"""The feedback report as one self-contained HTML page: inline CSS, an inline SVG chart of the step
levels, readable offline and printable. Every piece of text is escaped."""

from __future__ import annotations

from html import escape

from interviewer.domain.steps import STEP_TITLES
from interviewer.report.common import SIGNAL_LABELS, clock
from interviewer.scoring.scorecard import Scorecard
from interviewer.storage.store import StoredSession

CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2f6fde; --good: #2e8540; --bad: #c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.55 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 920px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
.meta { color: var(--muted); font-size: .9rem; }
.signal { display: inline-block; padding: .35rem .8rem; border-radius: 999px; font-weight: 700; color: #fff; }
.signal.pos { background: var(--good); } .signal.neg { background: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { font-size: .85rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.level { font-weight: 700; white-space: nowrap; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--accent); background: #f5f8fc; }
.turn { margin: .5rem 0; } .turn .who { font-weight: 700; } .turn.candidate .who { color: var(--accent); }
.turn .text { white-space: pre-wrap; } .pointer { color: var(--muted); font-size: .85rem; }
.note { border-left: 3px solid var(--bad); padding: .3rem .8rem; background: #fdf3f2; }
svg text { font: 12px sans-serif; fill: var(--ink); }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .turn, tr { break-inside: avoid; } }
"""


def chart(card: Scorecard) -> str:
    """Horizontal bars, one per step, level 1-4."""
    row, label_w, bar_w = 28, 260, 360
    height = row * len(card.steps) + 30
    parts = [f'<svg role="img" aria-label="Level per step" width="{label_w + bar_w + 60}" height="{height}" '
             f'viewBox="0 0 {label_w + bar_w + 60} {height}" xmlns="http://www.w3.org/2000/svg">']
    for tick in range(1, 5):
        x = label_w + bar_w * tick / 4
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 20}" stroke="#d9e2ec"/>'
                     f'<text x="{x - 3}" y="{height - 5}">{tick}</text>')
    for i, s in enumerate(card.steps):
        y = i * row + 4
        color = ["#c0392b", "#e67e22", "#2f6fde", "#2e8540"][s.level - 1]
        parts.append(f'<text x="0" y="{y + 15}">{escape(s.title)}</text>'
                     f'<rect x="{label_w}" y="{y}" width="{bar_w * s.level / 4}" height="20" fill="{color}" rx="3">'
                     f'<title>{escape(s.title)}: level {s.level}</title></rect>')
    parts.append("</svg>")
    return "".join(parts)


def render_html(card: Scorecard, stored: StoredSession) -> str:
    positive = card.hire_signal in {"lean_hire", "hire", "strong_hire"}
    h = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Interview feedback: {escape(card.case_title)}</title>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Interview feedback: {escape(card.case_title)}</h1>",
        f"<p><span class='signal {'pos' if positive else 'neg'}' id='hire-signal'>"
        f"{SIGNAL_LABELS[card.hire_signal]}</span> "
        f"&nbsp;Level estimate: <strong id='level-estimate'>{escape(card.level_estimate)}</strong> · time "
        f"{clock(card.total_time_s)} · hints used: {card.hints_used}</p>",
        f"<p class='meta'>Session <code>{escape(card.session_id)}</code> · "
        f"{escape(stored.info.created_at[:16].replace('T', ' '))} · model {escape(stored.info.model)} · "
        f"prompt {escape(stored.info.prompt_version)} · rubric {escape(card.rubric_version)}</p>",
        *(f"<p class='note'><strong>Note:</strong> {escape(note)}</p>" for note in card.notes),
        "<h2>Steps</h2>", chart(card),
        "<table id='steps'><tr><th>Step</th><th>Level</th><th>Key points</th><th>Time</th></tr>",
    ]
    for s in card.steps:
        h.append(f"<tr><td>{escape(s.title)}</td><td class='level'>{s.level}/4</td>"
                 f"<td>{len(s.covered)}/{len(s.covered) + len(s.missed)}</td><td>{clock(s.time_s)}</td></tr>")
    h.append("</table><h2>Criteria</h2><table id='criteria'><tr><th>Criterion</th><th>Level</th><th>Why</th></tr>")
    for c in card.criteria:
        h.append(f"<tr><td>{escape(c.title)}</td><td class='level'>{c.level}/4</td>"
                 f"<td>{escape(c.justification)}</td></tr>")
    h.append("</table><h2>Strengths</h2><ul id='strengths'>")
    h += [f"<li>{escape(s)}</li>" for s in card.strengths] or [
        "<li>No criterion reached level 3 in this session yet.</li>"]
    h.append("</ul><h2>Most valuable improvements</h2><ol id='improvements'>")
    h += [f"<li>{escape(i.text)}</li>" for i in card.improvements]
    h.append("</ol><h2>Key points you missed</h2><ul id='missed'>")
    for m in card.missed_key_points:
        h.append(f"<li><strong>{escape(STEP_TITLES[m.step])}: {escape(m.title)}</strong>: {escape(m.text)} "
                 f"<span class='pointer'>({escape(m.pointer)})</span></li>")
    h.append("</ul><h2>Evidence</h2><div id='evidence'>")
    for c in card.criteria:
        for e in c.evidence:
            h.append(f"<blockquote><strong>{escape(c.title)}</strong> · <code>{escape(e.turn_id)}</code><br>"
                     f"“{escape(e.quote)}”</blockquote>")
    h.append("</div><h2>Transcript</h2><div id='transcript'>")
    for t in stored.turns:
        who = "Interviewer" if t.role == "interviewer" else "You"
        h.append(f"<div class='turn {t.role}'><span class='who'>{who}</span> <code>{escape(t.id)}</code> · "
                 f"{escape(STEP_TITLES.get(t.phase, t.phase))} · {clock(t.elapsed_s)}"
                 f"<div class='text'>{escape(t.text.strip() or '(empty)')}</div></div>")
    h.append("</div>")
    if stored.notes.strip():
        h.append(f"<h2>Your notes</h2><pre>{escape(stored.notes)}</pre>")
    h.append("</body></html>")
    return "\n".join(h)
