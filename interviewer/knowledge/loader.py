"""Load knowledge/*.md into validated models. Problems are collected, never raised one at a time, so
`kb validate` can list every one of them with its file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from interviewer.domain.case import (
    REQUIRED_FACTS,
    CaseHeader,
    CaseStudy,
    Challenge,
    Fact,
    Framework,
    KeyPoint,
    Probe,
    StepContent,
    Tradeoff,
    split_list,
)
from interviewer.domain.steps import STEP_IDS
from interviewer.knowledge.catalogues import parse_challenges, parse_framework, parse_tradeoffs
from interviewer.knowledge.markdown import Document, Item, Section, parse_markdown, split_bracketed
from interviewer.knowledge.questions import QUESTIONS_FILE, read_questions
from interviewer.knowledge.sections import Collector, Problem, labelled_items, top_section
from interviewer.text import content_words, stem, word_grams, words

REASKED = 0.6
"""A Deeper question whose words of substance are this share of one of the step's key point questions asks
it again (the most the 273 written ones share is 0.44)."""

@dataclass
class KnowledgeBase:
    root: Path
    cases: dict[str, CaseStudy] = field(default_factory=dict)
    tradeoffs: dict[str, Tradeoff] = field(default_factory=dict)
    challenges: dict[str, Challenge] = field(default_factory=dict)
    framework: Framework | None = None
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    kinds_seen: set[str] = field(default_factory=set)

    def case(self, slug: str) -> CaseStudy:
        try:
            return self.cases[slug]
        except KeyError:
            known = ", ".join(sorted(self.cases)) or "none"
            raise KeyError(f"no case study '{slug}' (known: {known})") from None


def relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load a knowledge folder (or a single file, to check one file while writing it)."""
    kb = KnowledgeBase(root=root)
    if root.is_file():
        kb.files = [root]
        kb.root = root.parent
    elif root.is_dir():
        kb.files = sorted(root.glob("**/*.md"))
        kb.files = [f for f in kb.files if f.name.lower() not in {"readme.md", "format.md"}]
    else:
        kb.problems.append(Problem(str(root), 0, "knowledge folder not found"))
        return kb
    for path in kb.files:
        name = str(path) if root.is_file() else relative(path, kb.root)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            kb.problems.append(Problem(name, 0, f"cannot read: {exc}"))
            continue
        doc = parse_markdown(text, name)
        kind = doc.front.get("kind", (0, "case"))[1]
        kb.kinds_seen.add(kind)
        out = Collector(name)
        if doc.front_unclosed:
            out.add(1, "the front matter opened by '---' on line 1 is never closed: add a '---' line after it")
        if kind == "framework":
            kb.framework = parse_framework(doc, out)
            if kb.framework is not None:
                kb.framework.source = name
        elif kind == "tradeoffs":
            _catalogue(parse_tradeoffs(doc, out), kb.tradeoffs, name, out, "trade-off")
        elif kind == "challenges":
            _catalogue(parse_challenges(doc, out), kb.challenges, name, out, "challenge")
        elif kind == "case":
            case = parse_case(doc, out)
            if case is not None:
                if case.slug in kb.cases:
                    first = kb.cases[case.slug].source
                    out.add(doc.front["slug"][0], f"duplicate case slug '{case.slug}' (also in {first})")
                kb.cases[case.slug] = case
        else:
            out.add(doc.front["kind"][0], f"unknown kind '{kind}' (case, framework, tradeoffs or challenges)")
        kb.problems.extend(out.problems)
    _cross_check(kb, whole_folder=root.is_dir())
    return kb


Entry = TypeVar("Entry", Tradeoff, Challenge)


def _catalogue(entries: list[Entry], into: dict[str, Entry], source: str, out: Collector, what: str) -> None:
    """File a catalogue's entries by id, each remembering its file; a second entry with an id is reported."""
    for entry in entries:
        entry.source = source
        if entry.id in into:
            out.add(entry.line, f"duplicate {what} id '{entry.id}'")
        into[entry.id] = entry


def _cross_check(kb: KnowledgeBase, whole_folder: bool) -> None:
    if whole_folder and "framework" not in kb.kinds_seen and kb.files:
        kb.problems.append(Problem(relative(kb.root, kb.root), 0, "no framework file (front matter kind: framework)"))
    questions, problem = read_questions(kb.root / QUESTIONS_FILE) if whole_folder else ({}, None)
    if problem is not None:
        kb.problems.append(Problem(relative(Path(problem.path), kb.root), problem.line, problem.message))
    # a kind no fact has (a typo: "existing_system") would be read and never used
    if unused := sorted(set(questions) - {f.key for case in kb.cases.values() for f in case.facts}):
        kb.problems.append(Problem(relative(kb.root / QUESTIONS_FILE, kb.root), 0,
                                   f"no fact of any case has the kind {', '.join(unused)}"))
    for case in kb.cases.values():
        for probe in case.probes:
            if probe.tradeoff and kb.tradeoffs and probe.tradeoff not in kb.tradeoffs:
                kb.problems.append(
                    Problem(case.source, probe.line, f"probe '{probe.id}' names unknown trade-off '{probe.tradeoff}'")
                )
    for challenge in kb.challenges.values():
        for slug in challenge.not_in:
            if whole_folder and slug not in kb.cases:
                kb.problems.append(Problem(challenge.source, challenge.line,
                                           f"challenge '{challenge.id}' names unknown case '{slug}' in Not in:"))


