"""Classify a candidate turn by rules: cheap, deterministic and right on the cases that matter
(empty, asking to move on, asking for a hint). The engine can ask a capable model for a second opinion
on the rest; it falls back to these rules when the model's reply does not validate."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from interviewer.domain.case import CaseStudy
from interviewer.domain.session import TurnKind
from interviewer.providers import ChatProvider, ProviderError, system, user
from interviewer.text import INJECTION, ML_WORDS, content_words, sentences, stem, wh_statement

STEP_WORDS = (r"features?|feature engineering|(the )?model(ling|ing)?|training|evaluation|eval|serving|deployment|"
              r"deploy|monitoring|data( prep(aration)?)?|framing|frame|architecture|metrics")
"""How candidates name a step when they ask to go to it."""
MOVE_ON = re.compile(
    r"\b(let'?s|can we|could we|shall we|i'?d like to|i want to|ready to)\s+(move on|go on|continue|proceed|"
    r"move to the next|go to the next)|\b(next step|next section|next part|next topic|move on|moving on)\b|"
    r"^\s*(i'?m |i am )?(next|done|continue)\W*$|\bthat'?s (all|everything) i (have|'?ve got|can think of)\b|"
    r"\bnothing (more|else) (to add )?(on|for) this (part|step)\b|"
    r"\bthat('?s| is) (it|all) (for|on) (this|the|that) (part|step|section|" + STEP_WORDS + r")\b|"
    r"(^|[.!]\s+)(ok(ay)?\W+|so\W+)?next( one| step| part| please)?\W*$|\b(or|then) next\W*$|"
    r"\b(go|move|skip|jump|get|head)( on| ahead| over| forward)? to (the )?(next|" + STEP_WORDS + r")\b|"
    r"\b(let'?s|can we|could we|shall we) (do|go to|tackle|talk about|look at|cover) (the )?(" + STEP_WORDS
    + r")( now| next)?\W*$|"
    r"\bwhat'?s next\b|\bskip ahead\b|\b(shall|can|could) we move (on|ahead|forward)\b|"
    r"\benough (on |about |of |for )?(the )?(" + STEP_WORDS + r")\b|\bon(to| to) the next\b|\blet'?s go\W*$|"
    r"\b(shall|can|could) we (get|go|jump|dive|move) (in)?to (the )?(next|" + STEP_WORDS + r")\b|"
    r"\b(happy|ready) to (proceed|move|go)( on)? to\b|\bproceed to (the )?(next|" + STEP_WORDS + r")\b|"
    r"\band (talk about|move (on )?to|go to|do) (the )?(" + STEP_WORDS + r")\W*$|"
    r"^\W*(ok(ay)?\W+)?(\w+\W+){0,3}(" + STEP_WORDS + r") time\W*$",
    re.I,
)
WRAP_UP = re.compile(
    r"\b(that|this) (covers|is|was|concludes) (my|the) (whole |full |entire |overall )?(design|answer|proposal|"
    r"solution)\b|\b(let'?s|can we|could we|shall we|i'?d like to|happy to|we can) (wrap (it |things )?up|"
    r"finish|stop|end)( (here|now|the interview|there))?\b|\b(finish|end|conclude) the interview\b|"
    r"\bi'?m (all )?done with (the|my) (design|interview)\b|\bthat'?s (it|all) from me\b|"
    r"\b(that|this) covers (everything|it all|all of it)\W*$|"
    r"\bthat'?s (my|the) (whole |full |entire |complete )?(design|answer|proposal)\b|"
    r"\b(that'?s|this is|that is) the (whole|full|entire|complete) (design|answer|proposal|system)\b|"
    r"\b(design|answer|proposal)(?:'s| is) (complete|done|finished)\b|\bcovered (all|every|each)\b.*\bsteps?\b|"
    r"\b((can|could|shall) we|let'?s) (call it|conclude)\b|\bcall it a day\b|\bwrap (it|this|things) up\b|"
    r"\b(get|hear|see|have) my feedback\b|\bcan (i|we) (get|have|hear) (some |the )?feedback\b|"
    r"\b(can|could|shall) we (just )?(end|stop|finish)( it| here| now| there| the interview)?\b|"
    r"\b(don'?t|do not) want to (continue|go on)\b|\bthat'?s a wrap\b|"
    r"\b(i'?m going to|i'?ll|i will|i think we can|we can|i'?d like to) (call it|stop)( here| there| now)?\b",
    re.I,
)
FINISHED = re.compile(
    r"\b(i'?m|i am|we'?re|we are) (all |pretty much )?(done|finished)( here| now| for now)?( i think| i guess)?"
    r"\s*([.!,]|$)|"
    r"\bthat'?s (everything|all)( i have| from me| i'?ve got)?\W*$",
    re.I,
)
"""Finished with what was asked: in the last step that ends the interview, elsewhere it moves on."""
REPHRASE = re.compile(
    r"\b((?<!has to )(?<!have to )(?<!had to )(?<!needs to )(?<!need to )(rephrase|reword)|"
    r"say (that|it) (again|differently|another way)|repeat (the|that|your) question|"
    r"what do you mean|not sure what you mean|(explain|clarify) what you mean|what you mean by|when you say|"
    r"what (exactly )?are you asking|\bdo you mean\b|\bare you asking\b|which (one|part) do you mean|"
    r"(don'?t|do not|didn'?t|did not) "
    r"(understand|get|follow) (the|that|your) question|come again|could you (clarify|explain) (the|that|your) "
    r"question|put (that|it) (differently|another way)|in other words|"
    r"(what'?s|what is|what was) the question( again)?|repeat (that|the question|the last part|it|what you said)|"
    r"(i'?m not sure|not sure) i (follow|understand|get (it|you|that))|i (don'?t|do not|didn'?t) (follow|get it)|"
    r"referring to|explain the question|lost me|lost you|\b(you|u) mean by|meant by|meaning what|"
    r"say (that|it) (in )?(a )?(different|another|simpler) (way|words)|(not|not quite) following|"
    r"went over my head|explain what (you'?re|you are|ur|u r) asking|which part (do|should) (you want )?(i|me)|"
    r"which part do you want|are you (thinking|talking) (of|about)|is (the|your) question about|"
    r"what (you'?re|you are) (getting|driving|aiming) at|(could|can|would) you (please )?(explain|elaborate|expand)"
    r"( on that| on it| on the question| that)?( a bit| a little)? (more|further)|"
    r"(it'?s )?(unclear|not clear) (to me )?what you'?re asking|"
    r"should i (focus|talk) on .{1,60}\bor\b|ask (it|that|the question) (again|differently|(in )?a different way|"
    r"another way)|(didn'?t|did not|don'?t|do not) (quite )?catch (that|it|the question|what you said)|"
    r"(don'?t|do not|didn'?t|did not) (quite |really )(understand|get|follow) (the|that|your) question)\b|"
    r"^\W*(huh|sorry|pardon|what)\W*\?\W*$",
    re.I,
)
OPINION = re.compile(
    r"\b(what|which) (would|do|did) you (pick|choose|use|recommend|prefer|suggest|think|go with|do|include|add)\b|"
    r"\bdo you (actually |really |personally )?think\b|\byour (pick|call|vote)\b|"
    r"\bwhat(?:'?s| is) your (take|opinion|view|preference|recommendation|favou?rite (approach|model|choice))\b|"
    r"\b(in your (opinion|view|experience)|would you (pick|choose|go with|prefer|recommend))\b|"
    r"\bwhat (is|would be) the best (model|approach|choice|option|architecture)\b|"
    r"\b(do|would|did) (you|u) (personally |actually |really |yourself )?(think|prefer|pick|choose|go for|go with|"
    r"recommend|use|bother|favou?r|lean|rather)\b|\bif you were (designing|building|doing|me|in my)\b|"
    r"\bwhat (you'?d|you would) (go for|pick|choose|do|use|recommend)\b|\bcurious what you\b|"
    r"\bwhat do (\w+ ){0,3}(teams|people|companies|folks|shops) (\w+ )?(use|do|pick|go with)\b|"
    r"\bdo (most )?(people|teams|companies|folks) (usually |typically |actually )?(use|do|pick|go with)\b|"
    r"\bany preference\b|\bwhat would you say\b|\b(the )?(usual|standard|typical|common) (go-?to|choice|pick|"
    r"approach)\b|\bgo-?to\b.*\?|\bdo you see it (differently|another way)\b|\bwhere (do )?you (land|stand)\b",
    re.I,
)
PERSONAL = re.compile(
    r"\byour (favou?rite|weekend|day|holiday|team|hobby|hobbies)\b|"
    r"\b(do|did) you (watch|play|follow|like|see(?! it)|catch)\b|"
    r"\bhow(?:'s| is| was) (your|the) (day|week|weekend|weather)\b|\b(football|soccer|cricket|basketball|movie|"
    r"film|weather|raining|sunny|commute|vacation|coffee|last night|the match|the game)\b|"
    r"\bwhat time is it\b|\bhappy (friday|monday|weekend|holidays?|new year)\b|\b(you|u) interviewed\b|"
    r"\b(are|were) you (running|built|based) on\b|\b(totally|completely|entirely) unrelated\b|"
    r"\b(tiny|small|quick|little|slight) tangent\b|\brandom thought\b|\boff[- ]topic\b|"
    r"\bdo you (have|own) (any )?(pets?|kids|children|a (dog|cat))\b|\bdo you (ski|cook|travel|surf|hike)\b|"
    r"\b(do|did) you (still )?(work|go) (remote(ly)?|from home|into the office|in(to)? an office|in the office)\b|"
    r"\bwho are you rooting\b|\bhow long have you been (at|with|working|running|doing|giving|conducting)\b|"
    r"\bweekend plans\b|\bhave you (ever )?(seen|watched|read|been to)\b|\bdocumentar(y|ies)\b|"
    r"\b(random|side|personal|unrelated|silly) question\b|"
    r"\b(do|did|have|would) you\b[^.?!]{0,50}\byourself\b[^.]{0,20}\?|"
    r"\bwhere are you (calling|joining|dialing|dialling) (in )?from\b|^\W*(haha|hah|lol)\b|"
    r"\bmy (cat|dog|kids?|neighbou?r'?s?|partner|wife|husband|coffee|cofee)\b",
    re.I,
)
"""Small talk: a turn with one of these and at most one ML word is off topic, whatever else it says; with
two of them and none of the case's words, two ML words ("a film I watched on the train") are small talk too."""

