"""Trade-off probes the candidate has already answered in their own words, so the interviewer does not ask
"would you hash the ids or give each its own embedding?" right after "IDs get hashed into embeddings".

A probe's trigger words say the candidate named its subject; whether they also settled it is read by
meaning: a sentence of this step's answers that reads this close to the probe's question answers it. A
probe that challenges what the candidate described ("why not...?", "is it worth...?") is still asked,
unless the close sentence already argues the point ("I considered trees, but...").
Decided here, in code, with the local embeddings; without a semantic embedder nothing is settled.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from interviewer.domain.case import CaseStudy, Probe
from interviewer.matching import Embedder, is_question
from interviewer.text import cue_pattern, sentences

SETTLED = 0.56
"""Cosine similarity between an answer's sentence and a probe's question at which the answer already
settles the probe. Set on the held-out candidates' dev split, whose blind graders flagged the re-asks: at
0.56, 10 of the 12 probes asked after such a sentence had been answered just before."""


CHALLENGE = re.compile(r"\bwhy\b|\bis it worth\b|\benough\b|\bsimpler\b|\bwhat if\b", re.I)
"""A probe that challenges the design ("why not let the ranker score more?", "is a daily retrain enough?")
is asked of a candidate who described that design; it is settled only by a sentence that argues it."""
CHOICE_OF_TWO = re.compile(r"\benough\b,? or\b", re.I)
"""'Is cosine order good enough, or would you add a ranker?' offers two options: it challenges a candidate
who chose the first, and one who chose the second has answered it."""
DECIDES = re.compile(
    r"\b(i'?d|we'?d|i would|we would|i'?ll|we'?ll|i will|we will|i'?m going to|let'?s|go with|gets?|got|first|then|"
    r"only|instead)\b|^\W*(use|train|retrain|launch|keep|hash|precompute|compute|start|run|score|serve|"
    r"undersample|oversample|drop|filter|split|shadow)\b|\b(stage|step) (one|two|three|1|2|3)\b|"
    r"\b(first|second|final) stage\b", re.I)
"""A sentence that decides something ("I'd undersample", "IDs get hashed", "Hash bank first, then model"),
not one that only names the subject ("there's a heavy class imbalance"); a stage of the design ("Stage
two: a gradient-boosted ranker") is one chosen."""
EITHER_OR = re.compile(r"\w,? or \w[^?]*\?\s*$", re.I)
"""A probe that asks the candidate to pick one of two ("ahead of time or on each request?")."""
WEIGHED = 0.62
"""Cosine similarity between an answer's sentence and a probe's "Strong answer weighs" text at which the
candidate has already weighed what the probe asks about ("For a daily batch I can wait the full window, but
fresher training needs..." before "how long would you wait for clicks?"). Set on the held-out candidates' dev
split: the 8 probes asked after a sentence this close had all been discussed just before."""
ARGUES = re.compile(r"\b(but|because|since|rather than|instead of|considered|otherwise|so that)\b", re.I)


def _chose_the_second(probe: Probe, said: Sequence[str]) -> bool:
    """'Is cosine order good enough, or would you add a ranker?' is answered by a sentence that decides on
    the second option in the probe's trigger words ("Stage two: a gradient-boosted ranker"); one that
    chose only the first ("use nearest neighbours") is what the probe challenges."""
    found = CHOICE_OF_TWO.search(probe.question)
    if found is None:
        return False
    second = [t for t in probe.triggers if cue_pattern(t).search(probe.question[found.end():])]
    return any(DECIDES.search(s) and any(cue_pattern(t).search(s) for t in second) for s in said)


def settled_probes(case: CaseStudy, step: str | None, answers: Sequence[str], embedder: Embedder,
                   skip: set[str], threshold: float = SETTLED) -> set[str]:
    """Ids of this step's probes (every step's with None; minus `skip`) that a sentence of `answers`
    already answers: a candidate who decided a later step's trade-off early is not asked it there."""
    probes = [p for p in case.probes if (step is None or p.step == step) and p.id not in skip]
    said = [s for text in answers for s in sentences(text) if not is_question(s)]
    if not probes or not said:
        return set()
    vectors = np.asarray(embedder.embed_documents([*said, *(p.question for p in probes),
                                                   *(p.considerations for p in probes)]))
    similar = vectors[len(said):len(said) + len(probes)] @ vectors[:len(said)].T
    weighed = vectors[len(said) + len(probes):] @ vectors[:len(said)].T
    # a sentence that reads like what a strong answer weighs, and decides or argues it (not "I'm weighing
    # whether to..."), settles the probe; a challenge ("why not...?") only one that argues
    out = {p.id for p, row in zip(probes, weighed, strict=True)
           if any(ARGUES.search(said[i]) or (DECIDES.search(said[i]) and not CHALLENGE.search(p.question))
                  for i in np.flatnonzero(row >= WEIGHED))}
    for probe, row in zip(probes, similar, strict=True):
        # an either-or or a "how would you" probe is settled by a sentence that decides it; a challenge
        # only by one that also argues
        close = [said[i] for i in np.flatnonzero(row >= threshold) if DECIDES.search(said[i])]
        if EITHER_OR.search(probe.question) and not CHALLENGE.search(probe.question):
            # a sentence that decides an either-or in the probe's own trigger words settles it, however far
            # its wording reads from the question ("Precompute similar listings every day" and "ahead of
            # time or on each request?" are 0.26 apart)
            close += [s for s in said if DECIDES.search(s) and any(cue_pattern(t).search(s) for t in probe.triggers)]
        if CHALLENGE.search(probe.question):
            # "I considered trees, but they handle sparse ids poorly" already answers "why not trees?"
            close += [s for s in said if ARGUES.search(s) and any(cue_pattern(t).search(s) for t in probe.triggers)]
        if (close and (not CHALLENGE.search(probe.question) or any(ARGUES.search(s) for s in close))) \
                or _chose_the_second(probe, said):
            out.add(probe.id)
    return out
