"""Assemble a scorecard: step levels from key-point coverage, cross-cutting levels from transcript rules,
optionally combined with the chat model's evidence-checked rubric judgement; hire signal and level
estimate by the rubric's rules. The same transcript and settings always give the same scorecard."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from interviewer.config import MatchingSettings, ScoringSettings
from interviewer.domain.case import CaseStudy, Challenge
from interviewer.domain.steps import STEP_IDS, STEP_TITLES
from interviewer.matching import CoverageMatcher, Embedder, is_question
from interviewer.scoring.evidence import Quote, TranscriptEvidence, gather, shows_reasoning
from interviewer.scoring.rubric import Rubric
from interviewer.scoring.scorecard import (
    CriterionScore,
    Evidence,
    Improvement,
    MissedPoint,
    Scorecard,
    StepResult,
)
from interviewer.storage.store import StoredSession
from interviewer.text import CONTRAST, QUANTITY


def settings_key(rubric: Rubric, settings: ScoringSettings, matching: MatchingSettings, embeddings: str,
                 judge_model: str | None) -> str:
    """What decides a scorecard besides the transcript: equal keys and transcripts give equal scorecards."""
    raw = json.dumps([rubric.version, settings.model_dump(), matching.model_dump(), embeddings, judge_model],
                     sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _evidence(quotes: list[Quote], limit: int = 3) -> list[Evidence]:
    seen, out = set(), []
    for q in quotes:
        if q.text in seen:
            continue
        seen.add(q.text)
        out.append(Evidence(turn_id=q.turn_id, quote=q.text))
        if len(out) == limit:
            break
    return out


def _band(count: float, cut_2: float, cut_3: float, cut_4: float) -> int:
    return 1 + (count >= cut_2) + (count >= cut_3) + (count >= cut_4)


def step_scores(case: CaseStudy, rubric: Rubric, ev: TranscriptEvidence,
                stored: StoredSession) -> tuple[list[CriterionScore], list[StepResult]]:
    criteria, results = [], []
    for step in STEP_IDS:
        points = case.key_points(step)
        covered = [kp for kp in points if kp.id in ev.hits]
        hinted = [kp.id for kp in covered if kp.id in ev.hinted]
        share = len(covered) / len(points)
        quotes = [Quote(ev.hits[kp.id][1], ev.hits[kp.id][0].evidence) for kp in covered]
        reasons = len(ev.reasons.get(step, ()))
        if step in rubric.asking_steps and covered:
            reasons = max(1, reasons)
        words = ev.step_words.get(step, 0)
        addressed = ev.addressed.get(step, []) + (ev.asked.get(step, []) if step in rubric.asking_steps else [])
        if step not in rubric.mention_steps or len(addressed) <= ev.rejections.get(step, 0):
            addressed = []  # an answer that mostly dismisses the step addresses nothing
        level = rubric.step_level(share, bool(quotes), bool(hinted), reasons, words, bool(addressed))
        unsound = ev.unsound.get(step)
        capped = unsound is not None and level > rubric.max_level_with_unsound_claim
        if capped:
            level = rubric.max_level_with_unsound_claim
        if not quotes:
            quotes = addressed[:1]
        criterion = rubric.criterion(step)
        missed = [kp for kp in points if kp.id not in ev.hits]
        elsewhere = {kp.id: ev.phases[ev.hits[kp.id][1]] for kp in covered
                     if ev.phases.get(ev.hits[kp.id][1], step) != step}
        justification = (
            f"Covered {len(covered)} of {len(points)} key points"
            + (f" ({', '.join(_where(kp.title, elsewhere.get(kp.id)) for kp in covered)})" if covered else "")
            + (f"; missed {', '.join(kp.title for kp in missed)}" if missed else "")
            + (f"; {len(hinted)} only after a hint" if hinted else "")
            + ("; the step was addressed without any of them, which is level 2 here" if level == 2 and not covered
               else "")
            + ("; no reason, trade-off or number given, so at most level "
               f"{rubric.max_level_without_reasoning}" if covered and not reasons else "")
            + (f"; level 4 needs {rubric.min_reasons_for_top} reasons and {rubric.min_words_for_top} words "
               f"in the step ({reasons} and {words} given)" if level == 3 and covered and share >= rubric
               .step_thresholds[2] and not hinted else "")
            + (f"; {unsound[1].lower()} (\"{unsound[0].text}\") does not hold here, so at most level {level}"
               if capped and unsound else "")
            + "."
        )
        criteria.append(CriterionScore(criterion=step, title=criterion.title, scope=step, level=level,
                                       justification=justification, evidence=_evidence(quotes)))
        progress = stored.state.steps.get(step)
        spent = progress.spent_s if progress else 0.0
        if stored.state.phase == step:
            spent = max(spent, stored.state.elapsed_s - stored.state.phase_started_s)
        results.append(StepResult(step=step, title=STEP_TITLES[step], level=level, covered=[kp.id for kp in covered],
                                  missed=[kp.id for kp in missed], hinted=hinted, time_s=round(spent, 1),
                                  said_elsewhere=elsewhere))
    return criteria, results


def _where(title: str, step: str | None) -> str:
    """A covered point's title, with the step it was said in when that is another one: the report says
    where, so a level earned in a step the candidate never answered is not a mystery."""
    return f"{title} [said in {STEP_TITLES.get(step, step)}]" if step else title


def cross_scores(rubric: Rubric, ev: TranscriptEvidence, steps: list[CriterionScore]) -> list[CriterionScore]:
    """The cross-cutting criteria, each from what the transcript shows, so a three-minute run-through
    cannot look like a thorough interview: navigation from steps answered with substance, depth from
    steps answered in depth, communication from how fully each answer is made."""
    with_evidence = [s for s in steps if s.level >= 2]
    solid = [s for s in steps if s.level >= 3]
    deep = [s for s in steps if s.level == 4]
    nav_level = 1 if not with_evidence else 2 + (len(solid) >= 3) + (len(solid) >= 6)
    nav_quotes = [Quote(s.evidence[0].turn_id, s.evidence[0].quote) for s in with_evidence]
    tradeoffs = len({q.text for q in ev.tradeoff_quotes})
    trade_level = _band(tradeoffs, 1, 2, 4)
    numbers = len({q.text for q in ev.quantitative_quotes})
    depth_level = (4 if len(deep) >= 4 and numbers >= 3 else 3 if len(deep) >= 2 or (deep and numbers)
                   else 2 if solid else 1)
    depth_quotes = ev.quantitative_quotes + [Quote(e.turn_id, e.quote) for s in deep + solid for e in s.evidence]
    substantive_turns = len({q.turn_id for q in ev.substantive_quotes})
    ratio = substantive_turns / max(1, ev.candidate_turns)
    per_answer = sum(ev.step_words.values()) / max(1, ev.candidate_turns)  # words about the design
    comm_level = 1 if not substantive_turns else (2 if ratio < 0.4 or substantive_turns < 2 else
                                                  (3 if ratio < 0.75 or substantive_turns < 5 else 4))
    comm_level = min(comm_level, 2 if per_answer < 25 else 3 if per_answer < 60 else 4)
    rows = [
        ("navigation", nav_level, nav_quotes,
         f"Substance in {len(with_evidence)} of 7 steps, {len(solid)} of them at level 3 or above."),
        ("tradeoffs", trade_level, ev.tradeoff_quotes, f"{tradeoffs} statements weighing alternatives."),
        ("depth", depth_level, depth_quotes,
         f"{len(deep)} steps answered in depth, {len(solid)} at level 3 or above, "
         f"{numbers} quantitative statements."),
        ("communication", comm_level, ev.substantive_quotes,
         f"{substantive_turns} of {ev.candidate_turns} turns answered with substance, "
         f"{round(per_answer)} words an answer."),
    ]
    out = []
    for criterion_id, level, quotes, why in rows:
        evidence = _evidence(quotes)
        level = level if evidence else 1
        c = rubric.criterion(criterion_id)
        out.append(CriterionScore(criterion=criterion_id, title=c.title, scope="cross", level=level,
                                  justification=why, evidence=evidence))
    return out


def pointer(case: CaseStudy, kp_id: str) -> str:
    kp = case.key_point(kp_id)
    return f"{case.source}:{kp.line} (search id {case.slug}#kp.{kp_id})"


def improvements(rubric: Rubric, criteria: list[CriterionScore], case: CaseStudy,
                 steps: list[StepResult]) -> list[Improvement]:
    """The 3-5 most valuable things to work on: the lowest criteria first (steps in interview order on
    ties), each with the next level's description and, for steps, the points that were missed."""
    order = {c.id: i for i, c in enumerate(rubric.criteria)}
    missed = {s.step: s.missed for s in steps}
    ranked = sorted((c for c in criteria if c.level < 4), key=lambda c: (c.level, order[c.criterion]))
    out = []
    for c in ranked[:5]:
        # the bar to aim for is a hire-level answer (level 3), not the next rung below it
        goal = rubric.criterion(c.criterion).describe(max(3, c.level + 1))
        text = f"{c.title}: aim for \"{goal}\""
        if missed.get(c.scope):
            titles = [case.key_point(k).title for k in missed[c.scope][:3]]
            text += f" You did not cover: {', '.join(titles)}."
        out.append(Improvement(text=text, criterion=c.criterion))
    return out