def parse_case(doc: Document, out: Collector) -> CaseStudy | None:
    top = top_section(doc)
    data: dict[str, Any] = {"source": doc.path}
    front_lines = {key: line for key, (line, _) in doc.front.items()}
    for key in ("slug", "title", "difficulty", "practises"):
        if key not in doc.front:
            out.add(1, f"front matter lacks '{key}:'")
        elif key != "practises":
            data[key] = doc.front[key][1]
    data["practises"] = split_list(doc.front.get("practises", (0, ""))[1])
    if all(key in data for key in ("slug", "title", "difficulty")):  # each value checked on its own line
        out.build(CaseHeader, {k: data[k] for k in ("slug", "title", "difficulty", "practises")}, 1,
                  "front matter", front_lines)
    sections = {c.title.lower(): c for c in top.children}

    def need(title: str) -> Section | None:
        section = sections.get(title.lower())
        if section is None:
            out.add(top.line or 1, f"missing section '## {title}'")
        return section

    if s := need("Opening prompt"):
        data["opening_prompt"] = s.paragraph()
    if s := need("Assumptions"):
        data["assumptions"] = s.paragraph()
    if s := sections.get("not in the brief"):  # optional
        data["open_questions"] = [item.full_text() for item in s.items()]
    facts = []
    if s := need("Scenario facts"):
        for item in s.items():
            fact = _fact(item, out)
            if fact is not None:
                facts.append(fact)
    data["facts"] = facts
    steps: dict[str, StepContent] = {}
    for step in STEP_IDS:
        section = sections.get(f"step: {step}")
        if section is None:
            out.add(top.line or 1, f"missing section '## Step: {step}'")
            continue
        content = _step(section, step, out)
        if content is not None:
            steps[step] = content
    data["steps"] = steps
    probes = []
    if s := need("Trade-off probes"):
        for child in s.children:
            probe = _probe(child, out)
            if probe is not None:
                probes.append(probe)
    data["probes"] = probes
    for title, key in (("Pitfalls", "pitfalls"), ("Deep dives", "deep_dives"), ("References", "references")):
        if s := need(title):
            data[key] = [item.full_text() for item in s.items()]
    _check_whole_case(facts, steps, probes, sections, out)
    if any(p.path == doc.path for p in out.problems):
        # every problem is reported above with its line; the model's own checks would only repeat them
        return None
    return out.build(CaseStudy, data, top.line or 1, "case", front_lines)


def _check_whole_case(facts: list[Fact], steps: dict[str, StepContent], probes: list[Probe],
                      sections: dict[str, Section], out: Collector) -> None:
    """What no single item can know: required facts present, each id used once (reported at the second
    use, naming the first)."""
    facts_section = sections.get("scenario facts")
    missing = [key for key in REQUIRED_FACTS if key not in {f.key for f in facts}]
    if facts_section is not None and missing:
        out.add(facts_section.line, f"scenario facts lack: {', '.join(missing)}")
    seen: dict[str, int] = {}
    items = [*((f.key, f.line) for f in facts), *((kp.id, kp.line) for s in steps.values() for kp in s.key_points),
             *((p.id, p.line) for p in probes)]
    for ident, line in items:
        if ident in seen:
            out.add(line, f"duplicate id '{ident}' (first used on line {seen[ident]})")
        else:
            seen[ident] = line


def _fact(item: Item, out: Collector) -> Fact | None:
    # the Asked: line comes last and may wrap: every line from it on is questions
    start = next((i for i, (_, t) in enumerate(item.lines) if t.lower().startswith("asked:")), len(item.lines))
    asked_at = item.lines[start][0] if start < len(item.lines) else 0
    asked = " ".join(t for _, t in item.lines[start:]).partition(":")[2]
    prose = " ".join([item.text, *(t for _, t in item.lines[:start])])
    key, rest = split_bracketed(prose)
    label, _, text = rest.partition(":")
    if key is None or not text:
        out.add(item.line, "a scenario fact looks like '- [key] Label: text'")
        return None
    questions = [q.strip() for q in asked.split("|") if q.strip()]
    for question in questions:
        if not question.endswith("?"):
            out.add(asked_at, f"fact '{key}': each question of the Asked: line ends with '?' "
                              f"(questions are separated by '|'), got '{question[:40]}'")
    return out.build(Fact, {"key": key, "label": label.strip(), "text": text.strip(), "asked": questions},
                     item.line, f"fact '{key}'")


