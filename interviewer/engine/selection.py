"""Which key point or probe the interviewer asks about next: what can still be asked in this step, the
probe whose trigger words an answer uses, the first retrieved item that takes up the answer's words, and
the easier part of a question the candidate could not answer. Decided in code; the policy turns the
chosen item into a move."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from interviewer.domain.case import CaseStudy, KeyPoint, Probe
from interviewer.domain.session import SessionState
from interviewer.domain.steps import PhaseId
from interviewer.phrases import GENERIC_WORDS
from interviewer.text import content_words, cue_pattern, normalise

if TYPE_CHECKING:
    from interviewer.engine.policy import PolicyConfig
    from interviewer.knowledge.index import KnowledgeIndex


def related_items(index: KnowledgeIndex, case_slug: str, phase: str, text: str) -> list[str]:
    """The case's probes and key points of this step closest to what the candidate just said, from the
    knowledge index ("probe:<id>", "kp:<id>"), closest first."""
    prefix = f"{case_slug}#"
    out: list[str] = []
    for hit in index.search(text[:2000], case=case_slug, step=phase, k=8):
        kind, _, item_id = hit.base_id.removeprefix(prefix).partition(".")
        if kind in ("kp", "probe") and f"{kind}:{item_id}" not in out:
            out.append(f"{kind}:{item_id}")
    return out


SAME_SUBJECT = 3
"""Words of substance a question shares with one asked before that make it the same question again in
other words ("how would you choose the negative examples ... teach the model?" and "how would you pick
negatives for the skip-gram model ... teach it?")."""


def asked_before(question: str, state: SessionState) -> bool:
    """Whether `question`, or one about the same thing, was asked earlier in the interview."""
    mine = _substance(question)
    return normalise(question) in state.asked or any(
        len(mine & _substance(earlier)) >= SAME_SUBJECT for earlier in state.asked)


def _substance(question: str) -> set[str]:
    return content_words(question, min_length=4) - GENERIC_WORDS - PLAIN_WORDS


def eligible_probe(probe: Probe, state: SessionState, phase: PhaseId, config: PolicyConfig) -> bool:
    done = {p for s in state.steps.values() for p in s.probes} | set(state.declined) | set(state.settled)
    return (len(state.progress(phase).probes) < config.max_probes and probe.id not in done
            and not asked_before(probe.question, state))


def eligible_point(kp: KeyPoint, state: SessionState, phase: PhaseId, config: PolicyConfig) -> bool:
    progress = state.progress(phase)
    return (len(progress.followups) < config.max_followups and kp.step == phase and not state.covered(kp.id)
            and kp.id not in progress.followups and kp.id not in state.declined and kp.id not in state.mentioned
            and not asked_before(kp.ask, state))


def probe_by_cues(case: CaseStudy, state: SessionState, phase: PhaseId, text: str,
                  config: PolicyConfig) -> Probe | None:
    """Cue triggers: the probe whose trigger words the answer uses most (this step's probes first)."""
    candidates = []
    for probe in case.probes:
        if not eligible_probe(probe, state, phase, config):
            continue
        hits = sum(1 for t in probe.triggers if cue_pattern(t).search(text))
        if hits:
            # a probe for the current step ranks above one for another step
            candidates.append((hits + (1 if probe.step == phase else 0), -case.probes.index(probe), probe))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[0], c[1]))[2]


def triggered(probe: Probe, text: str) -> bool:
    """The answer names what the probe is about: a probe presupposes a design ("why a two-tower model?")
    and must not be asked of a candidate who never proposed it."""
    return any(cue_pattern(t).search(text) for t in probe.triggers)


