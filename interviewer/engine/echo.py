"""Name back what the candidate just said, in their own words: the design terms of this case (its key
points' cues and aliases, its probes' triggers) found in the answer, quoted as the candidate wrote them.

An interviewer who asks the next question after "You mentioned a time-based split." shows it heard the
answer; one who says "Good." to anything does not. Only the candidate's own words are quoted, from a part
of the answer that affirms them (not a question, not "we would not need X"), so the interviewer never
credits something that was not said.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, cached_property

from lemminflect import getAllLemmas

from interviewer.domain.case import CaseStudy
from interviewer.matching import is_question
from interviewer.negation import affirmed
from interviewer.phrases import GENERIC_WORDS, Phrase, alias_groups, expand_cues, normal_form
from interviewer.text import STOP_WORDS, sentences, stem

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")
"""A word as written, hyphenated compounds kept whole ("time-based"): what is quoted back."""
QUOTE_BETWEEN = re.compile(r"(?<=\w)['\u2019\"\u201d](?=\s)|(?<=\s)['\u2018\"\u201c](?=\w)")
"""A quote mark that closes or opens a quoted word inside a phrase ("a 'helpful' vote")."""
MAX_WORDS = 5
"""A phrase longer than this is a sentence, not a term: quoting it back reads as parroting."""
VERB_ENDINGS = ("ed", "ing", "ise", "ize", "ate")
"""A single word with these endings is usually a verb or participle ("clicked", "calibrate"), which reads
badly named back on its own ("You mentioned calibrate.")."""
VERBS = frozenset({"fine-tune", "finetune", "retrain", "precompute", "pre-compute", "downsample", "upsample",
                   "distill", "distil", "embed", "rank", "rerank", "re-rank", "cache", "shard", "log", "train"})
PLAIN_WORDS = frozenset({"how-to", "answers", "questions", "users", "others", "numbers", "members", "customers",
                         "orders", "offers", "layers", "papers"})
PRONOUNS = frozenset({"everything", "anything", "something", "nothing", "everyone", "anyone", "someone", "them",
                      "these", "those", "one", "ones", "all", "both", "each", "others"})
QUANTIFIERS = frozenset({"many", "few", "fewer", "more", "most", "much", "several", "some", "enough", "less",
                         "least", "various", "numerous", "lots", "plenty", "such", "same"})
"""Words that count a thing without naming it: "many appeals" named back reads as a fragment."""
NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ics", "ism", "ure", "age", "ers", "ings",
                "cks", "lds", "ies")
"""One word named back alone must read as a thing: a noun ending ("calibration", "chargebacks",
"embeddings"), an acronym or a name as written ("NDCG", "ResNet"), or a compound ("multi-label")."""


class Echo:
    """The case's design terms, and the longest of them an answer affirms."""

    def __init__(self, case: CaseStudy, catalogue: Sequence[CaseStudy] = ()) -> None:
        """`catalogue`: all cases, to tell a term of this case ("chargebacks") from a word every case uses
        ("available", "thresholds"), which named back alone says nothing."""
        self.case = case
        self.catalogue = catalogue

    @property
    def common_words(self) -> frozenset[str]:
        """Stems that a third or more of the catalogue's cases use (read once per catalogue, not per
        interview: about 0.1 s)."""
        return _common_words(tuple(_case_text(c) for c in self.catalogue))

    @cached_property
    def vocabulary(self) -> dict[Phrase, frozenset[str]]:
        """Each term, with the steps whose key points or probes name it."""
        groups = alias_groups()
        found: dict[Phrase, set[str]] = {}
        for kp in self.case.key_points():
            for phrase in expand_cues(kp.cues, groups):
                found.setdefault(phrase, set()).add(kp.step)
        for probe in self.case.probes:
            for phrase in expand_cues(probe.triggers, groups):
                found.setdefault(phrase, set()).add(probe.step)
        # the opening prompt's own words said back ("You already mentioned auction earlier.", when the prompt
        # is about an auction) acknowledge nothing the candidate brought
        prompt = set(normal_form(self.case.opening_prompt).stems)
        return {p: frozenset(steps) for p, steps in found.items()
                if _quotable(p) and not (len(p) == 1 and p.stems[0] in self.common_words)
                and not set(p.stems) <= prompt}

    def phrases(self, text: str, step: str = "", step_only: bool = False) -> list[str]:
        """The case's terms the answer affirms, as the candidate wrote them: terms of `step` first (only
        those, with `step_only`), then the longest, then the one said last (closest to the question that
        follows)."""
        found: list[tuple[bool, int, int, str]] = []
        offset = 0
        for sentence in sentences(text):
            offset += 1000
            if is_question(sentence):
                continue
            kept = affirmed(sentence)
            for phrase, words, position, span in _spans(kept, self.vocabulary):
                if step_only and step not in self.vocabulary[phrase]:
                    continue
                # only the first word of a sentence has a capital that is not the candidate's ("Time-based
                # split" is "time-based split" inside ours; "Flink" mid-sentence stays "Flink")
                said = span if kept[:position].strip() else _as_said_mid_sentence(span)
                if " " not in said and _lone_word_reads_badly(said):
                    said = _compound(kept, position, said) or said
                found.append((step in self.vocabulary[phrase], words, offset + position, said))
        found.sort(key=lambda f: (not f[0], -f[1], -f[2]))
        out: list[str] = []
        for *_, span in found:
            if not any(span.lower() in other.lower() for other in out):
                out.append(span)
        return out

    def best(self, text: str, step: str = "", avoid: Iterable[str] = (), step_only: bool = False) -> str:
        """The term to name back ('' when the answer affirms none), skipping the terms in `avoid` (named
        back before), lone verbs ("fine-tune", "clicked"), figures (a figure named back sounds like
        agreeing with it, and it may be wrong) and notation ("P(accept | invite)")."""
        avoided = {a.lower() for a in avoid}
        for span in self.phrases(text, step, step_only):
            if span.lower() not in avoided and not _lone_word_reads_badly(span) and not _has_figure(span) \
                    and not _SYMBOLS.search(span):
                return span
        return ""


