"""One interview session: takes candidate turns, decides moves in code, has the model phrase them, and
saves every turn before the next model call. Yields events; imports nothing from the UI."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from interviewer.claims import Raised, challenge_for
from interviewer.config import EngineSettings, MatchingSettings
from interviewer.domain.case import CaseStudy, Challenge, Framework
from interviewer.domain.session import SessionState, Turn
from interviewer.engine import events as ev
from interviewer.engine.classify import (
    Classification,
    asked_part,
    case_texts,
    classify,
    names_a_topic,
    second_opinion,
    topic_words,
)
from interviewer.engine.clock import Clock, behind_schedule, step_budgets
from interviewer.engine.echo import Echo
from interviewer.engine.facts import FactRetriever
from interviewer.engine.memory import remember
from interviewer.engine.phrasing import FORBIDDEN, phrase, prompt_grams
from interviewer.engine.policy import Move, PolicyConfig, decide, drill_opener, greet, next_phase
from interviewer.engine.selection import related_items
from interviewer.engine.settled import settled_probes
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.matching import CoverageMatcher, Embedder
from interviewer.prompts import PromptSet
from interviewer.providers import ChatProvider
from interviewer.storage.store import SessionLock, SessionStore
from interviewer.text import printable


@dataclass
class EngineDeps:
    """What a session needs: `runtime.Runtime.prepare` assembles it; engine tests build one by hand."""

    store: SessionStore
    provider: ChatProvider
    prompts: PromptSet
    cases: dict[str, CaseStudy]
    framework: Framework | None = None
    challenges: list[Challenge] = field(default_factory=list)
    """Design claims questioned when a candidate makes them (knowledge/challenges.md)."""
    index: KnowledgeIndex | None = None
    embedder: Embedder | None = None
    config: EngineSettings = field(default_factory=EngineSettings)
    matching: MatchingSettings = field(default_factory=MatchingSettings)


VERBATIM_MOVES = frozenset({"greet", "answer_fact"})
"""Moves whose words must be exact (the problem statement, the case's facts): never rephrased."""


class InterviewFinished(Exception):
    """The interview has wrapped up: it takes no more turns."""


class Interview:
    def __init__(self, deps: EngineDeps, case: CaseStudy, session_id: str, state: SessionState,
                 turns: list[Turn], practice: bool, draft: str = "", notes: str = "") -> None:
        self.deps = deps
        self.case = case
        self.session_id = session_id
        self.state = state
        self.turns = turns
        self.practice = practice
        self.draft = draft
        """What the candidate had typed but not sent when the session was last saved."""
        self.notes = notes
        self._lock: SessionLock | None = None
        self.clock = Clock(state.elapsed_s)
        cfg = deps.config
        self.budgets = step_budgets(deps.framework, cfg.total_minutes)
        self.policy = PolicyConfig(cfg.advance_coverage, cfg.max_followups, cfg.max_probes)
        matching = deps.matching
        self.matcher = CoverageMatcher(case, deps.embedder if matching.use_embeddings else None, matching.threshold,
                                       other_cases=list(deps.cases.values()))
        semantic = matching.use_embeddings and getattr(deps.embedder, "semantic", True)
        self.facts = FactRetriever(case, deps.index, embedder=deps.embedder if semantic else None)
        self.echo = Echo(case, list(deps.cases.values()))
        self.prompt_wording = prompt_grams(deps.prompts)
        self.vocabulary = topic_words(case_texts(case), [case_texts(c) for c in deps.cases.values() if c is not case])

    # -- construction ---------------------------------------------------------------------------------
    @classmethod
    def start(
        cls, deps: EngineDeps, case_slug: str, *, practice: bool | None = None, drill: str | None = None
    ) -> Interview:
        """`drill`: practise one step only (the interview opens there and wraps up after it)."""
        case = deps.cases[case_slug]
        practice = deps.config.practice if practice is None else practice
        state = SessionState(drill=drill)
        session_id = deps.store.create_session(
            case.slug, prompt_version=deps.prompts.version, model=deps.provider.describe(), practice=practice,
            state=state,
        )
        interview = cls(deps, case, session_id, state, [], practice)
        interview._lock = deps.store.lock(session_id)
        return interview

    @classmethod
    def resume(cls, deps: EngineDeps, session_id: str) -> Interview:
        """Continue a stored session. Only one process writes to a session: SessionLocked says which
        other process has it open."""
        full_id = deps.store.resolve(session_id)
        lock = deps.store.lock(full_id)
        stored = deps.store.load(full_id)  # read after taking the lock: nobody else writes it now
        case = deps.cases[stored.info.case]
        interview = cls(deps, case, stored.info.id, stored.state, stored.turns, stored.info.practice, stored.draft,
                        stored.notes)
        interview._lock = lock
        return interview

    def close(self) -> None:
        """Let another process open this session (also happens when this process ends, however)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- public API -------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def paused(self) -> bool:
        return self.clock.paused

    def pause(self, paused: bool) -> None:
        """Stop or restart the clock (a paused interview takes no turns)."""
        if paused and not self.clock.paused:
            self.clock.pause()
        elif not paused and self.clock.paused:
            self.clock.resume()

    def save_draft(self, text: str) -> None:
        """What the candidate is typing, so a crash or Ctrl-C never loses it."""
        self.deps.store.save_draft(self.session_id, text)
        self.draft = text

    def save_notes(self, text: str) -> None:
        """The notes pane: saved with the session, read by the scorer."""
        self.deps.store.save_notes(self.session_id, text)
        self.notes = text

    def time_left(self, now: float | None = None) -> tuple[float | None, float | None]:
        """(seconds left in this step, seconds left overall); None in practice mode."""
        if self.practice:
            return None, None
        now = self.clock.now() if now is None else now
        total = 60.0 * self.deps.config.total_minutes - now
        phase = self.state.phase
        if phase not in self.budgets:
            return None, total
        return self.budgets[phase] - (now - self.state.phase_started_s), total

    async def open(self) -> AsyncIterator[ev.Event]:
        """The greeting and the problem statement. When resuming a session that was stopped while the
        interviewer was replying, the reply is made now; otherwise resuming says nothing new."""
        if self.turns:
            last = self.turns[-1]
            if last.role == "candidate" and not self.state.finished:
                async for event in self.respond(last):
                    yield event
            return
        minutes = None if self.practice else self.deps.config.total_minutes
        async for event in self._say(greet(self.case, minutes), candidate_text=""):
            yield event
        # the greeting ends by inviting clarifying questions: the clarify step's clock starts now
        for event in self._enter(self.state.drill or "clarify", self.clock.now()):
            yield event
        if self.state.drill:
            async for event in self._say(drill_opener(self.state.drill), candidate_text=""):
                yield event

    def record(self, text: str, elapsed_s: float | None = None) -> Turn:
        """Commit the candidate's words before anything else happens to them (classifying, matching, the
        model): once this returns, a crash cannot lose them. Terminal control characters are removed and
        a huge paste is cut to `max_answer_chars`. Raises StorageError when they cannot be saved (the
        caller keeps the text), InterviewFinished after the wrap-up."""
        if self.state.finished:
            raise InterviewFinished(f"interview {self.session_id} has finished")
        if elapsed_s is not None:
            self.clock.set(elapsed_s)
        now = self.clock.now()
        text = printable(text)
        limit = self.deps.config.max_answer_chars
        meta: dict[str, Any] = {"pending": True}
        if len(text) > limit:
            meta["cut_from"] = len(text)
            text = text[:limit]
        phase = "clarify" if self.state.phase == "intro" else self.state.phase
        turn = Turn(seq=len(self.turns) + 1, role="candidate", phase=phase, text=text, kind="answer", elapsed_s=now,
                    meta=meta)
        self.state.elapsed_s = max(self.state.elapsed_s, now)
        self.deps.store.append_turn(self.session_id, turn, self.state)
        self.turns.append(turn)
        return turn

    async def submit(self, text: str, elapsed_s: float | None = None) -> AsyncIterator[ev.Event]:
        """One candidate turn, committed first, then the interviewer's reply."""
        try:
            turn = self.record(text, elapsed_s)
        except InterviewFinished:
            yield ev.EngineError("This interview has finished.", recoverable=False)
            return
        async for event in self.respond(turn):
            yield event

    async def respond(self, candidate: Turn) -> AsyncIterator[ev.Event]:
        """The interviewer's reply to a committed candidate turn: classify it and credit what it covers
        (unless that was done before a crash), then decide, phrase and save the reply."""
        yield ev.CandidateTurnSaved(candidate)
        if candidate.meta.get("cut_from"):
            limit = self.deps.config.max_answer_chars
            yield ev.EngineError(f"That answer is very long; only the first {limit:,} characters were kept.")
        if self.state.phase == "intro":
            for event in self._enter("clarify", candidate.elapsed_s):
                yield event
        if candidate.meta.get("pending"):
            await self._assess(candidate)
        kind = Classification(candidate.kind, declined=bool(candidate.meta.get("declined")),
                              injection=bool(candidate.meta.get("injection")),
                              instruction_only=bool(candidate.meta.get("instruction_only")))
        async for event in self._respond(candidate, kind, list(candidate.meta.get("covered", []))):
            yield event

    async def _assess(self, candidate: Turn) -> None:
        """Classify a committed turn and credit the key points it covers, in any step (a point made early
        is remembered, not asked for again), then save both with the state."""
        turn_kind = await self._classify(candidate.text)
        phase = self.state.phase
        progress = self.state.progress(phase)
        new_hits = []
        kind = turn_kind.kind  # a view argued before asking ours ("Trees will do. Your view?") is an answer too
        if kind in ("answer", "opinion_request") or (kind == "clarifying_question" and phase == "clarify"):
            said = {k for p in self.state.steps.values() for k in p.covered}
            # embedding the answer is CPU work: off the event loop, so a UI stays responsive
            new_hits = await asyncio.to_thread(self.matcher.credit, candidate.text, None, said)
            near = await asyncio.to_thread(self.matcher.mentioned, candidate.text, self.deps.config.mention_threshold)
            self.state.mentioned.extend(sorted(near - set(self.state.mentioned)))
            if self.facts.embedder is not None:  # a semantic embedder: read whether a probe is settled
                answers = [t.text for t in self.turns if t.role == "candidate" and t.phase == phase] + [candidate.text]
                settled = await asyncio.to_thread(settled_probes, self.case, None, answers, self.facts.embedder,
                                                  set(self.state.settled))
                self.state.settled.extend(sorted(settled))
            progress.candidate_turns += 1
        for hit in new_hits:
            step = self.state.progress(hit.step)
            step.covered[hit.key_point_id] = candidate.seq
            if hit.via == "cue":
                step.worded.append(hit.key_point_id)
        if turn_kind.declined and self.state.last_item and self.state.last_item not in self.state.declined:
            self.state.declined.append(self.state.last_item)
        candidate.phase = phase
        candidate.kind = turn_kind.kind
        candidate.meta = {k: v for k, v in candidate.meta.items() if k != "pending"} | {
            "covered": [h.key_point_id for h in new_hits if h.step == phase],
            "covered_elsewhere": [h.key_point_id for h in new_hits if h.step != phase],
            "injection": turn_kind.injection, "declined": turn_kind.declined,
            "instruction_only": turn_kind.instruction_only}
        self.deps.store.update_turn(self.session_id, candidate, self.state)

    async def _respond(self, candidate: Turn, turn_kind: Classification,
                       new_hits: list[str]) -> AsyncIterator[ev.Event]:
        """Decide and say the reply to a saved candidate turn."""
        step_left, total_left = self.time_left(candidate.elapsed_s)
        asks = turn_kind.kind == "clarifying_question"
        answers = turn_kind.kind == "answer" and not turn_kind.declined
        facts = await asyncio.to_thread(self.facts.find, asked_part(candidate.text)) if asks else []
        correction = self.facts.contradicted(candidate.text) if answers or asks else ""
        # "I don't know how to split the data" names what the candidate is stuck on: the easier question
        # offered comes from there, not from whatever was asked last
        stuck = turn_kind.declined and turn_kind.kind == "answer" and names_a_topic(candidate.text)
        related = await asyncio.to_thread(self._related, candidate.text) if answers or stuck else None
        # a turn that addresses the interviewer's instructions is not named back, nor is a word the
        # interviewer must never say ("the reference answer")
        # the first call reads the catalogue's common words (about 0.1 s): off the event loop, like the rest
        echo = await asyncio.to_thread(self.echo.best, candidate.text, self.state.phase, self.state.echoed) \
            if answers and not turn_kind.injection else ""
        echo = "" if FORBIDDEN.search(echo) else echo
        earlier = await asyncio.to_thread(self._earlier_term, echo)
        challenge = self._challenge(candidate.text) if answers and not turn_kind.injection else None
        move = decide(
            self.case, self.state, turn_kind, candidate.text, facts=facts, new_hits=new_hits,
            time_up=step_left is not None and step_left <= 0,
            behind=behind_schedule(self.budgets, self.state.phase, total_left, self.policy.behind_share),
            interview_over=total_left is not None and total_left <= 0,
            config=self.policy, related=related, correction=correction, step_words=self._step_words(),
            echo=echo, earlier=earlier, challenge=challenge,
        )
        async for event in self._say(move, candidate_text=candidate.text):
            yield event
        if move.next_phase:
            for event in self._enter(move.next_phase, self.clock.now()):
                yield event
            if move.next_phase == "wrapup":
                self.state.finished = True
                self.deps.store.save_state(self.session_id, self.state)
                yield ev.SessionFinished(self.session_id)
        warning = self._time_warning()
        if warning:
            yield warning

    # -- internals --------------------------------------------------------------------------------------
    def _earlier_term(self, echo: str) -> str:
        """The candidate's own term for a point of the next step that they made in an earlier turn: named
        back on arriving there ("You already mentioned calibration earlier.")."""
        coming = next_phase(self.state.phase, self.state.drill)
        seqs = set(self.state.progress(coming).covered.values()) if coming in self.budgets else set()
        texts = [t.text for t in self.turns if t.role == "candidate" and t.seq in seqs]
        avoid = [*self.state.echoed, echo.lower()]
        return next((term for text in reversed(texts)
                     if (term := self.echo.best(text, coming, avoid, step_only=True))), "")

    def _challenge(self, text: str) -> Raised | None:
        """A claim in this answer the interviewer questions (see claims.py)."""
        phase = self.state.phase
        said = [t.text for t in self.turns if t.role == "candidate" and t.phase == phase and t.kind == "answer"]
        return challenge_for(self.deps.challenges, self.case.slug, phase, text, [*said, text],
                             self.state.challenged())

    def _related(self, text: str) -> list[str] | None:
        """Retrieved items for this answer (see selection.related_items); None when picking by cue words."""
        if self.deps.config.selection != "retrieval" or self.deps.index is None:
            return None
        return related_items(self.deps.index, self.case.slug, self.state.phase, text)

    def _step_words(self) -> int:
        phase = self.state.phase
        return sum(len(t.text.split()) for t in self.turns
                   if t.role == "candidate" and t.phase == phase and t.kind == "answer")

    async def _classify(self, text: str) -> Classification:
        rules = classify(text, self.vocabulary, self.state.phase)
        if self.deps.config.classifier != "model":
            return rules
        return await second_opinion(self.deps.provider, text, rules)

    def _enter(self, phase: str, now: float) -> list[ev.Event]:
        previous = self.state.phase
        if previous in self.budgets:
            self.state.progress(previous).spent_s = now - self.state.phase_started_s
        self.state.phase = phase  # type: ignore[assignment]
        self.state.phase_started_s = now
        if phase not in self.state.visited:
            self.state.visited.append(phase)  # type: ignore[arg-type]
        self.deps.store.save_state(self.session_id, self.state)
        return [ev.StepChanged(previous, phase)]  # type: ignore[arg-type]

    def _time_warning(self) -> ev.TimeWarning | None:
        step_left, _ = self.time_left()
        phase = self.state.phase
        if step_left is None or phase not in self.budgets:
            return None
        progress = self.state.progress(phase)
        budget = self.budgets[phase]
        if not progress.warned and 0 < step_left <= budget * (1 - self.deps.config.time_warning_fraction):
            progress.warned = True
            self.deps.store.save_state(self.session_id, self.state)
            return ev.TimeWarning(phase, step_left)
        return None

    async def _say(self, move: Move, candidate_text: str) -> AsyncIterator[ev.Event]:
        phase = move.next_phase if move.kind in {"advance", "wrap_up"} and move.next_phase else move.phase
        yield ev.TurnStarted("interviewer", phase)
        text, replaced, reason = move.draft, False, ""
        if self.deps.config.phrasing == "model" and move.kind not in VERBATIM_MOVES:  # runtime decides `auto`
            said = await phrase(self.deps.provider, self.deps.prompts, self.case, move, candidate_text, self.turns,
                                self.deps.config.history_turns, self.prompt_wording)
            if said.error:
                yield ev.EngineError(f"{said.error} Using the interviewer's own words for this turn.")
            text, replaced, reason = said.text, said.replaced, said.reason
        for piece in re.findall(r"\S+\s*", text):
            yield ev.Token(piece)
        remember(self.state, move)
        self.state.elapsed_s = max(self.state.elapsed_s, self.clock.now())
        turn = Turn(
            seq=len(self.turns) + 1, role="interviewer", phase=phase, text=text, move=move.kind,
            elapsed_s=self.clock.now(),
            meta={k: v for k, v in {
                "key_point": move.key_point_id, "probe": move.probe_id, "facts": move.fact_keys,
                "words": "draft" if text == move.draft else "model", "draft": move.draft if text != move.draft else "",
                "fallback": reason}.items() if v},
        )
        self._save(turn)
        yield ev.InterviewerTurnDone(turn, replaced=replaced)

    def _save(self, turn: Turn) -> None:
        self.turns.append(turn)
        self.deps.store.append_turn(self.session_id, turn, self.state)
