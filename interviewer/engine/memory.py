"""What the interview remembers of each move it made, kept in the session state so later decisions see it
and a resumed session decides the same way."""

from __future__ import annotations

from interviewer.domain.session import SessionState
from interviewer.engine.policy import Move
from interviewer.text import normalise


def remember(state: SessionState, move: Move) -> None:
    """What a move said, kept in the state so later decisions see it: the question asked (never asked
    twice), the term named back, the point followed up, the probe made, the fact sentences told."""
    if move.question:
        state.asked.append(normalise(move.question))
        state.last_question = move.question
        state.last_again = move.again
    state.turns_said += 1
    state.last_move = move.kind
    state.move_counts[move.kind] = state.move_counts.get(move.kind, 0) + 1
    if move.corrected:
        state.move_counts["correction"] = state.move_counts.get("correction", 0) + 1
    if move.echoed:
        state.move_counts["echo"] = state.move_counts.get("echo", 0) + 1
        state.echoed.append(move.echoed.lower())
    if move.told_briefer:
        state.move_counts["briefer"] = 1
    if move.recalled:
        state.echoed.append(move.recalled.lower())
    if move.kind not in ("rephrase", "nudge", "steer_back", "decline_instruction", "turn_back", "answer_fact",
                         "assume"):
        state.last_item = move.key_point_id or move.probe_id
    progress = state.progress(move.phase)
    if move.kind == "advance" and move.next_phase and move.key_point_id:
        state.progress(move.next_phase).followups.append(move.key_point_id)
    elif move.kind == "follow_up":
        progress.followups.append(move.key_point_id)
    elif move.kind == "probe":
        progress.probes.append(move.probe_id)
    elif move.kind == "narrow":
        state.narrowed.append(move.key_point_id or move.probe_id)
    elif move.kind in ("challenge", "weigh"):
        progress.challenges.append(move.challenge_id)
    elif move.kind == "hint" and move.key_point_id:
        progress.hints.append(move.key_point_id)
    elif move.kind == "redirect":
        state.redirected = True
    elif move.kind == "answer_fact":
        for key in move.fact_keys:
            said = state.answered_facts.get(key, "")
            text = move.facts_said.get(key, "")
            if text not in said:
                state.answered_facts[key] = f"{said} {text}".strip()