HINT = re.compile(
    r"\b(hints?|(?<!no )clues?|nudge|pointers?|i'?m stuck|i am stuck|stuck on|help me( out)?|help\?|"
    r"need (a little |some |a bit of )?help|could use (some |a little )?help|point me|"
    r"where (should|do) i (start|begin)|"
    r"what should i (cover|focus on|talk about|be (thinking about|considering))|"
    r"what'?s the first thing i should|help (pls|please|plz)|get me started|(a |little |small )push|any tips|"
    r"what (kind of )?(things|questions) should i)\b",
    re.I,
)
DECLINE = re.compile(
    r"^\s*(i\s*(do\s*not|don'?t)\s*know|no idea|not sure|pass|skip( this| that)?( question)?|no clue)\W*$", re.I
)
UNSURE = re.compile(
    r"\b(i\s*(do\s*not|don'?t|really don'?t) (really )?know|no idea|(i'?m|i am) (not|really not|not really) "
    r"(sure|certain)|not (really )?sure|no clue|idk|dunno|(i'?m|i am) blanking|drawing a blank|can'?t think of|"
    r"(never|haven'?t) (done|worked on|dealt with) (this|that|it))\b",
    re.I,
)
QUOTED = re.compile(r"(?<!\w)[\"“][^\"”]{2,60}[\"”]|(?<!\w)['‘].{2,60}?['’](?!\w)")
GOES_ON = re.compile(
    r"\b(but|though|so|anyway|still)\b,?\s+(i'?d|i would|i'?ll|i will|we'?d|we would|we could|i could|i guess|"
    r"i think|probably|maybe|let'?s|my guess)\b(\s+[^\s?]+){6,}", re.I)