def retrieved(case: CaseStudy, state: SessionState, phase: PhaseId, related: list[str],
               config: PolicyConfig, text: str) -> Probe | KeyPoint | None:
    """Among the first items, in retrieval order, that can still be asked (a probe of this step whose
    subject the answer names, or a key point of this step the candidate has not covered or come near
    anywhere), the first whose question takes up a word of the answer: retrieval ranks by meaning, and a
    question that names what the candidate said is one the candidate hears as following on."""
    def can_ask(item: Probe | KeyPoint | None) -> bool:
        if isinstance(item, Probe):
            return item.step == phase and eligible_probe(item, state, phase, config) and triggered(item, text)
        return item is not None and eligible_point(item, state, phase, config)

    askable = [item for ref in related if (item := _item(case, ref.partition(":")[2])) is not None and can_ask(item)]
    first = askable[:config.retrieved_choices]
    return next((item for item in first if takes_up(question_of(item), text)), askable[0] if askable else None)


PLAIN_WORDS = frozenset(content_words(
    "first second answer answering question think would could should make need want like good going really "
    "something things just step design able based time also well using approach work works", min_length=4))
"""Words any answer and any question may share: sharing one does not make a question follow on."""


def takes_up(question: str, text: str) -> bool:
    """Whether `question` names a word of substance of the answer `text`: one the candidate hears as
    following on from what they said."""
    return bool(content_words(question, min_length=4)
                & (content_words(text, min_length=4) - GENERIC_WORDS - PLAIN_WORDS))


def question_of(item: Probe | KeyPoint) -> str:
    return item.question if isinstance(item, Probe) else item.ask


def smaller_part(case: CaseStudy, state: SessionState, phase: PhaseId, related: list[str] | None,
                 or_first_open: bool = False) -> tuple[KeyPoint | Probe, str] | None:
    """The item the candidate is stuck on and its easier part (`Smaller:`), not asked yet: the closest
    retrieved item of this step when the turn names what it cannot answer (`related`), else the last
    question's item, else (`or_first_open`, after a step's opening question) the step's first open point."""
    first_open = ([kp.id for kp in case.key_points(phase) if kp.smaller and not state.covered(kp.id)][:1]
                  if or_first_open and not state.last_item else [])
    for item_id in [ref.partition(":")[2] for ref in related or []] + [state.last_item] + first_open:
        item = _item(case, item_id)
        if item is None or item.step != phase or not item.smaller or item_id in state.narrowed \
                or normalise(item.smaller) in state.asked or (isinstance(item, KeyPoint) and state.covered(item_id)):
            continue
        return item, item.smaller
    return None


def _item(case: CaseStudy, item_id: str) -> KeyPoint | Probe | None:
    """The probe or key point with this id (a key point's id names its step: "data.splits")."""
    probe = next((p for p in case.probes if p.id == item_id), None)
    if probe is not None or "." not in item_id:
        return probe
    try:
        return case.key_point(item_id)
    except KeyError:
        return None


EVALUATION = re.compile(r"\b(evaluation|metrics|experiments?|test|testing)\b", re.I)
"""A key point about judging the model, read from its title ("Offline evaluation", "Online experiment")."""
EVALUATION_STEPS = ("model", "serving")
"""Steps whose names say evaluation ("model development and offline evaluation", "deployment, serving and
online evaluation")."""


def unasked_evaluation(case: CaseStudy, state: SessionState, phase: PhaseId) -> KeyPoint | None:
    """This step's evaluation point, when the step names evaluation, the candidate has said nothing of it
    (covered or come near, anywhere) and it has not been asked: the dev graders' "moved through the model and
    deployment steps without ever getting offline or online evaluation". Asked even after the step's other
    follow-ups: leaving a step without how the model is judged is the gap, not one question more. (Asked
    when the candidate only came near it, it asked again for "for evaluation I'd measure recall by face size
    against the legacy system".)"""
    if phase not in EVALUATION_STEPS:
        return None
    points = [kp for kp in case.key_points(phase) if EVALUATION.search(kp.title)]
    if any(state.covered(kp.id) or kp.id in state.mentioned for kp in points):
        return None
    progress = state.progress(phase)
    return next((kp for kp in points if kp.id not in progress.followups and kp.id not in state.declined
                 and not asked_before(kp.ask, state)), None)


def next_follow_up(case: CaseStudy, state: SessionState, phase: PhaseId, config: PolicyConfig) -> KeyPoint | None:
    for kp in case.key_points(phase):
        if eligible_point(kp, state, phase, config):
            return kp
    return None