def strengths(criteria: list[CriterionScore]) -> list[str]:
    """What went well, each with what was counted and a quote that shows it: never a question, and for
    depth a sentence with a number when numbers were counted."""
    best = sorted((c for c in criteria if c.level >= 3), key=lambda c: (-c.level, c.criterion))
    out = []
    for c in best[:4]:
        quote = _showing(c)
        if quote:
            out.append(f"{c.title} (level {c.level}): {c.justification} For example: \"{quote}\"")
    return out


def _showing(c: CriterionScore) -> str:
    quotes = [e.quote for e in c.evidence if not is_question(e.quote)]
    preferred = {"depth": QUANTITY, "tradeoffs": CONTRAST}.get(c.criterion)
    if preferred is not None:
        quotes = sorted(quotes, key=lambda q: not preferred.search(q))
    else:
        quotes = sorted(quotes, key=lambda q: not shows_reasoning(q))
    return quotes[0] if quotes else ""


def combine(mode: str, coverage: CriterionScore, judged: CriterionScore | None) -> CriterionScore:
    if judged is None or mode == "coverage":
        return coverage
    if mode == "judge":
        return judged
    level = min(coverage.level, judged.level) if mode == "min" else (coverage.level + judged.level) // 2
    evidence = coverage.evidence + [e for e in judged.evidence if e not in coverage.evidence]
    if level > 1 and not evidence:
        level = 1
    return coverage.model_copy(update={
        "level": level, "evidence": evidence[:4], "source": "combined",
        "justification": f"{coverage.justification} Judge: {judged.justification}",
    })