"""'I don't know X, but I'd ...' goes on to answer: not a decline."""
DONT_KNOW = re.compile(
    r"\b(i\s*(\w+ly\s+)?(do\s*not|don'?t)\s*(really\s*)?know|no idea|no clue|idk|dunno|drawing a blank|"
    r"not something i know|(i'?m|i am) (blanking|drawing a blank|out of my depth)|can'?t (really )?answer|"
    r"not something i'?ve (come across|seen|done|worked (on|with))|(i'?m|i am) not familiar with|beyond me|"
    r"(i'?m|i am) not sure,? i (haven'?t|have never|never)|"
    r"(i'?m|i am) (\w+ly )?(not|not really|really not) sure (how|what|which)( other)?( \w+)? to "
    r"(handle|deal with|do|approach|solve|tackle|fix|go about|use|pick|choose)|"
    r"(never|haven'?t) (done|worked on|dealt with) (this|that|it) before)\b", re.I)
"""Said plainly, "I don't know" declines the question even in a sentence full of its topic's words."""
INCUMBENT = re.compile(r"\b(current|existing|today'?s?|incumbent|in production|baseline|right now)\b", re.I)
"""A question about the model that runs today ("the current logistic regression's recall?") asks about the
case, not which model to pick."""
STUCK_ON_HOW = re.compile(r"^\W*([^.?!]{0,40}?\s)?((honestly|so|um|well),?\s+)?(i\s+(really\s+)?(don'?t|do not)\s+"
                          r"(really\s+)?know|(i'?m|i am) (\w+ly )?(not|not really|really not) sure) (how|which|what) "
                          r"[^?]*[.!]", re.I)
