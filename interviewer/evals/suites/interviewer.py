"""The interviewer suite, run through the real engine: the scripted scenarios the engine was built against
(evals/interviewer/scenarios.jsonl, dev), whose checks read the engine's moves, and the held-out
candidates written blind (heldout.jsonl, dev and test by case), whose checks read the words said
(`evals.conversation`). Each held-out transcript is kept in the run for the blind graders."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import Any

from pydantic import Field

from interviewer.config import Settings
from interviewer.domain.session import Turn
from interviewer.engine import events as ev
from interviewer.engine.interview import EngineDeps, Interview
from interviewer.engine.phrasing import FORBIDDEN
from interviewer.evals import conversation as words
from interviewer.evals.conversation import Conversation, Exchange, repeated_pairs, turns_per_step
from interviewer.evals.datasets import CandidateTurn, HeldoutCandidate, Scenario, load_candidates, load_scenarios
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
    persona: str = ""
    """Held-out candidates only (scripted scenarios have none)."""
    minutes: float = 0.0
    turns_per_step: dict[str, int] = Field(default_factory=dict)
    repeated_pairs: int = 0
    failures: dict[str, str] = Field(default_factory=dict)
    """Held-out candidates: for each failed word check, the line and the reply that failed it."""
    transcript: list[dict[str, str]] = Field(default_factory=list)
    """Held-out candidates: every line said, for the blind transcript graders."""


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
        if deps.config.phrasing == "model" or deps.config.classifier == "model":
            await deps.provider.load()
        scenarios = load_scenarios() if ctx.split in ("dev", "all", "regression") else []
        candidates = load_candidates("all" if ctx.split == "regression" else ctx.split) \
            if ctx.split != "regression" else []
        jobs = [partial(run_scenario, s, deps) for s in scenarios]
        jobs += [partial(run_candidate, c, deps) for c in candidates]
        return await ctx.gather(jobs, f"interviewer ({ctx.split})")

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


FILLER = "That's all I have on this part."
"""What a held-out candidate says when its writer's turns for the step have run out."""
WORDS_PER_MINUTE = 40
THINK_S = 20


async def run_candidate(candidate: HeldoutCandidate, deps: EngineDeps) -> ScenarioResult:
    """Send the candidate's turns for whichever step the interview is in; turns for a step the interview
    has left are skipped, as a person would follow the interviewer. Time passes as typing would."""
    interview = Interview.start(deps, candidate.case, practice=False)
    conversation = Conversation(candidate.persona)
    async for event in interview.open():
        if isinstance(event, ev.InterviewerTurnDone):
            conversation.interviewer_lines.append((event.turn.text, event.turn.move, ""))
    cursor: dict[str, int] = defaultdict(int)
    elapsed, ttfts, totals, fillers = 0.0, [], [], 0
    while not interview.finished and len(conversation.exchanges) < 80:
        phase = interview.state.phase
        queue = candidate.steps.get(phase, [])
        if cursor[phase] < len(queue):
            turn, filler = queue[cursor[phase]], False
            cursor[phase] += 1
        else:
            turn, filler = CandidateTurn(text=FILLER, intent="move_on"), True
            fillers += 1
            if fillers > 20:
                break
        elapsed += THINK_S + 60 * len(turn.text.split()) / WORDS_PER_MINUTE
        exchange = Exchange(turn.text, turn.intent, turn.expect, phase, filler=filler,
                            previous_question=interview.state.last_question)
        start, first, shown = time.perf_counter(), None, []
        async for event in interview.submit(turn.text, elapsed):
            if isinstance(event, ev.Token):
                first = time.perf_counter() - start if first is None else first
                shown.append(event.text)
            elif isinstance(event, ev.InterviewerTurnDone):
                meta = event.turn.meta
                exchange.reply, exchange.reply_move = event.turn.text, event.turn.move
                exchange.reply_key_point = meta.get("key_point", "")
                conversation.interviewer_lines.append((event.turn.text, event.turn.move, exchange.reply_key_point))
        totals.append(time.perf_counter() - start)
        ttfts.append(first if first is not None else totals[-1])
        exchange.shown = "".join(shown)
        exchange.finished_after = interview.finished
        conversation.exchanges.append(exchange)
        elapsed = max(elapsed, interview.clock.now())
    conversation.minutes = round(elapsed / 60, 1)
    interview.close()
    phrased = [t for t in interview.turns if t.role == "interviewer" and t.move not in ("greet", "answer_fact")]
    failures: dict[str, str] = {}
    checks = words.check(conversation, deps.cases[candidate.case], interview.matcher, failures)
    return ScenarioResult(
        id=candidate.id, case=candidate.case, persona=candidate.persona, checks=checks, failures=failures,
        phrased=len(phrased), phrasing_accepted=sum(1 for t in phrased if t.meta.get("words") == "model"),
        ttft_s=[round(x, 4) for x in ttfts], turn_s=[round(x, 4) for x in totals],
        minutes=conversation.minutes, turns_per_step=turns_per_step(conversation),
        repeated_pairs=repeated_pairs([text for text, _, _ in conversation.interviewer_lines]),
        transcript=[{"role": t.role, "phase": t.phase, "text": t.text} for t in interview.turns],
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
            ok = not any(FORBIDDEN.search(_without_case_questions(r.text, interview)) for r in replies)
        elif name == "finishes":
            ok = interview.finished
        else:
            raise ValueError(f"scenario {scenario.id}: unknown check '{name}'")
        results[f"{name}#{n}"] = bool(ok)
    return results


def _without_case_questions(text: str, interview: Interview) -> str:
    """The reply less the knowledge file's own questions ("How would you score generated answers?" is about
    the design, not the candidate's score)."""
    case = interview.case
    for question in [*(q for kp in case.key_points() for q in (kp.ask, kp.again)),
                     *(q for p in case.probes for q in (p.question, p.again))]:
        if question:
            text = text.replace(question, "")
    return text


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
    heldout = [i for i in items if i.persona]
    if heldout:
        words = [ok for i in heldout for ok in i.checks.values()]
        out["word_check_pass_rate"] = statistics.fmean(words) if words else 0.0
        out["repeated_interviewer_lines"] = float(sum(i.repeated_pairs for i in heldout))
        out["minutes_median"] = statistics.median(i.minutes for i in heldout)
        steps = [n for i in heldout for n in i.turns_per_step.values()]
        out["turns_per_step_median"] = statistics.median(steps) if steps else 0.0
    phrased = sum(i.phrased for i in items)
    out["phrasing_accepted_rate"] = sum(i.phrasing_accepted for i in items) / phrased if phrased else 0.0
    out |= latency_percentiles((x for i in items for x in i.ttft_s), "ttft")
    return out | latency_percentiles((x for i in items for x in i.turn_s), "turn")
