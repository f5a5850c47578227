"""Build stored sessions by hand, so scoring tests control every word of the transcript."""

from __future__ import annotations

from interviewer import paths
from interviewer.config import MatchingSettings, ScoringSettings
from interviewer.domain.session import SessionInfo, SessionState, Turn
from interviewer.knowledge.loader import load_knowledge
from interviewer.scoring.rubric import load_rubric
from interviewer.scoring.scorer import build_scorecard
from interviewer.storage.store import StoredSession

CASE = load_knowledge(paths.knowledge_dir()).cases["video-recommendation"]
RUBRIC = load_rubric()


def session(exchanges: list[tuple[str, str, str]], notes: str = "", **turn_meta) -> StoredSession:
    """exchanges: (phase, role, text); candidate turns are answers unless the text is empty."""
    turns = []
    for seq, (phase, role, text) in enumerate(exchanges, start=1):
        kind = "interviewer" if role == "interviewer" else ("empty" if not text.strip() else "answer")
        turns.append(Turn(seq=seq, role=role, phase=phase, text=text, kind=kind, meta=dict(turn_meta.get(str(seq), {}))))
    state = SessionState(phase="wrapup", visited=["intro", "clarify", "frame", "data", "features", "model", "serving",
                                                  "monitoring", "wrapup"], elapsed_s=2400, finished=True)
    info = SessionInfo(id="s1", case=CASE.slug, status="finished", prompt_version="v1", model="scripted",
                       practice=False, created_at="2026-11-22T10:00:00", updated_at="2026-11-22T10:45:00",
                       phase="wrapup", elapsed_s=2400, turns=len(turns))
    return StoredSession(info, state, turns, notes, "")


def answers(*texts: str, phase: str = "clarify") -> StoredSession:
    exchanges = []
    for text in texts:
        exchanges += [(phase, "interviewer", "Tell me more."), (phase, "candidate", text)]
    return session(exchanges)


CHALLENGES = list(load_knowledge(paths.knowledge_dir()).challenges.values())


def score(stored: StoredSession, challenges: bool = False, **settings):
    """`challenges`: also judge the claims that do not hold (knowledge/challenges.md)."""
    return build_scorecard(stored, CASE, RUBRIC, ScoringSettings(**settings), MatchingSettings(use_embeddings=False),
                           embedder=None, embeddings_name="none", challenges=CHALLENGES if challenges else ())


STRONG = [
    ("clarify", "What is the business objective here: watch time, satisfaction or retention? And what is the latency budget at peak traffic?"),
    ("clarify", "So we optimise long-term satisfied watch time and the 7-day return rate, within 250 ms p99 for 60k requests per second."),
    ("frame", "I would frame it as a multi-stage funnel: candidate generation and then a ranker predicting the probability of a satisfied watch rather than a click, since clicks reward clickbait."),
    ("data", "Training data comes from impression logs joined with watches; positives are satisfied watches, negatives are skipped impressions, and I log position to correct position bias. I split by time to avoid leakage, rather than randomly."),
    ("features", "Features include watch history embeddings, video content embeddings from frames and titles, freshness, and context like device and time of day; hashing ids is cheaper but collides, whereas learned embeddings cost memory."),
    ("model", "A two-tower model retrieves candidates with in-batch negatives from an ANN index, then a multi-task ranker; the two-tower is cheaper but less accurate than the ranker. Offline I track recall@k and NDCG against a popularity baseline."),
    ("serving", "Serve retrieval from the ANN index and the ranker on GPUs within the 250 ms budget, with a fallback to cached popular videos, then an A/B test on satisfied watch time after a canary rollout."),
    ("monitoring", "Monitor drift, calibration and pipeline health, retrain daily rather than weekly because of fresh uploads, and watch feedback loops from the recommender itself."),
]


def strong_session() -> StoredSession:
    exchanges = []
    for phase, text in STRONG:
        exchanges += [(phase, "interviewer", "Go on."), (phase, "candidate", text)]
    return session(exchanges)