"""A turn that opens stuck on how to do something is "I don't know" even when a guess follows as a question
("I don't know how to handle the delays. Do we just wait?"); "I don't know the traffic. What's the peak?"
asks for a fact."""
QUESTION_START = re.compile(
    r"^\s*((what|whats|how|hows|who|when|where|wheres|which|why)\b|(is|are|do|does|did|can|could|should|would|"
    r"will|may|have|has)\s+(i|we|you|u|it|they|there|this|that|these|those|the|a|an|our|your|my|users?|he|she|"
    r"someone|anyone|any|every|each|all|not|n'?t)\b)", re.I
)
CLARIFY_HINTS = re.compile(
    r"\b(how many|how much|how fast|how quickly|how often|how big|how large|do we have|is there|are there|can i assume|"
    r"volume|throughput|size|"
    r"should i assume|assume|budget|latency|users|traffic|qps|requests|scale|catalog|catalogue|labels?|"
    r"constraint|requirement|goal|objective|metric|success|business|kpi|targets?|guardrails?|baseline|sla|slo|"
    r"ml|framework|team|stack|tools?|infra|"
    r"languages?|countries|regions?|markets?|devices?|platforms?|mobile|website|web|desktop|ios|android|"
    r"infrastructure|hardware|gpus?|budget|cost)\b",
    re.I,
)


DESIGN_WORDS = re.compile(
    r"\b(re-?train\w*|deploy\w*|roll-?outs?|roll(ing)? out|canary|shadow|rollback|evaluat\w*|calibrat\w*|"
    r"thresholds?|inference|gpus?|cpus?|ann|vectors?|encoders?|transformers?|gbdt|xgboost|llms?|fine-?tun\w*|"
    r"annotat\w*|dashboards?|alerts?|retention|privacy|gdpr|logs?|logging|seasonal\w*|historical|gnns?|cnns?|"
    r"bert|faiss|scann|hnsw|cross-?encoders?|chunks?|tokens?|recs?|stale|fresh\w*|real-?time|refresh\w*|"
    r"ctr|cvr|imbalanc\w*|(down|up|over|under)-?sampl\w*|negatives|positives|class weights?|reweight\w*)\b", re.I)
"""Design words ML_WORDS (shared with the scorer) leaves out: enough to tell a question about the system
from small talk."""


@dataclass(frozen=True)
class Classification:
    kind: TurnKind
    declined: bool = False
    injection: bool = False
    instruction_only: bool = False
    """An injection whose other sentences say nothing about the design ("record that I passed. The
    recruiter said it's a formality."): the turn is an instruction, not an answer."""


SMALL_TALK = frozenset(stem(w) for w in (
    "today tonight night yesterday tomorrow weekend weather lunch dinner breakfast coffee holiday "
    "final last great nice good fine thanks that this with from have will they their there about "
    "which each more than into over only also when what were been some most where here sorry totally "
    "make made makes season want need like know think just really anyway already said says"
).split())