@cache
def _common_words(texts: tuple[str, ...]) -> frozenset[str]:
    if len(texts) < 3:
        return frozenset()
    seen = Counter(w for text in texts for w in set(normal_form(text).stems))
    return frozenset(w for w, n in seen.items() if n * 3 >= len(texts))


def _case_text(case: CaseStudy) -> str:
    return " ".join([case.opening_prompt, *(f.text for f in case.facts), *(kp.text for kp in case.key_points()),
                     *(p.question for p in case.probes)])


def _lone_word_reads_badly(span: str) -> bool:
    """One written word that is not clearly a term: a verb ("fine-tune", "clicked"), an adjective or a
    plain word ("available", "answer")."""
    if " " in span:
        return False
    word = span.lower()
    if word in VERBS or word.endswith(VERB_ENDINGS) or word in PLAIN_WORDS:
        return True
    named = any(c.isupper() for c in span[1:]) or ("-" in word and len(word) > 7)
    return not (named or word.endswith(NOUN_ENDINGS) or _only_a_noun(word))


def _only_a_noun(word: str) -> bool:
    """A word the English lexicon reads only as a noun ("outages", "revenue"), never as a verb or an
    adjective ("scrub", "answer", "unsafe"), or one it does not know at all, which in a case's vocabulary
    is a term of the trade ("handoff", "BM25")."""
    lemmas = getAllLemmas(word)
    return set(lemmas) == {"NOUN"} or (not lemmas and not word.endswith(MODIFIER_ENDINGS))


MODIFIER_ENDINGS = ("ive", "ous", "al", "ic", "able", "ible", "ful", "less", "ly")
"""A word the lexicon does not know that ends like an adjective or an adverb ("contrastive", "multimodal",
"contrastively") is no term alone: "You mentioned contrastive." is named with its noun ("contrastive
loss") or not at all."""


