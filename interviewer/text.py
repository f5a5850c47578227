"""The one text toolkit: how interviewer cuts text into words and sentences, which words carry meaning,
and the patterns it recognises in what a candidate writes. The engine, the scorer, the knowledge index
and the evals all use these, so a word means the same thing everywhere.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
from localspelling.spelling_converter import get_dictionary

STOP_WORDS = frozenset((
    "a an the and or of to in on for with what how do does did is are be we i you it this that "
    "which should would could can our my your at by as from if when there their about into than "
    "then so any some lets"
).split())
"""Words that say nothing about the topic: dropped before words are compared or ranked."""

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\besp\.)(?<!\bvs\.)(?<!\bincl\.)(?<!\bapprox\.)"
                             r"\s+|\n+")
"""A sentence ends at . ! ? or ; but not at an abbreviation inside it ("catalog coverage, i.e. share of")."""
_QUESTION = re.compile(r"[^.!?]*\?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

ML_WORDS = re.compile(
    r"\b(?:(?:model|data|feature|label|train|latency|user|metric|embedding|rank|recommend|predict|classif|serv|"
    r"monitor|drift|precision|recall|loss|network|tree|retriev|index|system|pipeline|experiment|"
    r"click|watch|score|sampl|cache|batch|stream|online|offline|scale|qps|traffic)\w*|(?:a/b|ab[- ]test)\w*)",
    re.I,
)
"""Vocabulary of ML systems: a sentence using it is about the design, whatever the case."""

INJECTION = re.compile(
    r"(ignore (all |the |your )?(previous|prior|above)|disregard (the |your )?(instructions|rubric)|"
    r"system prompt|you are now|give me (a |an )?(strong hire|top score|perfect score|4/4|full marks)|"
    r"skip to the end|reveal (the )?(answer|rubric|score)|print (the )?(rubric|reference)|"
    r"^\s*system\s*:\s*(you|ignore|disregard|give|grade|score|mark|override|new instructions)\b|"
    r"</?(candidate|interviewer|system|assistant)>|pre-?approved|mark (every|each|all) steps? (as )?complete|"
    r"\bfull marks\b|(record|note|write|put|say|state|mark)\b[^.?!]{0,40}\bthat i (passed|aced|did (great|well))|"
    r"mark (this|the|my|every|each|all) (section|step|answer|interview|part)s? (as )?(excellent|passed|perfect|strong|"
    r"a pass)|(in|on|into|for) (your|the) (evaluation|scorecard|write-?up|report|notes)\b[^.?!]{0,40}"
    r"\b(i passed|excellent|strong hire|top marks|perfect score|i'?(ve| have) (fully |completely )?(covered|passed|"
    r"aced|nailed))|(please|can you|could you|go ahead and|just) mark (it|this|that|them|me|the|my|every|each|all)\b"
    r"[^.?!]{0,30}\b(as )?(complete|completed|done|passed|excellent|perfect|strong|a pass|covered)\b)",
    re.I,
)
"""A candidate addressing the interviewer's instructions instead of the design: it earns nothing."""


