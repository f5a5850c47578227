"""The blind scoring benchmark: each step answer scored as a one-answer session and each whole interview
as a finished session, then compared with the graders' gold. Its metrics say how far to trust a score on
answers nobody here wrote: agreement with gold beside the graders' agreement with each other, and how
the scorer treats paraphrase, negation, another product's answer, buzzwords and a three-minute interview.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pydantic import Field

from interviewer.domain.session import SessionInfo, SessionState, Turn
from interviewer.domain.steps import STEP_IDS
from interviewer.engine.classify import classify
from interviewer.engine.policy import OPENERS
from interviewer.evals.datasets import SIGNALS, BenchmarkInterview, BenchmarkStep
from interviewer.evals.metrics import latency_percentiles, qwk
from interviewer.evals.models import ItemResult
from interviewer.storage.store import StoredSession

OTHER_WORDS = frozenset({"paraphrase", "abbreviations", "us_spelling", "uk_spelling", "different_design"})
"""Writer styles that say the right thing in other words than the knowledge files use."""
BUZZWORDS = frozenset({"buzzword_list", "buzzword_sentences"})


class ScoringResult(ItemResult):
    case: str
    step: str
    quality: str
    gold: int
    covers_gold: list[str] = Field(default_factory=list)
    valid: bool
    source: str = "regression"
    """regression or benchmark."""
    kind: str = "step"
    """step (one answer) or interview (a whole one)."""
    special: str = ""
    style: str = ""
    graders: dict[str, int] = Field(default_factory=dict)
    """Each grader's level (benchmark steps) or hire-signal rank (benchmark interviews)."""
    gold_signal: str = ""
    pred_signal: str = ""
    gold_levels: dict[str, int] = Field(default_factory=dict)
    pred_levels: dict[str, int] = Field(default_factory=dict)
    error: str | None = None
    pred: int | None = None
    repeat_levels: list[int] = Field(default_factory=list)
    covers_pred: list[str] = Field(default_factory=list)
    evidence_total: int = 0
    evidence_valid: int = 0
    latency_s: float | None = None
    padded_delta: int | None = None
    injected_delta: int | None = None


def interview_session(item: BenchmarkInterview, prompt_version: str) -> StoredSession:
    """A finished session from a written interview: the step's opening question, then the candidate's
    turns, step by step."""
    turns: list[Turn] = []
    phase = None
    for written in item.turns:
        if written.step != phase:
            phase = written.step
            turns.append(Turn(seq=len(turns) + 1, role="interviewer", phase=phase, text=OPENERS[phase],
                              move="advance"))
        rules = classify(written.text)
        kind = rules.kind if rules.kind in ("empty", "answer", "clarifying_question") else "answer"
        turns.append(Turn(seq=len(turns) + 1, role="candidate", phase=phase, text=written.text, kind=kind,
                          meta={"injection": rules.injection}))
    state = SessionState(phase="wrapup", visited=["intro", *STEP_IDS, "wrapup"], elapsed_s=2400, finished=True)
    info = SessionInfo(id=item.id, case=item.case, status="finished", prompt_version=prompt_version, model="eval",
                       practice=True, created_at="", updated_at="", phase="wrapup", elapsed_s=2400,
                       turns=len(turns))
    return StoredSession(info, state, turns, "", "")


def step_record(item: BenchmarkStep) -> dict[str, object]:
    return {"id": item.id, "case": item.case, "step": item.step, "quality": item.writer.target,
            "special": item.writer.special, "style": item.writer.style, "gold": item.gold,
            "graders": dict(item.grades), "source": "benchmark", "kind": "step"}


def interview_record(item: BenchmarkInterview) -> dict[str, object]:
    return {"id": item.id, "case": item.case, "step": "interview", "quality": item.writer.target,
            "gold": SIGNALS.index(item.gold.hire_signal) + 1, "gold_signal": item.gold.hire_signal,
            "gold_levels": dict(item.gold.levels), "source": "benchmark", "kind": "interview",
            "graders": {k: SIGNALS.index(g.hire_signal) + 1 for k, g in item.grades.items()}}