def _compound(sentence: str, position: int, span: str) -> str:
    """A lone word that reads badly named back ("drift", "near-duplicate") with the word written next to it
    that makes it a thing, as the candidate wrote it ("embedding drift", "near-duplicate cluster"): the word
    after it when that one can be a noun, else the word before it when the term can be one; the first
    word of such a pair is no plain verb ("Scrub emails", "treat declines"). '' if neither."""
    written = list(_WORD.finditer(sentence))
    at = next((i for i, m in enumerate(written) if m.start() == position), None)
    if at is None:
        return ""

    def joins(term: re.Match[str], other: re.Match[str]) -> bool:
        """`other` is written right next to `term` (no comma between) and is a word of substance."""
        first, second = sorted((term, other), key=lambda m: m.start())
        return not sentence[first.end():second.start()].strip() and other.group().lower() not in STOP_WORDS \
            and not _has_figure(other.group())

    if at + 1 < len(written) and joins(written[at], written[at + 1]) and _can_be_noun(written[at + 1].group()) \
            and _modifier(span):
        return f"{span} {written[at + 1].group()}"
    before = written[at - 1].group() if at > 1 else ""
    if before and joins(written[at], written[at - 1]) and _can_be_noun(span) and _modifier(before):
        return f"{before} {span}"
    return ""


def _modifier(word: str) -> bool:
    """A word that can stand before a noun and is no plain verb ("treat declines", "ground everything"):
    a noun or adjective, a participle ("embedding drift"), or a compound the lexicon does not know
    ("near-duplicate cluster")."""
    readings = set(getAllLemmas(word.lower()))
    if word.lower() in VERBS or word.lower() in QUANTIFIERS:
        return False
    if not readings:
        return True
    return bool({"NOUN", "ADJ"} & readings) and ("VERB" not in readings or word.lower().endswith("ing"))


def _can_be_noun(word: str) -> bool:
    return len(word) >= 3 and "NOUN" in getAllLemmas(word.lower()) and word.lower() not in PRONOUNS


def _has_figure(span: str) -> bool:
    """A figure ("400 ms", "95%") named back sounds like agreeing with it, and it may be wrong; a term with a
    digit in it ("BM25", "p99") is a name, not a figure."""
    return "%" in span or any(re.fullmatch(r"[\d.,]+", word) for word in span.split())


_SYMBOLS = re.compile(r"[|()\[\]{}<>=*^~]")
"""A term written with notation ("P(accept | invite)") reads as a broken fragment named back on its own
("You mentioned P(accept.", "You touched on accept | invite already.")."""


LEADING = frozenset({"in", "on", "at", "by", "for", "to", "of", "with", "from", "into"})
"""A phrase that starts with one of these ("in shadow") or ends with a stop word ("A/B it") matches an
answer well but reads badly named back ("You mentioned in shadow.")."""


def _quotable(phrase: Phrase) -> bool:
    if not 0 < len(phrase) <= MAX_WORDS:
        return False
    if len(phrase) > 1 and (phrase.plain[0] in LEADING or phrase.plain[-1] in STOP_WORDS):
        return False
    if len(phrase) == 1:
        word = phrase.plain[0]
        return phrase.stems[0] not in GENERIC_WORDS and len(word) >= 4
    return True


def _as_said_mid_sentence(span: str) -> str:
    """'Time-based split' at the start of the candidate's sentence is 'time-based split' inside ours;
    'ResNet' and 'A/B test' stay as written."""
    first = span.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower() and not first.isupper():
        return first.lower() + span[len(first):]
    return span


def _spans(text: str, vocabulary: Iterable[Phrase]) -> list[tuple[Phrase, int, int, str]]:
    """(phrase, words, position, surface text) of each vocabulary phrase found word for word in `text`."""
    matches = list(_WORD.finditer(text))
    # each written word may hold several normal-form words ("time-based" is "time", "based")
    units: list[tuple[int, str, str]] = []  # (match index, stem, plain)
    for i, m in enumerate(matches):
        for part in normal_form(m.group()).plain:
            units.append((i, stem(part), part))
    stems = [u[1] for u in units]
    out = []
    for phrase in vocabulary:
        n = len(phrase.stems)
        for start in range(len(stems) - n + 1):
            if tuple(stems[start:start + n]) == phrase.stems:
                first, last = units[start][0], units[start + n - 1][0]
                # a quote mark between its words is the candidate's punctuation, not part of the term
                span = QUOTE_BETWEEN.sub("", text[matches[first].start():matches[last].end()])
                out.append((phrase, n, matches[first].start(), span))
    return out
