"""Eval machinery: datasets load, the scoring suite separates quality levels, comparisons see a change,
gates catch regressions, and repeats are cached under their own index even when they run at once."""

import asyncio

import pytest

from interviewer import paths
from interviewer.config import Settings
from interviewer.evals.cache import CachedProvider, ReplyCache, cache_key
from interviewer.evals.compare import gate, paired_bootstrap, worse_items
from interviewer.evals.datasets import load_scenarios, load_scoring_items
from interviewer.evals.models import EvalContext, EvalRun
from interviewer.evals.runner import usage_summary
from interviewer.evals.suites import get_suite
from interviewer.evals.suites.scoring import ScoringSuite
from interviewer.knowledge.loader import load_knowledge
from interviewer.providers import system, user
from interviewer.providers.scripted import ScriptedProvider
from interviewer.runtime import build


def test_datasets_are_big_enough_and_reference_real_key_points():
    kb = load_knowledge(paths.knowledge_dir())
    items = load_scoring_items()
    assert len(items) >= 150 and len({i.case for i in items}) >= 8
    assert {i.step for i in items} == {"clarify", "frame", "data", "features", "model", "serving", "monitoring"}
    assert load_scoring_items("heldout") and len({i.id for i in items}) == len(items)
    for item in items:
        valid = {kp.id for kp in kb.cases[item.case].key_points(item.step)}
        assert set(item.covers) <= valid, item.id
    assert len(load_scenarios()) >= 30


def test_scoring_suite_on_a_slice_agrees_with_gold_resists_attacks_and_a_worse_run_is_seen():
    settings = Settings(matching={"use_embeddings": False})
    ctx = EvalContext(settings=settings, runtime=build(settings), provider=None, repeats=2, quiet=True)
    suite = ScoringSuite()
    items = [i for i in load_scoring_items() if i.case == "visual-search"]

    async def go():
        return [await suite.run_item(ctx, i) for i in items]

    results = asyncio.run(go())
    summary = suite.summarize(results)
    assert summary["schema_valid_rate"] == 1.0 and summary["self_consistency"] == 1.0
    assert summary["qwk"] > 0.5 and summary["padded_score_change"] <= 0
    assert all(r.pred == 1 for r in results if r.quality in ("empty", "gibberish", "idk", "injection"))
    # a run that scores everything 1 is worse, and the interval says so without straddling zero
    flat = [r.model_copy(update={"pred": 1, "repeat_levels": [1]}) for r in results]
    _low, high = paired_bootstrap("scoring", results, flat)["qwk"]
    assert high < 0
    worse = worse_items("scoring", results, flat)
    assert worse and all("-> 1 (gold" in line for line in worse)


def test_gate_reports_floors_and_tolerances():
    gates = {"scoring": {"floors": {"qwk": 0.6}, "tolerances": {"exact_agreement": 0.05},
                         "lower_is_better": ["mae"]}}

    def run(**summary: float) -> EvalRun:
        return EvalRun(run_id="r", suite="scoring", created_at="now", config={}, summary=summary)

    baseline = run(qwk=0.8, exact_agreement=0.75, mae=0.3)
    assert gate("scoring", baseline, baseline, gates) == []
    failures = gate("scoring", baseline, run(qwk=0.5, exact_agreement=0.6, mae=0.3), gates)
    assert any("qwk" in f and "floor" in f for f in failures)
    assert any("exact_agreement" in f for f in failures)
    assert len(failures) == 2


def test_cost_is_reported_from_configured_prices_or_as_zero_for_the_embedded_model():
    provider = ScriptedProvider()
    provider.usage.add(1_000_000, 200_000)
    priced = Settings(chat={"provider": "openai", "input_usd_per_mtok": 0.15, "output_usd_per_mtok": 0.6})
    summary = usage_summary(priced, provider, items=4)
    assert summary["cost_usd"] == pytest.approx(0.27)
    assert summary["tokens_per_item"] == 300_000
    assert "cost_usd" not in usage_summary(Settings(chat={"provider": "openai"}), provider, items=4)
    assert usage_summary(Settings(), provider, items=4)["cost_usd"] == 0.0


