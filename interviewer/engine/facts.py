"""Find the scenario facts that answer a clarifying question, decided in code.

With the local embeddings (the default), the answer is sentence by sentence: each sentence of the brief
scores its similarity to the question, plus its fact's closest `Asked:` question (candidates' wordings of
what the fact answers: a small embedding model finds a question's paraphrase far more surely than the
sentence that answers it), plus a share for the question's rarer words it has and for its fact's keywords
(below), and the best sentence answers when it scores ANSWER_SCORE or more. A question asks for one
detail, and a whole paragraph in reply buries it; a question the brief only comes near ("how many GPUs?")
stays under the bar and gets "assume a value". Near a fact's own question, a detail the fact lacks can
pass ("which database backs the feature store?" gets the feature-store sentence): the bar was set where dev
had the fewest wrong replies of both kinds. Each case also lists questions its brief leaves open (`## Not
in the brief`, written by writers who saw only the brief); a question that reads closer to one of those
than to the best fact's own questions gets "assume a value" too (OPEN_SIMILAR), and a near match far from
all of them is answered under the bar (NEAR_ANSWER_SCORE).

Without semantic embeddings (tests, fake embeddings), each fact scores 2 per keyword (its key, its label,
the synonyms below) found at the start of a word of the question, and 1.5 per distinctive word it shares
with the question (a word at most two of the case's facts use); it needs 2. Word starts, not substrings:
"transactions" is not "actions". Only when nothing scores does the knowledge index get a say, and then
only a close dense match counts: a loose one would answer a question the brief does not cover.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cached_property

import numpy as np

from interviewer.domain.case import CaseStudy, Fact
from interviewer.knowledge.index import KnowledgeIndex
from interviewer.knowledge.questions import generic_questions
from interviewer.matching import Embedder, with_aliases
from interviewer.text import Measure, content_words, measures, sentences, stem, word_start

SYNONYMS: dict[str, tuple[str, ...]] = {
    "users": ("users", "user base", "dau", "mau", "daily active", "monthly active", "how many people use",
              "audience"),
    "traffic": ("qps", "rps", "requests per second", "queries per second", "per second", "traffic", "peak",
                "load", "throughput", "per day", "a day", "each day"),
    "catalogue": ("catalog", "catalogue", "how many items", "inventory", "corpus", "how many videos",
                  "how many listings", "how many events", "how many ads", "how many images", "how many posts"),
    "latency": ("latency", "response time", "how fast", "milliseconds", "ms", "slo", "real time", "real-time"),
    "data": ("what data", "data do we have", "logs", "history", "historical", "dataset", "data available"),
    "labels": ("label", "labelled", "labeled", "ground truth", "annotat", "feedback signal"),
    "constraints": ("constraint", "privacy", "regulat", "gdpr", "compliance", "legal", "budget", "cost limit"),
    "marketplace": ("auction", "bidding", "bids", "second price", "first price", "reserve price"),
    "goal": ("goal", "objective", "success", "kpi", "optimi", "business metric", "what are we trying"),
}

QUESTION_WORDS = frozenset(stem(w) for w in (
    "many much have there like look does need know tell about able sure each every some other more "
    "most kind sort part also just well make take give used using"
).split())
"""Words any question uses: shared with a fact, they say nothing about which fact is asked for."""


TWO_PARTS = re.compile(r"\band\b|,|\?.*\w.*\?")
PROPOSAL = re.compile(
    r"\b(i'?d|i would|i will|we'?d|we would|we could|we should|we can|would|could|might|should|let'?s|aim|"
    r"goal of|keep (it|them)|under|below|over|above|less than|more than|at least|at most|up to|"
    r"cap|limit it|budget (it|ourselves)|if|assum\w*|say|maybe|per (region|shard|replica|node|machine|server)|"
    r"so|which (is|means)|that'?s|that is|gives|comes to|works out|roughly)\b|~|≈",
    re.I,
)
"""A sentence that proposes, assumes or derives a number is not restating the brief: only a plain
statement of a figure ("we have a 50 ms budget") can be a wrong restatement."""
PROPOSES = re.compile(r"\b(i'?d|i would|i will|i'?ll|we'?d|we would|we could|we should|we'?ll|we can|let'?s|aim|target|"
                      r"i want|we want|i plan|we plan|i propose|i suggest)\b", re.I)
"""A design proposed in the first person ("I'd make new images searchable within 30 minutes"): whatever it
shares with the brief, it is not a restatement of it."""
STATES = re.compile(r"\b(is|are|was|were|has|have|had|get|gets|got|comes?|arrives?|kept|takes?|gives?)\b|'s\b|"
                    r"'ve\b|'re\b", re.I)
"""A restatement says what is: a clause without a verb like these ("counters over 1 hour") lists a design."""
TAG_QUESTION = re.compile(r",?\s*(right|correct|is that right|isn't it|yes)\?\s*$", re.I)
"""'The budget is 50 ms, right?' states a figure and checks it: a restatement, not a question."""
DENIES = re.compile(r"\b(not|never|no)\b|n't\b", re.I)
"""A clause that denies a figure ("an ad with one click doesn't have a 33% click rate") restates nothing."""
ASKED_CLAUSE = re.compile(r"\s[-\u2013\u2014]\s|;\s|:\s|,?\s+(?:and|or)\s+(?=(?:what|how|which|when|where|who|is|are|"
                          r"do|does|did|can|could|should|will|would|has|have)\b)", re.I)
"""Where one question turns into another ("What does leadership want to move - what's the north-star
metric?"): each side is looked up on its own too. On dev: covered questions answered 165 -> 171 of 192,
open ones told to assume 98 -> 98 of 128, the held-out candidates' fact replies 0.917 -> 0.958."""
CLAUSE = re.compile(r",|;|:|\s[-\u2013\u2014]\s|\b(?:so|which|and then|but)\b")
"""Where a sentence's claims part: "Since the CTR is 2%, the classes are imbalanced, so I'd downsample"
restates a figure in one clause and proposes in another."""
MAX_MISSTATEMENT = 100.0
"""The widest gap between a candidate's figure and the brief's that can be a misremembered figure (0.1% said as
1% is ten times; 50 ms for 400 ms eight)."""
MEASURE_WORDS = frozenset(stem(w) for w in (
    "about around roughly nearly almost over under less more than each every daily total average median peak "
    "per day days week weeks month months year years hour hours minute minutes second seconds time times "
    "million billion thousand percent share rate p50 p90 p95 p99 p999 like something around"
).split())
"""Words around many numbers: sharing one does not make two numbers measure the same thing."""


def distinctive_words(text: str) -> set[str]:
    """Content words of four letters or more that are not common to every question."""
    return content_words(text, min_length=4) - QUESTION_WORDS


def _as_said(text: str) -> str:
    """A sentence cut from the brief at a semicolon (or ending in a bracket) ends as one when said alone."""
    text = re.sub(r";\s+(?=[A-Z])", ". ", text.rstrip().rstrip(";,:"))  # and so does one said before another
    return text if text.endswith((".", "!", "?", '"', ".)", "?)", "!)")) else text + "."


def _comparable(a: float, b: float) -> bool:
    """Two figures a restatement could mix up: within a factor of MAX_MISSTATEMENT ("a week" is no misreading
    of a 100 ms timeout, whatever words they share)."""
    low, high = sorted((abs(a), abs(b)))
    return low > 0 and high / low <= MAX_MISSTATEMENT


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b), 1e-9)