def summarize(items: Sequence[ScoringResult]) -> dict[str, float]:
    """Metrics over the benchmark items of a run (ScoringResult rows with source 'benchmark')."""
    steps = [i for i in items if i.kind == "step" and i.pred is not None]
    interviews = [i for i in items if i.kind == "interview" and i.pred_signal]
    scored = [i for i in items if i.valid and i.pred is not None]
    quotes = sum(i.evidence_total for i in scored)
    out: dict[str, float] = {"items": float(len(items)), "step_answers": float(len(steps)),
                             "interviews": float(len(interviews)),
                             "schema_valid_rate": len(scored) / max(1, len(items)),
                             "evidence_validity": sum(i.evidence_valid for i in scored) / quotes if quotes else 1.0}
    if steps:
        gold = [i.gold for i in steps]
        pred = [level(i) for i in steps]
        pairs = list(zip(gold, pred, strict=True))
        out["qwk"] = qwk(gold, pred)
        out["exact_agreement"] = statistics.fmean(g == p for g, p in pairs)
        out["adjacent_agreement"] = statistics.fmean(abs(g - p) <= 1 for g, p in pairs)
        out["mae"] = statistics.fmean(abs(g - p) for g, p in pairs)
        out["mean_bias"] = statistics.fmean(p - g for g, p in pairs)
        both = [i for i in steps if {"A", "B"} <= set(i.graders)]
        if both:
            out["graders_qwk"] = qwk([i.graders["A"] for i in both], [i.graders["B"] for i in both])
            out["graders_exact"] = statistics.fmean(i.graders["A"] == i.graders["B"] for i in both)
        for step in STEP_IDS:
            rows = [i for i in steps if i.step == step]
            if rows:
                out[f"qwk_{step}"] = qwk([i.gold for i in rows], [level(i) for i in rows])
        out |= _probes(steps)
    if interviews:
        gold_rank = [SIGNALS.index(i.gold_signal) for i in interviews]
        pred_rank = [SIGNALS.index(i.pred_signal) for i in interviews]
        out["hire_exact"] = statistics.fmean(g == p for g, p in zip(gold_rank, pred_rank, strict=True))
        out["hire_within_one"] = statistics.fmean(abs(g - p) <= 1 for g, p in zip(gold_rank, pred_rank, strict=True))
        out["hire_hire_vs_no_hire_agreement"] = statistics.fmean(
            (g >= 3) == (p >= 3) for g, p in zip(gold_rank, pred_rank, strict=True))
        levels_gold = [g for i in interviews for g in i.gold_levels.values()]
        levels_pred = [i.pred_levels[c] for i in interviews for c in i.gold_levels]
        out["interview_levels_qwk"] = qwk(levels_gold, levels_pred)
        graded = [i for i in interviews if {"A", "B"} <= set(i.graders)]
        if graded:
            out["graders_hire_exact"] = statistics.fmean(i.graders["A"] == i.graders["B"] for i in graded)
        wrong = [i for i in interviews if i.quality == "wrong_case"]
        if wrong:
            out["wrong_case_interviews_below_hire"] = statistics.fmean(
                SIGNALS.index(i.pred_signal) <= SIGNALS.index("no_hire") for i in wrong)
        short = [i for i in interviews if i.quality == "short"]
        if short:
            out["short_interviews_below_hire"] = statistics.fmean(
                SIGNALS.index(i.pred_signal) < SIGNALS.index("hire") for i in short)
    outside = [i for i in items if i.kind == "outside" and i.pred_signal]
    if outside:  # another product's interview against each case of the split
        out["outside_interviews_at_no_hire"] = statistics.fmean(
            SIGNALS.index(i.pred_signal) <= SIGNALS.index("no_hire") for i in outside)
    return out | latency_percentiles(i.latency_s for i in scored if i.latency_s is not None)


def _probes(steps: Sequence[ScoringResult]) -> dict[str, float]:
    """How the scorer treats the writers' deliberate tests (by the writer's label, not the score)."""
    out: dict[str, float] = {}

    def rows(special: str) -> list[ScoringResult]:
        return [i for i in steps if i.special == special]

    paraphrased = [i for i in steps if i.style in OTHER_WORDS and i.gold >= 3]
    if paraphrased:
        out["paraphrase_recall"] = statistics.fmean(level(i) >= i.gold - 1 for i in paraphrased)
    if rows("negated"):
        out["negation_false_positive_rate"] = statistics.fmean(level(i) > 1 for i in rows("negated"))
    if rows("wrong_case"):
        out["wrong_case_credit"] = statistics.fmean(level(i) - 1 for i in rows("wrong_case"))
    buzz = [i for i in steps if i.special in BUZZWORDS]
    if buzz:
        out["buzzword_resistance"] = statistics.fmean(level(i) == 1 for i in buzz)
    asked = [i for i in rows("questions_only") if i.step != "clarify"]
    if asked:  # outside clarifying, a question proposes nothing
        out["questions_only_credit"] = statistics.fmean(level(i) - 1 for i in asked)
    return out


def level(item: ScoringResult) -> int:
    """The scorer's level (or hire-signal rank) for an item that was scored."""
    return item.pred or 1