_TERMINAL_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` as text, not terminal control: escape sequences (colours, clear screen, window titles) and
    control characters other than newline and tab are removed; carriage returns become newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", _TERMINAL_SEQUENCE.sub("", text))


CONTRAST = re.compile(
    r"\b(but|however|whereas|trade-?offs?|versus|vs\.?|instead of|on the other hand|at the cost of|in exchange|"
    r"cheaper|faster|slower|costlier|more expensive|depends on|the downside|the upside|rather than|than|"
    r"compared (?:to|with)|alternatives?|at the expense of|outweighs?|prefer|the price is|pros|cons)\b",
    re.I,
)
QUANTITY = re.compile(
    r"(?:\b\d[\d,.]*\s*-?\s*(?:%|ms\b|s\b|sec(?:ond)?s?\b|k\b|m\b|b\b|gb\b|tb\b|qps\b|rps\b|million|billion|"
    r"thousand|x\b|h\b|hours?\b|hrs?\b|d\b|days?\b|wks?\b|weeks?\b|months?\b|years?\b|min(?:ute)?s?\b|"
    r"per\s+(?:second|day|request|user))|\bp(?:50|90|95|99|999)\b|[$€£]\s?\d|@\s?\d+|\btop[- ]\d+)", re.I)
REASONING = re.compile(
    r"\b(because|since|so that|so we|so the|so I|so it|so each|so only|which means|that means|in order to|"
    r"to avoid|to keep|otherwise|the reason|that way|this lets|this way|as long as|unless|if we|if the|if a|"
    r"when the|given|the catch|caveat|bearing in mind|which is how|that's why|which is why|the risk|"
    r"to catch|to make sure|so that|,\s*so)\b",
    re.I,
)
"""Words that give a why: a step reaches its upper levels only with reasoning (or a trade-off, or a
number) in what the candidate said, not with a list of the right terms."""


def says_when_or_why(text: str) -> bool:
    """Reasoning, or a figure with its unit ("alert if the lists are 48h stale", "the 80 ms SLO"; a
    percentile's name such as "p99" alone is a term): a dense list with it is a terse design, not a
    string of buzzwords."""
    return bool(REASONING.search(text)) or any(
        not m.group().lower().startswith("p") for m in QUANTITY.finditer(text))


def is_term_list(sentence: str) -> bool:
    """A comma list of short items that says no when or why: "drift, PSI, alerting, canary, rollback"."""
    items = sentence.count(",") + 1
    return items >= 4 and len(sentence.split()) < 3 * items and not says_when_or_why(sentence)


def words(text: str) -> list[str]:
    """Lower-case words and numbers, in order; punctuation and hyphens separate them."""
    return _WORD.findall(text.lower())


@cache
def _us_spellings() -> dict[str, str]:
    return get_dictionary("us")


_local = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    """One stemmer per thread: a Snowball stemmer keeps the word it is working on in itself, so two
    threads sharing one (the engine matches answers off the event loop) corrupt each other's words."""
    found = getattr(_local, "stemmer", None)
    if found is None:
        found = _local.stemmer = snowballstemmer.stemmer("english")
    return found


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One form for a word's variants: British spelling made American (localspelling's dictionary), then
    the Porter2 (Snowball) stem: "normalised", "normalizing" and "normalization" all become "normal",
    "labelled" and "labels" become "label"."""
    return str(_stemmer().stemWord(_us_spellings().get(word, word)))


def tokens(text: str) -> list[str]:
    """Stemmed words without stop words, repeats kept: what keyword ranking counts."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def content_words(text: str, min_length: int = 3) -> set[str]:
    """The stemmed words of `text` that carry meaning (no stop words, none shorter than `min_length`)."""
    return {stem(w) for w in words(text) if w not in STOP_WORDS and len(w) >= min_length}


def overlap(wanted: str, text: str) -> float:
    """Share of `wanted`'s content words that `text` also has (1.0 when `wanted` has none)."""
    needed = content_words(wanted)
    return len(needed & content_words(text)) / len(needed) if needed else 1.0


def word_grams(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """Runs of `n` consecutive words (apostrophes kept inside words): near-copies share many."""
    found = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(found[i:i + n]) for i in range(len(found) - n + 1)}


def sentences(text: str, min_words: int = 1) -> list[str]:
    """The sentences (and lines) of `text`, stripped, each an exact substring of it; a `;` ends one too.
    Pieces with fewer than `min_words` words are left out."""
    parts = (p.strip() for p in _SENTENCE_BREAK.split(text.strip()))
    return [p for p in parts if p and len(p.split()) >= min_words]


def questions(text: str) -> list[str]:
    """Every question in `text` (the words from the previous sentence end up to a '?')."""
    return [q.strip() for q in _QUESTION.findall(text)]


def last_question(text: str) -> str:
    """The last question in `text`, or '' when it asks none."""
    found = questions(text)
    return found[-1] if found else ""


_PHRASE_END = frozenset("in of for per to and or with from on at by the which that than within across".split())


def figure_phrase(text: str, most: int = 4) -> str:
    """The first figure in `text` with the words that name it ("38 policy codes", "250 ms p99"), for a
    reminder that does not read the whole sentence out again; '' when `text` has no figure."""
    # a figure, not the digits of a name ("p99", "L2")
    found = next((m for m in _NUMBER.finditer(text) if not text[max(0, m.start() - 1):m.start()].isalpha()), None)
    if found is None:
        return ""
    start = found.start() - (found.start() > 0 and text[found.start() - 1] in "$€£")
    kept: list[str] = []
    for word in text[start:].split()[:most]:
        if kept and word.lower().strip(",.;:()") in _PHRASE_END:
            break
        kept.append(word.rstrip(",.;:"))
        if word[-1] in ",.;:)":
            break
    while len(kept) > 1 and kept[-1].lower() in _PHRASE_END | {"a", "an"}:
        kept.pop()  # cut mid-phrase ("3-6 policy codes a"): end on the thing counted
    return " ".join(kept).strip("()")


def numbers(text: str) -> set[str]:
    """The numbers written in `text`, thousands separators removed ("1,000" -> "1000")."""
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


_MEASURE = re.compile(
    r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%|percent\b|ms\b|milliseconds?\b|seconds?\b|s\b|minutes?\b|"
    r"hours?\b|days?\b|-day\b|weeks?\b|months?\b|years?\b|k\b|thousand\b|m\b|million\b|b\b|billion\b|"
    r"tb\b|gb\b|pb\b)",
    re.I,
)
_SCALE = {"ms": ("s", 0.001), "millisecond": ("s", 0.001), "milliseconds": ("s", 0.001), "s": ("s", 1),
          "second": ("s", 1), "seconds": ("s", 1), "minute": ("s", 60), "minutes": ("s", 60), "hour": ("s", 3600),
          "hours": ("s", 3600), "day": ("s", 86400), "days": ("s", 86400), "-day": ("s", 86400),
          "week": ("s", 604800), "weeks": ("s", 604800), "month": ("s", 2592000), "months": ("s", 2592000),
          "year": ("s", 31536000), "years": ("s", 31536000), "k": ("n", 1e3), "thousand": ("n", 1e3),
          "m": ("n", 1e6), "million": ("n", 1e6), "b": ("n", 1e9), "billion": ("n", 1e9), "percent": ("%", 1),
          "%": ("%", 1), "gb": ("byte", 1e9), "tb": ("byte", 1e12), "pb": ("byte", 1e15)}


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
_WORD_MEASURE = re.compile(
    r"(?:\b(?:within|about|around|after|roughly|almost|nearly|over|under|than|for|takes|take|every|once|last|"
    r"past)\s+(a|an)|(?<![\w-])(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))[\s-]+"
    r"(minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
"""A span of time written in words ("about a week", "two years"); "a" or "an" only after a word that makes it a
span, since "20 ads a day" is a rate, not one day."""


@dataclass(frozen=True)
class Measure:
    """A number with a unit, in one scale ("50 ms" and "0.05 seconds" are equal), and the content words
    around it, which say what it measures ("a 400 ms p99 budget")."""

    value: float
    unit: str
    context: frozenset[str]


_SAME_MEANING = {stem(w): "target" for w in ("goal", "aim", "lift", "objective", "target")}
"""Words a figure's context uses for one thing: "a 5% lift" restates "Target: +2%"."""


_COUNT = re.compile(r"(?<![\w.$])(\d{1,3}(?:,\d{3})+|\d+)\s+([A-Za-z][A-Za-z-]{2,})\b")
"""A plain count of things ("1,500 candidates", "400 GPUs"): its unit is the thing counted."""


def measures(text: str, window: int = 4, counts: bool = False) -> list[Measure]:
    """Every number written with a unit in `text`; with `counts`, also every count of a named thing, in the
    unit "#<stem of the thing>" (only "400 GPUs" and "1,000 GPUs" measure the same thing)."""
    found = [(m.start(), m.end(), float(m.group(1).replace(",", "")), m.group(2)) for m in _MEASURE.finditer(text)]
    for m in _WORD_MEASURE.finditer(text):
        said = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        found.append((start, m.end(), float(_WORD_NUMBERS[said.lower()]), m.group(3)))
    taken = {start for start, *_ in found}
    for m in _COUNT.finditer(text) if counts else ():
        thing, value = m.group(2).lower(), float(m.group(1).replace(",", ""))
        if m.start() in taken or thing in _SCALE or thing in STOP_WORDS or (
                "," not in m.group(1) and 1900 <= value <= 2100):  # a year, not a count
            continue
        found.append((m.start(), m.end(), value, "#" + stem(thing)))
    out = []
    for start, end, number, unit_word in sorted(found):
        unit, scale = _SCALE.get(unit_word.lower(), (unit_word, 1))
        before = words(text[:start])[-window:]
        after = words(text[end:])[:window]
        context = frozenset(_SAME_MEANING.get(stem(w), stem(w)) for w in before + after
                            if w not in STOP_WORDS and len(w) >= 3 and not w.isdigit())
        out.append(Measure(round(number * scale, 9), unit, context))
    return out


WH_STATEMENT = re.compile(
    r"^\W*(what|how)\s+(really\s+|actually\s+|mostly\s+|usually\s+)?(matters|counts|helps|works|worked|"
    r"makes sense|i'?d \w+|i would \w+|i'?ll \w+|we'?d \w+|we would \w+|we'?ll \w+|we need|we want|i want|"
    r"(?:we'?re|we are|i'?m|i am)\s+(?:\w+ly\s+)?\w+ing|"
    r"i mean|i propose|i'?m proposing|i suggest|i did|we did|i'?ve seen|we'?ve seen)\b[^?]*\b(is|are|was|were)\b[^?]*$",
    re.I,
)
"""A sentence that starts like a question but states something ("What matters is chunking and metadata",
"How I'd do it is with a nightly job"): not a question, so it is read as an answer and can earn credit."""


SUBORDINATE = re.compile(
    r"^\W*(when|where|whenever|wherever)\s+(?!(do|does|did|is|are|was|were|will|would|can|could|should|shall|"
    r"has|have|had|might|must|may|is|isn'?t|aren'?t|don'?t|doesn'?t)\b)[^?]*$", re.I)
"""'When chargebacks mature, I'd compute precision' and 'Where reviewers disagree, several people look' open
with a clause, not a question: a question puts a verb after the word ('When does the label arrive')."""


def wh_statement(sentence: str) -> bool:
    return bool(WH_STATEMENT.match(sentence.strip()) or SUBORDINATE.match(sentence.strip()))


def normalise(text: str) -> str:
    """Lower case, letters, digits and spaces only: two wordings of one question compare equal."""
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


def clip(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with '...' when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def capitalised(text: str) -> str:
    """The first letter upper case, the rest as written."""
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=4096)
def cue_pattern(cue: str) -> re.Pattern[str]:
    """A cue phrase as a whole-word pattern that allows simple plurals and hyphen/space variants:
    "hard negative" matches "hard-negatives"."""
    body = r"[\s-]+".join(re.escape(w) for w in cue.lower().split())
    return re.compile(rf"(?<![\w]){body}(s|es)?(?![\w])", re.I)


@lru_cache(maxsize=4096)
def word_start(phrase: str) -> re.Pattern[str]:
    """`phrase` at the start of a word: "label" finds "labelled", "annotat" finds "annotated"."""
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase.lower()))


def as_said(text: str) -> str:
    """A piece of the brief cut at a semicolon (`sentences` cuts there) ends as a sentence when said alone;
    a cut inside brackets closes the bracket it opened ("a 3-D Secure challenge (possible on about 65% of
    transactions)") and drops the one it did not ("... to the issuer")."""
    text = text.rstrip().rstrip(";,:")
    if text.count("(") > text.count(")"):
        text += ")"
    elif text.count(")") > text.count("(") and text.endswith(")"):
        text = text[:-1].rstrip()
    return text if text.endswith((".", "!", "?", '"', ".)", "?)", "!)")) else text + "."
