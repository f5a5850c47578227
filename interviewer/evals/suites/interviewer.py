"""The interviewer suite: scripted scenarios (evals/interviewer/) run through the real engine, each
expected behaviour checked by code on the transcript."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import Any

from interviewer.config import Settings
from interviewer.domain.session import Turn
from interviewer.engine import events as ev
from interviewer.engine.interview import EngineDeps, Interview
from interviewer.engine.phrasing import FORBIDDEN
from interviewer.evals.datasets import Scenario, load_scenarios
from interviewer.evals.metrics import latency_percentiles
from interviewer.evals.models import EvalContext, ItemResult
from interviewer.text import normalise

QUESTION_MOVES = {"probe", "follow_up", "advance", "redirect"}


class ScenarioResult(ItemResult):
    case: str
    checks: dict[str, bool]
    phrased: int
    phrasing_accepted: int
    ttft_s: list[float]
    turn_s: list[float]


class InterviewerSuite:
    name = "interviewer"
    item_model = ScenarioResult

    def uses_model(self, settings: Settings) -> bool:
        return True

    def config(self, ctx: EvalContext) -> dict[str, Any]:
        engine = ctx.settings.engine
        model = ctx.provider.describe() if ctx.provider else "none"
        return {"prompt_version": ctx.settings.prompt_version, "model": model, "phrasing": engine.phrasing,
                "classifier": engine.classifier}

    async def run(self, ctx: EvalContext) -> list[ScenarioResult]:
        deps = ctx.runtime.prepare(ctx.progress)
        await deps.provider.load()
        return await ctx.gather([partial(run_scenario, s, deps) for s in load_scenarios()], "interviewer")

    def summarize(self, items: Sequence[ScenarioResult]) -> dict[str, float]:
        return summarize(items)

    def regression(self, old: ScenarioResult, new: ScenarioResult) -> str | None:
        lost = [k for k, ok in new.checks.items() if not ok and old.checks.get(k)]
        return f"{new.id}: now fails {', '.join(lost)}" if lost else None


async def run_scenario(scenario: Scenario, deps: EngineDeps) -> ScenarioResult:
    interview = Interview.start(deps, scenario.case, practice=False)
    async for _ in interview.open():
        pass
    before, after, ttfts, totals = [], [], [], []
    for turn in scenario.turns:
        if interview.finished:
            break
        before.append(interview.state.phase)
        start, first = time.perf_counter(), None
        async for event in interview.submit(turn.content(), turn.elapsed_s):
            if isinstance(event, ev.Token) and first is None:
                first = time.perf_counter() - start
        totals.append(time.perf_counter() - start)
        ttfts.append(first if first is not None else totals[-1])
        after.append(interview.state.phase)
    interview.close()
    checks = evaluate(scenario, interview, before, after)
    phrased = [t for t in interview.turns if t.role == "interviewer" and t.move not in ("greet", "answer_fact")]
    return ScenarioResult(
        id=scenario.id, case=scenario.case, checks=checks, phrased=len(phrased),
        phrasing_accepted=sum(1 for t in phrased if t.meta.get("words") == "model"),
        ttft_s=[round(x, 4) for x in ttfts], turn_s=[round(x, 4) for x in totals],
    )


def _pairs(interview: Interview) -> list[tuple[Turn, Turn | None]]:
    turns = interview.turns
    pairs = []
    for index, turn in enumerate(turns):
        if turn.role == "candidate":
            reply = next((t for t in turns[index + 1:] if t.role == "interviewer"), None)
            pairs.append((turn, reply))
    return pairs


def evaluate(scenario: Scenario, interview: Interview, before: Sequence[str], after: Sequence[str]) -> dict[str, bool]:
    pairs = _pairs(interview)
    replies = [t for t in interview.turns if t.role == "interviewer"]
    results: dict[str, bool] = {}
    for n, check in enumerate(scenario.expect):
        name = check["check"]
        i = check.get("turn", 0) - 1
        reply = pairs[i][1] if 0 <= i < len(pairs) else None
        if name == "answers_fact":
            ok = reply is not None and reply.move == "answer_fact" and check["fact"] in reply.meta.get("facts", [])
        elif name == "assumes":
            ok = reply is not None and reply.move == "assume" and not any(c.isdigit() for c in reply.text)
        elif name == "redirects":
            ok = reply is not None and reply.move == "redirect"
        elif name == "probes_within":
            window = [p[1] for p in pairs[i: i + check.get("within", 1)] if p[1] is not None]
            ok = any(r.move == "probe" for r in window)
        elif name == "advances":
            ok = i < len(after) and after[i] == check["to"]
        elif name == "gives_hint":
            ok = reply is not None and reply.move == "hint"
        elif name == "nudges_empty":
            ok = reply is not None and reply.move == "nudge" and i < len(after) and after[i] == before[i]
        elif name == "steers_off_topic":
            ok = reply is not None and reply.move == "steer_back"
        elif name == "stays_in_step":
            ok = i < len(after) and after[i] == before[i] and reply is not None and reply.move != "wrap_up"
        elif name == "handles_huge":
            wanted = scenario.turns[i].content() if i < len(scenario.turns) else ""
            ok = reply is not None and 0 <= i < len(pairs) and pairs[i][0].text == wanted
        elif name == "no_repeated_question":
            asked = [normalise(r.text) for r in replies if r.move in QUESTION_MOVES]
            ok = len(asked) == len(set(asked))
        elif name == "no_score_reveal":
            ok = not any(FORBIDDEN.search(r.text) for r in replies)
        elif name == "finishes":
            ok = interview.finished
        else:
            raise ValueError(f"scenario {scenario.id}: unknown check '{name}'")
        results[f"{name}#{n}"] = bool(ok)
    return results


def summarize(items: Sequence[ScenarioResult]) -> dict[str, float]:
    by_check: dict[str, list[bool]] = defaultdict(list)
    for item in items:
        for key, ok in item.checks.items():
            by_check[key.split("#")[0]].append(ok)
    out: dict[str, float] = {"scenarios": float(len(items))}
    all_checks = [ok for oks in by_check.values() for ok in oks]
    out["pass_rate"] = statistics.fmean(all_checks) if all_checks else 0.0
    out["scenario_pass_rate"] = statistics.fmean(all(i.checks.values()) for i in items) if items else 0.0
    for name, oks in sorted(by_check.items()):
        out[f"pass_{name}"] = statistics.fmean(oks)
    phrased = sum(i.phrased for i in items)
    out["phrasing_accepted_rate"] = sum(i.phrasing_accepted for i in items) / phrased if phrased else 0.0
    out |= latency_percentiles((x for i in items for x in i.ttft_s), "ttft")
    return out | latency_percentiles((x for i in items for x in i.turn_s), "turn")