class FactRetriever:
    ANSWER_SCORE = 1.0
    """With embeddings, the score a sentence of the brief needs to answer a question: its cosine similarity
    to the question (aliases spelled out), plus ASKED_WEIGHT times the similarity of its fact's closest
    Asked: question, plus LEXICAL_WEIGHT times the share of the question's distinctive words it has
    (weighted by rarity in the brief), plus KEYWORD_WEIGHT for its fact's keywords. Set on dev (the 400
    questions of evals/interviewer/facts/dev.jsonl, the held-out candidates' dev split and the scripted
    scenarios: right answer or right "assume" 0.74 without the Asked: questions, 0.78 with them and ASKED_ALONE); below
    it, the brief does not cover the question and the candidate is asked to assume."""
    ASKED_WEIGHT = 0.6
    ASKED_ALONE = 0.78
    """A question this close to one of a fact's Asked: questions is answered by that fact whatever the
    sentence scores: a paraphrase of a question the fact answers ("What does the current model look like?"
    for "What's the current production model?"). Set on dev: 3 more right answers of 400, none wrong."""
    LEXICAL_WEIGHT = 0.3
    KEYWORD_WEIGHT = 0.1
    OPEN_SIMILAR = 0.6
    """A question this close (cosine) to one of the case's questions the brief leaves open (`## Not in the
    brief`), and closer to it than to any Asked: question of the best sentence's fact, gets "assume a
    value": without them the nearest fact answered "how many engineers are on the team?" with the user
    numbers. Set on dev (the 320 questions above and the scripted scenarios' 80; 32 open questions per
    case from two writers who saw only the brief): covered questions answered 162 -> 161 of 192, open
    ones told to assume 85 -> 100 of 128, scripted 65 -> 65 of 80. Below 0.6 the loose matches blocked
    questions the brief does answer ("what actions can we take when a payment looks risky?")."""
    NEAR_ANSWER_SCORE = 0.9
    FAR_FROM_OPEN = 0.5
    """A question that scores NEAR_ANSWER_SCORE (under ANSWER_SCORE) is answered all the same when it is
    further than FAR_FROM_OPEN from every question the brief leaves open, and further from them than from
    the best fact's Asked: questions: the open questions say what the brief does not cover, so a near
    match far from all of them is the brief's ("First question, how many users are on the site in
    total?"). Set on dev (as OPEN_SIMILAR): covered answered 161 -> 165 of 192, uncovered told to assume
    100 -> 98 of 128, scripted fact lookups 65 -> 70 of 80. So is one that scores CLEAR_SCORE and leads every
    other fact by CLEAR_LEAD ("What business metric are we optimizing?" is only the goal's): dev, 469
    questions, 8 more answered right, 3 open ones answered with the nearest fact."""
    CLEAR_SCORE, CLEAR_LEAD = 0.65, 0.25
    SECOND_WITHIN = 0.15
    """A second sentence is said too when it scores this close to the best one ("how many, and from how many
    advertisers?" is two sentences of one fact)."""

    def __init__(self, case: CaseStudy, index: KnowledgeIndex | None = None, threshold: float = 0.6,
                 embedder: Embedder | None = None) -> None:
        """`threshold`: dense similarity an index match needs when no keyword or shared word decided (no
        embedder); `embedder`: answer sentence by sentence, by meaning (see ANSWER_SCORE)."""
        self.case = case
        self.index = index
        self.threshold = threshold
        self.embedder = embedder

    @cached_property
    def _parts(self) -> list[tuple[Fact, str]]:
        """Each sentence of each fact: a question asks for one detail, and the answer says that detail."""
        return [(fact, part) for fact in self.case.facts for part in sentences(fact.text)]

    @cached_property
    def _part_vectors(self) -> np.ndarray:
        assert self.embedder is not None
        return np.asarray(self.embedder.embed_documents([f"{f.label}: {part}" for f, part in self._parts]))

    @cached_property
    def _asked_vectors(self) -> dict[str, np.ndarray]:
        """Each fact's Asked: questions and the questions of its kind (knowledge/questions.toml) embedded; a
        fact without either stands in with its own sentences."""
        assert self.embedder is not None
        out, generic = {}, generic_questions()
        for fact in self.case.facts:
            if asked := [*fact.asked, *generic.get(fact.key, ())]:
                out[fact.key] = np.asarray(self.embedder.embed_documents([with_aliases(q) for q in asked]))
            else:
                out[fact.key] = self._part_vectors[[i for i, (f, _) in enumerate(self._parts) if f is fact]]
        return out

    @cached_property
    def _open_vectors(self) -> np.ndarray | None:
        """The case's questions the brief does not answer, embedded (None when the case lists none)."""
        assert self.embedder is not None
        questions = [with_aliases(q) for q in self.case.open_questions]
        return np.asarray(self.embedder.embed_documents(questions)) if questions else None

    @cached_property
    def _rarity(self) -> dict[str, float]:
        """How much a distinctive word of the brief tells sentences apart (log inverse sentence frequency)."""
        counts = Counter(w for f, part in self._parts for w in distinctive_words(f"{f.label} {part}"))
        return {w: math.log(len(self._parts) / n) for w, n in counts.items()}

    def _vector(self, question: str) -> np.ndarray:
        assert self.embedder is not None
        return np.asarray(self.embedder.embed_documents([with_aliases(question[:1000])]))[0]

    def _scored(self, question: str, vector: np.ndarray | None = None) -> list[tuple[float, Fact, str, float]]:
        """Every sentence of the brief with its score for `question` and its fact's closest Asked: question's
        similarity, best first (needs the embedder)."""
        asked = with_aliases(question[:1000])
        vector = self._vector(question) if vector is None else vector
        similar = self._part_vectors @ vector
        wanted = distinctive_words(asked)
        unseen = math.log(max(len(self._parts), 2))
        weight = sum(self._rarity.get(w, unseen) for w in wanted) or 1.0
        keywords = self.scores(asked)
        paraphrased = {key: float(np.max(vectors @ vector)) for key, vectors in self._asked_vectors.items()}
        out = []
        for (fact, part), dense in zip(self._parts, similar, strict=True):
            shared = wanted & distinctive_words(f"{fact.label} {part}")
            lexical = sum(self._rarity[w] for w in shared) / weight
            keyword = min(keywords.get(fact.key, 0.0), 4.0) / 4.0
            score = float(dense) + self.ASKED_WEIGHT * paraphrased[fact.key] + self.LEXICAL_WEIGHT * lexical \
                + self.KEYWORD_WEIGHT * keyword
            out.append((score, fact, part, paraphrased[fact.key]))
        return sorted(out, key=lambda item: -item[0])

    def _answer(self, question: str) -> list[Fact]:
        """The sentences that answer `question`, as facts holding only those sentences (in the brief's order).
        Each question of a turn that asks several is looked up on its own as well: read together, "What
        does the current system look like? Is there already a ranking model?" came near no fact."""
        asked = [part for sentence in sentences(question) if sentence.rstrip().endswith("?")
                 for part in ASKED_CLAUSE.split(sentence) if len(part.split()) >= 3]
        chosen: list[tuple[Fact, str]] = []
        for each in [question, *asked] if len(asked) > 1 else [question]:
            chosen += [pair for pair in self._chosen(each) if pair not in chosen]
        said = {fact.key: [part for f, part in self._parts if f is fact and (f, part) in chosen]
                for fact in self.case.facts}
        return [f.model_copy(update={"text": _as_said(" ".join(said[f.key]))}) for f in self.case.facts if said[f.key]]

    def _chosen(self, question: str) -> list[tuple[Fact, str]]:
        """The brief's sentences that answer one question (none when it does not cover it)."""
        ranked = self._scored(question, vector := self._vector(question))
        if not ranked:
            return []
        score, asked = ranked[0][0], ranked[0][3]
        # with no open questions listed, nothing tells a near answer from a question the brief leaves open
        left_open = float(np.max(self._open_vectors @ vector)) if self._open_vectors is not None else None
        lead = score - next((s for s, f, _, _ in ranked if f is not ranked[0][1]), 0.0)
        if score < self.ANSWER_SCORE and asked < self.ASKED_ALONE and not (
                left_open is not None and left_open < min(self.FAR_FROM_OPEN, asked) and (
                    score >= self.NEAR_ANSWER_SCORE or (score >= self.CLEAR_SCORE and lead >= self.CLEAR_LEAD))):
            return []
        if left_open is not None and left_open >= max(asked, self.OPEN_SIMILAR):
            return []  # it reads like a question the brief leaves open
        best = ranked[0][0]
        # a close second sentence of any fact, and a close third of the best one's fact ("how many videos in
        # total?" is every sentence of the catalogue fact)
        chosen = [(fact, part) for n, (score, fact, part, _) in enumerate(ranked[:3])
                  if score >= best - self.SECOND_WITHIN and (n < 2 or fact is ranked[0][1])]
        if not any(re.search(r"\d", part) for _, part in chosen):
            # a sentence with no figure rarely answers alone ("No human labels at scale."): the best
            # one of its fact that has one goes with it ("A vendor grades 25,000 pairs a month.")
            chosen += [(f, part) for _, f, part, _ in ranked if f is ranked[0][1] and re.search(r"\d", part)][:1]
        return chosen

    @cached_property
    def _keywords(self) -> dict[str, list[re.Pattern[str]]]:
        out = {}
        for fact in self.case.facts:
            own = {fact.key.replace("-", " "), fact.label.lower(), *fact.key.split("-")}
            phrases = {p for p in (*SYNONYMS.get(fact.key, ()), *own) if len(p) >= 2}
            out[fact.key] = [word_start(p) for p in phrases]
        return out

    @cached_property
    def _distinctive(self) -> dict[str, set[str]]:
        words = {f.key: distinctive_words(f.text) for f in self.case.facts}
        spread = Counter(w for ws in words.values() for w in ws)
        return {key: {w for w in ws if spread[w] <= 2} for key, ws in words.items()}

    def scores(self, question: str) -> dict[str, float]:
        text = question.lower()
        asked = distinctive_words(question)
        out = {}
        for fact in self.case.facts:
            score = 2.0 * sum(1 for p in self._keywords[fact.key] if p.search(text))
            score += 1.5 * len(asked & self._distinctive[fact.key])
            if score >= 2:
                out[fact.key] = score
        return out

    def keyword_facts(self, question: str) -> list[Fact]:
        """The best-scoring facts (two at most: "the catalogue, and the peak QPS?" asks for both)."""
        scores = self.scores(question)
        if not scores:
            return []
        ranked = sorted(scores, key=lambda k: -scores[k])
        best = scores[ranked[0]]
        # a second fact needs a keyword of its own, and two of them unless the question has two parts
        two_parts = bool(TWO_PARTS.search(question))
        chosen = [k for k in ranked if scores[k] == best
                  or (self._keyword_hit(k, question) and (scores[k] >= 4 or two_parts))]
        return [self.case.fact(k) for k in chosen[:2]]

    def _keyword_hit(self, key: str, question: str) -> bool:
        return any(p.search(question.lower()) for p in self._keywords[key])

    def contradicted(self, text: str) -> str:
        """The sentence of the brief that a sentence of `text` restates with the wrong figure ('' if none):
        a number in it measures the same thing as one of the brief's (same unit, a distinctive word in
        common around it) but has another value, and the sentence states it rather than proposing,
        assuming or deriving it."""
        for sentence in sentences(text):
            if sentence.rstrip().endswith("?") and not TAG_QUESTION.search(sentence):
                continue
            said = TAG_QUESTION.sub("", sentence)
            for clause in CLAUSE.split(said):
                # the verb may come before the clause: "we've got the 50 ms target and then the timeout at 500 ms"
                stated = said[:said.find(clause) + len(clause)] if clause else ""
                if not clause or not measures(clause):
                    continue
                part, alike = self._contradiction(clause)
                plain = STATES.search(stated) and not PROPOSAL.search(clause) and not DENIES.search(clause)
                if part and (plain or (alike >= self.RESTATES and self._unknown_figures(clause)
                                       and not PROPOSES.search(stated)
                                       and bool(DENIES.search(clause)) <= bool(DENIES.search(part)))):
                    return _as_said(part)
        return ""

    RESTATES = 5
    """How alike (2 per word shared right next to both figures, 1 per word within five) a clause and a brief's
    sentence must be to restate it whatever the verb ("Videos can be scanned asynchronously within 10 hours"),
    with a figure the brief gives nowhere. Dev, 56 wrong restatements written blind (outside the repo): caught
    10 -> 19; no right one (24) and no new sentence of 923 dev answers (benchmark, held-out, regression) flagged."""

    @cached_property
    def _figures(self) -> list[Measure]:
        """Every figure of the brief, with the words around it."""
        return [m for f in self.case.facts for m in measures(f.text)]

    def _unknown_figures(self, clause: str) -> bool:
        """Whether no figure of `clause` appears anywhere in the brief (in the same unit)."""
        return not any(k.unit == m.unit and abs(k.value - m.value) <= 0.01 * abs(k.value)
                       for m in measures(clause) for k in self._figures)

    def _contradiction(self, clause: str) -> tuple[str, int]:
        """The brief's sentence, and how alike (RESTATES), with a figure for what one of `clause` measures (same unit,
        and a distinctive word in common right next to both, or two within a few words) but has another
        value. A figure within 10% of the brief's figure for the same thing (the one sharing most words
        around it) restates it ("about 45 million" is "45 million"); one near a figure of something else
        ("1% of transactions are fraud", when 0.9% is the block rate) is still wrong."""
        best, best_shared = "", 0
        for near, wide in zip(measures(clause, 3), measures(clause, 5), strict=True):
            same_figure = [k for k in self._figures
                           if k.unit == near.unit and abs(k.value - near.value) <= 0.01 * abs(k.value)]
            if any((k.context & wide.context) - MEASURE_WORDS for k in same_figure):
                continue  # the brief's figure for the thing, said right
            same_thing: list[tuple[int, bool, str, int]] = []
            for fact in self.case.facts:
                for part in sentences(fact.text):
                    for k_near, k_wide in zip(measures(part, 3), measures(part, 5), strict=True):
                        if k_near.unit != near.unit or not _comparable(k_near.value, near.value):
                            continue
                        close = len((k_near.context & near.context) - MEASURE_WORDS)
                        shared = len((k_wide.context & wide.context) - MEASURE_WORDS)
                        if close or shared >= 2:
                            same_thing.append((2 * close + shared, _near(k_near.value, near.value), part, close))
            if same_figure:
                # a figure the brief gives for something else counts as the brief's unless a word right next
                # to it names what another figure measures ("the CTR is 2%", when 2% is the revenue goal)
                same_thing = [item for item in same_thing if item[3]]
            if not same_thing:
                continue
            # a figure the brief gives for much the same thing (half the best match's words or more) is
            # a restatement: "98% within 10 minutes" shares its sentence with "85% within 60 seconds"
            top = max(score for score, _, _, _ in same_thing)
            if any(agrees for score, agrees, _, _ in same_thing if 2 * score >= top):
                continue
            for score, _, part, _ in same_thing:
                if score > best_shared:
                    best, best_shared = part, score
        return best, best_shared

    def find(self, question: str) -> list[Fact]:
        """The facts that answer `question`, each holding the sentences that do; empty when the case does
        not cover it."""
        if self.embedder is not None:
            return self._answer(question)
        facts = self.keyword_facts(question)
        if facts or self.index is None:
            return facts
        hits = self.index.search(question, case=self.case.slug, kind="fact", k=1)
        for hit in hits:
            if hit.score >= self.threshold and "#fact." in hit.chunk_id:
                return [self.case.fact(hit.base_id.split("#fact.", 1)[1])]
        return []
