"""Turn validated knowledge into retrievable chunks: one per fact, key point, probe, trade-off and
framework step, each with a stable id and the metadata the engine filters on (case, step, kind).

Sections are already small; the few that run long are split with LangChain's splitter and get `~2`,
`~3`... appended to their id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from interviewer.domain.case import CaseStudy, Framework, Tradeoff
from interviewer.domain.steps import STEP_IDS, STEP_TITLES
from interviewer.knowledge.loader import KnowledgeBase

Kind = Literal["fact", "key_point", "tradeoff", "pitfall", "framework", "overview"]
KINDS: tuple[str, ...] = ("fact", "key_point", "tradeoff", "pitfall", "framework", "overview")
MAX_CHARS = 1200
GENERAL = "general"
"""The `case` of chunks that belong to no case study: the framework and the trade-off catalogue."""

# the questions a candidate asks to get each required fact, so a question finds its fact
FACT_QUESTIONS = {
    "users": " (how many users or people, daily and monthly active)",
    "traffic": " (requests or queries per second, peak load)",
    "catalogue": " (how many items there are, catalogue size, corpus)",
    "latency": " (how fast it must answer, how much time we have, latency budget, response time)",
    "existing-system": " (what exists today, the current system and where it falls short)",
    "cold-start": " (new users or items with no history)",
    "data": " (what data and logs we have)",
    "labels": " (labels, ground truth, what signal we learn from)",
    "constraints": " (limits: privacy, regulation, cost, infrastructure)",
    "goal": " (business goal, objective, what success means)",
}

if TYPE_CHECKING:
    from langchain_text_splitters import RecursiveCharacterTextSplitter


@cache
def _splitter() -> RecursiveCharacterTextSplitter:
    # deferred: LangChain's splitters take a quarter second to import; only an index build cuts chunks
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(chunk_size=MAX_CHARS, chunk_overlap=120)


@dataclass
class Chunk:
    id: str
    text: str
    kind: Kind
    source: str
    case: str = ""
    steps: tuple[str, ...] = ()
    key_point_id: str = ""
    title: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def metadata(self, source_hash: str, source_chunks: int) -> dict[str, str | bool | int]:
        """`source_chunks`: how many chunks the whole file has, so an index whose build was cut off
        part-way through a file is seen to be incomplete."""
        meta: dict[str, str | bool | int] = {
            "chunk_id": self.id,
            "base_id": self.id.split("~")[0],
            "kind": self.kind,
            "source": self.source,
            "source_hash": source_hash,
            "source_chunks": source_chunks,
            "case": self.case,
            "step": self.steps[0] if self.steps else "",
            "steps": ",".join(self.steps),
            "key_point_id": self.key_point_id,
            "title": self.title,
        }
        for step in STEP_IDS:
            meta[f"at_{step}"] = step in self.steps
        return meta


CHUNK_FORMAT = "9"
"""Bump when the way chunks are cut or worded changes: every file is then embedded again."""


def file_hash(path: Path, embeddings_name: str) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update(f"{embeddings_name}|{CHUNK_FORMAT}".encode())
    return digest.hexdigest()[:16]


def _split(chunk: Chunk) -> list[Chunk]:
    if len(chunk.text) <= MAX_CHARS:
        return [chunk]
    parts = _splitter().split_text(chunk.text)
    out = []
    for index, part in enumerate(parts, start=1):
        suffix = "" if index == 1 else f"~{index}"
        out.append(Chunk(**{**chunk.__dict__, "id": chunk.id + suffix, "text": part}))
    return out


def case_chunks(case: CaseStudy) -> list[Chunk]:
    slug, name = case.slug, case.title
    src = case.source
    chunks = [
        Chunk(f"{slug}#opening", f"{name}. Opening prompt: {case.opening_prompt}", "overview", src, slug,
              title="Opening prompt"),
        Chunk(f"{slug}#assumptions", f"{name}. Assumptions for questions the facts do not cover: {case.assumptions}",
              "fact", src, slug, title="Assumptions"),
    ]
    for fact in case.facts:
        asked_as = FACT_QUESTIONS.get(fact.key, "")
        chunks.append(Chunk(f"{slug}#fact.{fact.key}", f"{name}. Scenario fact, {fact.label}{asked_as}: {fact.text}",
                            "fact", src, slug, title=fact.label))
    for step, content in case.steps.items():
        for kp in content.key_points:
            chunks.append(Chunk(
                f"{slug}#kp.{kp.id}",
                f"{STEP_TITLES[step]}, key point: {kp.title}. {kp.text} {kp.ask} ({', '.join(kp.cues)})",
                "key_point", src, slug, (step,), kp.id, kp.title,
            ))
        chunks.append(Chunk(f"{slug}#weak.{step}",
                            f"{name}. {STEP_TITLES[step]}, what a weak answer looks like and gets wrong: "
                            f"{content.weak_answer}", "pitfall", src, slug, (step,), title=f"Weak answer: {step}"))
    for probe in case.probes:
        chunks.append(Chunk(
            f"{slug}#probe.{probe.id}",
            f"{name}. Trade-off probe: {probe.title}. {probe.question} A strong answer weighs: {probe.considerations}",
            "tradeoff", src, slug, (probe.step,), title=probe.title, extra={"tradeoff": probe.tradeoff or ""},
        ))
    pitfalls = " ".join(f"- {p}" for p in case.pitfalls)
    chunks.append(Chunk(f"{slug}#pitfalls", f"{name}. Pitfalls: what candidates usually get wrong, the common "
                        f"mistakes and traps in this design: {pitfalls}", "pitfall", src, slug, title="Pitfalls"))
    deep_dives = " ".join(f"- {d}" for d in case.deep_dives)
    chunks.append(Chunk(f"{slug}#deep-dives", f"{name}. Deep-dive follow-ups: {deep_dives}", "overview", src, slug,
                        title="Deep dives"))
    chunks.append(Chunk(f"{slug}#references", f"{name}. References: " + " ".join(f"- {r}" for r in case.references),
                        "overview", src, slug, title="References"))
    return [piece for chunk in chunks for piece in _split(chunk)]


def tradeoff_chunks(tradeoffs: list[Tradeoff], source: str) -> list[Chunk]:
    chunks = []
    for t in tradeoffs:
        sides = " ".join(f"{side} wins when: {when}" for side, when in t.sides)
        chunks.append(Chunk(f"tradeoffs#{t.id}",
                            f"Trade-off: {t.title}. {sides} A strong answer mentions: {t.strong_answer}",
                            "tradeoff", source, GENERAL, tuple(t.steps), title=t.title))
    return [piece for chunk in chunks for piece in _split(chunk)]


def framework_chunks(framework: Framework, source: str) -> list[Chunk]:
    chunks = [Chunk("framework#overview", f"The ML system design interview framework: {framework.overview}",
                    "framework", source, GENERAL, title="Overview")]
    for s in framework.steps:
        chunks.append(Chunk(
            f"framework#{s.step}",
            f"Framework step {s.title} (about {s.budget_minutes} minutes). Listening for: {s.listening_for} "
            f"Strong signals: {s.strong_signals} Weak signals: {s.weak_signals} Common mistakes: {s.common_mistakes}",
            "framework", source, GENERAL, (s.step,), title=s.title,
        ))
    return [piece for chunk in chunks for piece in _split(chunk)]


def chunked_sources(kb: KnowledgeBase) -> set[str]:
    """The files `chunks_by_source` reads (cases, trade-offs, the framework), without chunking them: the
    challenged claims are read by the engine and never searched, so they are not in the index."""
    return ({c.source for c in kb.cases.values()} | {t.source for t in kb.tradeoffs.values()}
            | ({kb.framework.source} if kb.framework else set()))


def chunks_by_source(kb: KnowledgeBase) -> dict[str, list[Chunk]]:
    """Every chunk, grouped by the file it came from (the unit of incremental rebuilds)."""
    out: dict[str, list[Chunk]] = {}
    for case in kb.cases.values():
        out.setdefault(case.source, []).extend(case_chunks(case))
    for tradeoff in kb.tradeoffs.values():
        out.setdefault(tradeoff.source, []).extend(tradeoff_chunks([tradeoff], tradeoff.source))
    if kb.framework is not None:
        out.setdefault(kb.framework.source, []).extend(framework_chunks(kb.framework, kb.framework.source))
    return out