def test_concurrent_repeats_are_cached_under_their_own_index(tmp_path):
    """Two repeats of one request in flight at once: each reply is stored under its own repeat index,
    and reading the cache back gives each repeat its own reply (a shared index would give one both)."""
    inner = ScriptedProvider("first reply", "second reply", token_delay_s=0.01)
    cached = CachedProvider(inner, ReplyCache(tmp_path / "cache.sqlite3"), "read")
    messages = [system("You are terse."), user("Say something.")]

    async def ask(repeat: int) -> str:
        await asyncio.sleep(0.005 * repeat)  # interleave: repeat 1 starts while repeat 0 streams
        return await cached.for_repeat(repeat).complete(messages, max_tokens=10)

    async def both() -> list[str]:
        return list(await asyncio.gather(ask(0), ask(1)))

    first = asyncio.run(both())
    assert sorted(first) == ["first reply", "second reply"]
    params = {"max_tokens": 10, "temperature": None}
    stored = {r: "".join(cached.cache.get(cache_key(inner.describe(), messages, params, None, r)) or [])
              for r in (0, 1)}
    assert stored == {0: first[0], 1: first[1]}
    again = asyncio.run(both())
    assert again == first and cached.hits == 2 and len(inner.calls) == 2


def test_every_suite_is_registered_once_and_looked_up_by_name():
    from interviewer.cli.evals import SUITE_NAMES
    from interviewer.evals.suites import SUITES

    assert tuple(SUITES) == SUITE_NAMES  # the CLI's list, kept apart for its start-up time, is the registry's
    assert [get_suite(n).name for n in SUITE_NAMES] == list(SUITE_NAMES)
    with pytest.raises(ValueError, match="unknown suite"):
        get_suite("nope")


def test_turns_data_covers_every_intent_in_both_splits_and_the_suite_scores_misreads():
    from interviewer.evals.suites.turns import INTENTS, TurnResult, TurnsSuite, load_turns

    kb = load_knowledge(paths.knowledge_dir())
    dev, test = load_turns("dev"), load_turns("test")
    assert len(dev) >= 100 and len(test) >= 100
    assert not {t.id for t in dev} & {t.id for t in test}
    for split in (dev, test):
        assert {t.label for t in split} == set(INTENTS)
        assert {t.case for t in split} <= set(kb.cases)

    def read(label: str, read_as: str, n: int) -> TurnResult:
        return TurnResult(id=str(n), case="visual-search", step="data", text="x", label=label, read_as=read_as)

    summary = TurnsSuite().summarize([read("answer", "answer", 1), read("answer", "move_on", 2),
                                      read("move_on", "move_on", 3), read("off_topic", "answer", 4)])
    assert summary["accuracy"] == 0.5 and summary["recall_answer"] == 0.5 and summary["recall_off_topic"] == 0.0
    assert summary["content_read_as_request"] == 0.5
    assert TurnsSuite().regression(read("answer", "answer", 1), read("answer", "move_on", 1))


def test_interviews_for_products_outside_the_catalogue_are_scored_against_a_case_and_counted():
    from interviewer.evals.datasets import SIGNALS, load_outside
    from interviewer.evals.suites.benchmark import summarize as summarize_benchmark

    outside = load_outside()
    assert len(outside) >= 8 and len({o.product for o in outside}) == len(outside)
    assert all({t.step for t in o.turns} == {"clarify", "frame", "data", "features", "model", "serving",
                                             "monitoring"} for o in outside)
    settings = Settings(matching={"use_embeddings": False})
    ctx = EvalContext(settings=settings, runtime=build(settings), provider=None, split="test", quiet=True)
    result = asyncio.run(ScoringSuite().run_outside(ctx, outside[0], "video-search"))
    assert result.id == f"{outside[0].id}@video-search" and result.kind == "outside"
    assert result.pred_signal in SIGNALS
    hired = result.model_copy(update={"pred_signal": "hire"})
    rejected = result.model_copy(update={"pred_signal": "no_hire"})
    assert summarize_benchmark([hired, rejected])["outside_interviews_at_no_hire"] == 0.5
