"""Eval machinery: datasets load, the scoring suite separates quality levels, gates catch regressions."""

import asyncio

import pytest

from interviewer import locations
from interviewer.config import Settings
from interviewer.evals.compare import gate, paired_bootstrap
from interviewer.evals.datasets import load_scenarios, load_scoring_items
from interviewer.evals.scoring_suite import run_item, summarize
from interviewer.knowledge.loader import load_knowledge
from interviewer.scoring.rubric import load_rubric


def test_datasets_are_big_enough_and_reference_real_key_points():
    kb = load_knowledge(locations.knowledge_dir())
    items = load_scoring_items()
    assert len(items) >= 150 and len({i.case for i in items}) >= 8
    assert {i.step for i in items} == {"clarify", "frame", "data", "features", "model", "serving", "monitoring"}
    assert load_scoring_items("heldout") and len({i.id for i in items}) == len(items)
    for item in items:
        valid = {kp.id for kp in kb.cases[item.case].key_points(item.step)}
        assert set(item.covers) <= valid, item.id
    assert len(load_scenarios()) >= 30


def test_scoring_suite_on_a_slice_agrees_with_gold_and_resists_attacks():
    kb = load_knowledge(locations.knowledge_dir())
    items = [i for i in load_scoring_items() if i.case == "visual-search"]
    settings = Settings(scoring={"use_embeddings": False})
    rubric = load_rubric()

    async def go():
        return [await run_item(i, kb.cases[i.case], settings, embedder=None, embeddings_name="none", provider=None,
                               rubric=rubric, repeats=2) for i in items]

    results = asyncio.run(go())
    summary = summarize(results)
    assert summary["schema_valid_rate"] == 1.0 and summary["self_consistency"] == 1.0
    assert summary["qwk"] > 0.5 and summary["padded_score_change"] <= 0
    assert all(r["pred"] == 1 for r in results if r["quality"] in ("empty", "gibberish", "idk", "injection"))
    intervals = paired_bootstrap("scoring", results, results)
    assert intervals["qwk"] == (0.0, 0.0)


def test_gate_reports_floors_and_tolerances():
    gates = {"scoring": {"floors": {"qwk": 0.6}, "tolerances": {"exact_agreement": 0.05},
                         "lower_is_better": ["mae"]}}
    baseline = {"summary": {"qwk": 0.8, "exact_agreement": 0.75, "mae": 0.3}}
    assert gate("scoring", baseline, baseline, gates) == []
    worse = {"summary": {"qwk": 0.5, "exact_agreement": 0.6, "mae": 0.3}}
    failures = gate("scoring", baseline, worse, gates)
    assert any("qwk" in f and "floor" in f for f in failures)
    assert any("exact_agreement" in f for f in failures)


def test_cost_is_reported_from_configured_prices_or_as_zero_for_the_embedded_model():
    from interviewer.evals.runner import usage_summary
    from interviewer.providers.scripted import ScriptedProvider

    provider = ScriptedProvider()
    provider.usage.add(1_000_000, 200_000)
    priced = Settings(chat={"provider": "openai", "input_usd_per_mtok": 0.15, "output_usd_per_mtok": 0.6})
    summary = usage_summary(priced, provider, items=4)
    assert summary["cost_usd"] == pytest.approx(0.27)
    assert summary["tokens_per_item"] == 300_000
    assert "cost_usd" not in usage_summary(Settings(chat={"provider": "openai"}), provider, items=4)
    assert usage_summary(Settings(), provider, items=4)["cost_usd"] == 0.0