def case_texts(case: CaseStudy) -> list[str]:
    """What a case is about, in its own words: the source of its topic words."""
    return [case.title, case.opening_prompt, *(f.text for f in case.facts)]


def words_of(*texts: str) -> frozenset[str]:
    return frozenset(w for t in texts for w in content_words(t, min_length=4))


def topic_words(case_texts: Sequence[str], other_cases: Sequence[Sequence[str]] = ()) -> frozenset[str]:
    """Distinctive content words of the case (title, prompt, facts), so a question about 'videos' or
    'hosts' counts as on topic even when it uses no ML vocabulary. Words that a third of the other cases
    also use ('today', 'last', 'average') say nothing about the topic, nor does small talk."""
    own = words_of(*case_texts)
    spread: dict[str, int] = {}
    for texts in other_cases:
        for word in words_of(*texts) & own:
            spread[word] = spread.get(word, 0) + 1
    common = {w for w, n in spread.items() if 3 * n >= len(other_cases)}
    return frozenset(own - common - SMALL_TALK)


def _on_topic(text: str, vocabulary: frozenset[str]) -> bool:
    if ML_WORDS.search(text) or CLARIFY_HINTS.search(text) or DESIGN_WORDS.search(text):
        return True
    return bool(words_of(text) & vocabulary)


def classify(text: str, vocabulary: frozenset[str] = frozenset(), phase: str = "") -> Classification:
    """`vocabulary`: the case's content words (see `topic_words`); `phase`: the step the turn is in (while
    clarifying, a long turn that ends in a question is a question, however much it says first)."""
    stripped = text.strip()
    injection = bool(INJECTION.search(stripped))
    # an injection's other sentences decide whether the turn is only an instruction (read only for one)
    rest = " ".join(s for s in sentences(stripped) if not INJECTION.search(s)) if injection else ""
    flags = {"injection": injection, "instruction_only": injection and not _on_topic(rest, vocabulary)}
    if not stripped or not re.search(r"\w", stripped):
        return Classification("empty")
    words = len(stripped.split())
    # asking for help or for the question again is a request, whatever doubt it voices ("no idea, a hint?")
    if HINT.search(stripped) and words <= 45:
        return Classification("hint_request", **flags)
    if REPHRASE.search(stripped) and words <= 45:
        return Classification("rephrase_request", **flags)
    own = QUOTED.sub("", stripped)  # 'alert if "I don't know" answers spike' declines nothing
    if not GOES_ON.search(own) and (DECLINE.match(own) or (
            UNSURE.search(own) and words <= 25 and not ML_WORDS.search(own)) or (
            DONT_KNOW.search(own) and ("?" not in own or STUCK_ON_HOW.match(own)) and words <= 40)):
        return Classification("answer", declined=True)
    if WRAP_UP.search(stripped) and words <= 40 and not injection:
        return Classification("wrap_up_request", **flags)
    if FINISHED.search(stripped) and words <= 30 and not injection:
        return Classification("wrap_up_request" if phase == "monitoring" else "move_on")
    if MOVE_ON.search(stripped) and words <= 30 and not injection:
        return Classification("move_on")
    on_topic = _on_topic(stripped, vocabulary)
    small_talk = {m.group().lower() for m in PERSONAL.finditer(stripped)}
    # "I think multi-head is better. What would you pick?": an argued view that ends by asking for ours
    asks_ours = (words <= 40 and is_clarifying_question(stripped)) or (
        words <= 90 and ends_asking(stripped) and bool(OPINION.search(sentences(stripped)[-1])))
    if OPINION.search(stripped) and asks_ours:
        return Classification("opinion_request" if on_topic and not small_talk else "off_topic", **flags)
    ml_words = len(ML_WORDS.findall(stripped))
    if small_talk and words <= 60 and (ml_words <= 1 or (len(small_talk) >= 2 and ml_words <= 2
                                                             and not words_of(stripped) & vocabulary)):
        return Classification("off_topic", **flags)
    if is_clarifying_question(stripped) or (phase in ("clarify", "intro") and on_topic and asks_something(stripped)):
        return Classification("clarifying_question" if on_topic else "off_topic", **flags)
    if not on_topic and words <= 40 and not injection:
        return Classification("off_topic")
    return Classification("answer", **flags)