def _step(section: Section, step: str, out: Collector) -> StepContent | None:
    points_section = section.child("Key points")
    weak = section.child("Weak answer")
    if weak is None:
        out.add(section.line, f"'## Step: {step}' needs a '### Weak answer' section")
    if points_section is None:
        out.add(section.line, f"'## Step: {step}' needs a '### Key points' section")
        return None
    points = []
    for item in points_section.items():
        key, rest = split_bracketed(item.text)
        title, _, text = rest.partition(":")
        labelled = item.labelled()
        prose = " ".join(t for _, t in item.lines
                         if not t.lower().startswith(("cues:", "ask:", "again:", "smaller:")))
        if key is None or not text:
            out.add(item.line, "a key point looks like '- [step.name] Title: one or two sentences'")
            continue
        kp = out.build(
            KeyPoint,
            {
                "id": key,
                "step": step,
                "title": title.strip(),
                "text": (text.strip() + " " + prose).strip(),
                "cues": split_list(labelled.get("cues", (0, ""))[1]),
                "ask": labelled.get("ask", (0, ""))[1],
                "again": labelled.get("again", (0, ""))[1],
                "smaller": labelled.get("smaller", (0, ""))[1],
            },
            item.line,
            f"key point '{key}'",
            {name: labelled.get(name, (0, ""))[0] for name in ("cues", "ask", "again", "smaller")},
        )
        if kp is not None and kp.again and word_grams(kp.ask, 4) & word_grams(kp.again, 4):
            out.add(labelled["again"][0], f"key point '{key}': the Again: line must reword the Ask: line, not "
                    "repeat four words of it in a row")
        elif kp is not None and kp.smaller and word_grams(kp.ask, 4) & word_grams(kp.smaller, 4):
            out.add(labelled["smaller"][0], f"key point '{key}': the Smaller: line must ask something easier "
                    "than the Ask: line, not repeat four words of it in a row")
        elif kp is not None and (named := _gives_away(kp)):
            out.add(labelled["smaller"][0], f"key point '{key}': the Smaller: line names the cue '{named}', "
                    "which gives the point away; ask about a piece of it without its words")
        elif kp is not None:
            points.append(kp)
    if weak is None:
        return None
    return out.build(
        StepContent, {"step": step, "key_points": points, "weak_answer": weak.paragraph(),
                      "deeper": _deeper(section, points, out)}, section.line, f"step '{step}'"
    )


def _deeper(section: Section, points: list[KeyPoint], out: Collector) -> list[str]:
    """The step's `### Deeper` questions: each a question that asks again none of the step's key points
    (most of its words of substance are not one of their questions' words: "how would you notice" is
    every interviewer's phrasing, not a re-ask)."""
    found = section.child("Deeper")
    if found is None:
        return []
    asked = [content_words(q, 4) for kp in points for q in (kp.ask, kp.again, kp.smaller) if q]
    questions = []
    for item in found.items():
        question = item.full_text()
        own = content_words(question, 4)
        if not question.endswith("?"):
            out.add(item.line, f"a Deeper question ends with '?', got '{question[:40]}'")
        elif any(len(own & theirs) >= REASKED * len(own) for theirs in asked):
            out.add(item.line, "a Deeper question must not ask a key point's question again in much the same "
                               "words: it is asked after them")
        else:
            questions.append(question)
    return questions


def _probe(section: Section, out: Collector) -> Probe | None:
    key, title = split_bracketed(section.title)
    if key is None:
        out.add(section.line, "a probe heading looks like '### [probe-id] Title'")
        return None
    fields = labelled_items(section, out)
    value = lambda name: fields.get(name, (0, ""))[1]
    return out.build(
        Probe,
        {
            "id": key,
            "title": title,
            "step": value("step"),
            "tradeoff": value("trade-off") or None,
            "triggers": split_list(value("triggers")),
            "question": value("question"),
            "again": value("again"),
            "smaller": value("smaller"),
            "considerations": value("strong answer weighs"),
        },
        section.line,
        f"probe '{key}'",
        {name: fields.get(label, (0, ""))[0] for name, label in (
            ("step", "step"), ("tradeoff", "trade-off"), ("triggers", "triggers"), ("question", "question"),
            ("again", "again"), ("smaller", "smaller"), ("considerations", "strong answer weighs"))},
    )


def _gives_away(kp: KeyPoint) -> str:
    """A cue of the point that its Smaller: line names and its Ask: line does not ('' if none), word forms
    folded ("calibrated" names "calibration")."""
    smaller, ask = _stems(kp.smaller), _stems(kp.ask)
    return next((c for c in kp.cues if (cue := _stems(c)) and _holds(smaller, cue) and not _holds(ask, cue)), "")


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def _holds(text: list[str], phrase: list[str]) -> bool:
    return any(text[i:i + len(phrase)] == phrase for i in range(len(text) - len(phrase) + 1))
