"""The catalogue files: the framework's steps, the trade-offs and the claims the interviewer questions."""

from __future__ import annotations

from interviewer.domain.case import Challenge, Framework, FrameworkStep, Tradeoff, split_list
from interviewer.knowledge.markdown import Document
from interviewer.knowledge.sections import Collector, entries, labelled_items, top_section


def parse_tradeoffs(doc: Document, out: Collector) -> list[Tradeoff]:
    result = []
    for section, key, title, fields in entries(doc, out, "## [tradeoff-id] A vs B"):
        sides = [(label.removesuffix(" wins when"), text) for label, (_, text) in fields.items()
                 if label.endswith(" wins when")]
        tradeoff = out.build(
            Tradeoff,
            {
                "id": key,
                "title": title,
                "steps": split_list(fields.get("steps", (0, ""))[1]),
                "sides": sides,
                "strong_answer": fields.get("a strong answer mentions", (0, ""))[1],
            },
            section.line,
            f"trade-off '{key}'",
        )
        if tradeoff is not None:
            result.append(tradeoff)
    return result


def parse_challenges(doc: Document, out: Collector) -> list[Challenge]:
    result = []
    for section, key, title, fields in entries(doc, out, "## [challenge-id] The claim"):
        labels = {"steps": "steps", "says": "says", "together": "with", "unless": "unless", "question": "question",
                  "again": "again", "why": "why", "not_in": "not in"}
        lists = ("steps", "says", "together", "unless", "not_in")
        data = {name: split_list(fields.get(label, (0, ""))[1]) if name in lists else fields.get(label, (0, ""))[1]
                for name, label in labels.items()}
        challenge = out.build(
            Challenge,
            data | {"id": key, "title": title},
            section.line,
            f"challenge '{key}'",
            {name: fields.get(label, (0, ""))[0] for name, label in labels.items()},
        )
        if challenge is not None:
            result.append(challenge)
    return result


def parse_framework(doc: Document, out: Collector) -> Framework | None:
    top = top_section(doc)
    steps = []
    for section in top.children:
        if not section.title.lower().startswith("step:"):
            continue
        step, _, title = section.title[5:].strip().partition("—")
        fields = labelled_items(section, out)

        def value(name: str, fields: dict[str, tuple[int, str]] = fields) -> str:
            return fields.get(name, (0, ""))[1]

        budget = value("budget").split()[0] if value("budget") else "0"
        built = out.build(
            FrameworkStep,
            {
                "step": step.strip(),
                "title": title.strip(),
                "budget_minutes": budget,
                "listening_for": value("listening for"),
                "strong_signals": value("strong signals"),
                "weak_signals": value("weak signals"),
                "common_mistakes": value("common mistakes"),
            },
            section.line,
            f"framework step '{step.strip()}'",
        )
        if built is not None:
            steps.append(built)
    if len(steps) != len([s for s in top.children if s.title.lower().startswith("step:")]):
        return None
    return out.build(Framework, {"overview": top.paragraph(), "steps": steps}, top.line or 1, "framework")