def build_scorecard(
    stored: StoredSession,
    case: CaseStudy,
    rubric: Rubric,
    settings: ScoringSettings,
    matching: MatchingSettings,
    *,
    embedder: Embedder | None,
    embeddings_name: str,
    judged: dict[str, CriterionScore] | None = None,
    judge_model: str | None = None,
    partial: bool = False,
    notes: list[str] | None = None,
    other_cases: Sequence[CaseStudy] = (),
    challenges: Sequence[Challenge] = (),
) -> Scorecard:
    """`embedder`: used only when `matching.use_embeddings` is on. `other_cases`: the rest of the
    catalogue, so an answer about another product earns nothing here. `challenges`: claims that do not hold
    (knowledge/challenges.md), which cap the step that makes them."""
    matcher = CoverageMatcher(case, embedder if matching.use_embeddings else None, matching.threshold,
                              other_cases=other_cases)
    ev = gather(case, stored.turns, matcher, stored.notes, challenges)
    steps, results = step_scores(case, rubric, ev, stored)
    criteria = steps + cross_scores(rubric, ev, steps)
    criteria = [combine(settings.combine, c, (judged or {}).get(c.criterion)) for c in criteria]
    levels = {c.criterion: c.level for c in criteria}
    missed = [
        MissedPoint(key_point_id=kp_id, step=r.step, title=case.key_point(kp_id).title,
                    text=case.key_point(kp_id).text, pointer=pointer(case, kp_id))
        for r in results for kp_id in r.missed
    ]
    card = {
        "session_id": stored.info.id, "case": case.slug, "case_title": case.title,
        "rubric_version": rubric.version,
        "settings_key": settings_key(rubric, settings, matching, embeddings_name, judge_model),
        "criteria": [c.model_dump() for c in criteria], "steps": [r.model_dump() for r in results],
        "hire_signal": rubric.hire_signal(levels, ev.words if stored.info.status == "finished" else None),
        "level_estimate": rubric.level_estimate(levels),
        "strengths": strengths(criteria),
        "improvements": [i.model_dump() for i in improvements(rubric, criteria, case, results)],
        "missed_key_points": [m.model_dump() for m in missed],
        "hints_used": stored.state.hints_used, "total_time_s": round(stored.state.elapsed_s, 1),
        "partial": partial, "notes": notes or [],
    }
    # validated against the transcript: every quote must be in the turn it names
    return Scorecard.model_validate(card, context={"candidate_turns": ev.turns})