CHECK_IN = re.compile(
    r"^(does (that|this) (make sense|sound (good|right|ok|reasonable))|(is that|sound) (ok|okay|good|right|"
    r"reasonable)|right|ok(ay)?|make sense|any questions|shall i (go on|continue))\W*$",
    re.I,
)


def ends_asking(text: str) -> bool:
    """The last thing said is a question (not a check-in like "does that make sense?")."""
    said = [s for s in sentences(text) if not CHECK_IN.match(s)]
    return bool(said) and said[-1].rstrip().endswith("?")


def asks_something(text: str) -> bool:
    """Some sentence is a question (while clarifying, a long turn with a question in it is asking)."""
    return any(s.rstrip().endswith("?") and not CHECK_IN.match(s) for s in sentences(text))


ASKS_FOR_FIGURE = re.compile(
    r"\bhow (many|much|often|long|big|large|fast|quickly|soon)\b|\bwhat(?:'s| is| are)? (the |our )?"
    r"(share|fraction|percentage|proportion|rate|ratio|volume|budget|number|size|count|cost|price|latency)\b|"
    r"\b(qps|dau|mau)\b", re.I)
"""A question for a figure ("how many reviewers?", "what's the budget?"), not for a yes or a no."""
INDIRECT_QUESTION = re.compile(
    r"\b(i'?d (like|love|want) to (know|understand|get a sense)|i want to (know|understand)|i'?m (curious|wondering)|"
    r"wondering (how|what|whether|if)|(can|could) you tell me)\b", re.I)
"""'How skewed is the base? I'd like to know what fraction have few connections': the second sentence asks
too, and it is the one that names the detail."""


def asked_part(text: str) -> str:
    """The questions in a turn, direct or indirect (all of it when it asks none): what a fact lookup should
    read."""
    asked = [s for s in sentences(text)
             if (s.rstrip().endswith("?") or INDIRECT_QUESTION.search(s)) and not CHECK_IN.match(s)]
    return " ".join(asked) or text


ALTERNATIVE = re.compile(r"^\s*(is|are|r|do|does|can|should|will)\s+\S+.*\bor\b", re.I)
"""'is watch time the goal or ...': an either-or is a question even without its question mark."""


def is_clarifying_question(text: str) -> bool:
    """A short question about the scenario. An answer that ends by checking in ("... does that make
    sense?") is an answer; a question with nothing about the problem in it is off topic."""
    said = [s for s in sentences(text) if not CHECK_IN.match(s)]
    if not said:
        return False
    asked = [s for s in said if s.endswith("?") or (QUESTION_START.match(s) and not wh_statement(s))
             or ALTERNATIVE.match(s)]
    if not asked or len(text.split()) > 60:
        return False
    return len(asked) * 2 >= len(said)


UNSURE_WORDS = frozenset(stem(w) for w in (
    "know really sure idea honest honestly sorry best right think clue answer question thing things handle "
    "properly which what about part here there this that those these how".split()))
"""Words of "I'm honestly not sure how to handle this" that say nothing about what the candidate is stuck on."""


def names_a_topic(text: str) -> bool:
    """A declined turn that says what it cannot answer ("how to split the data into train and test, I don't
    know"), not just that it cannot ("no idea, sorry")."""
    return bool(content_words(text, min_length=4) - UNSURE_WORDS)


class TurnLabel(BaseModel):
    """The model's second opinion on a candidate turn (classifier = "model")."""

    kind: Literal["clarifying_question", "answer", "move_on", "hint_request", "off_topic", "rephrase_request",
                  "opinion_request", "wrap_up_request"]


async def second_opinion(provider: ChatProvider, text: str, rules: Classification) -> Classification:
    """The model's reading of a turn the rules read (`classifier = "model"`); an empty turn or a decline
    stays the rules' reading, and a model that fails leaves the rules' reading, so the interview goes on."""
    if rules.kind == "empty" or rules.declined:
        return rules
    try:
        label = await provider.structured(
            [system("Classify the candidate's turn in a mock ML system design interview."), user(text[:1500])],
            TurnLabel, max_tokens=30,
        )
    except ProviderError:
        return rules
    return Classification(label.kind, declined=rules.declined, injection=rules.injection,
                          instruction_only=rules.instruction_only)

