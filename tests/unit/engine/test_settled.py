"""Which trade-off probes the candidate's own words already settled: decided by meaning with the local
embeddings (these tests run the real embedding model, which ships in the venv)."""

import pytest

from interviewer.engine.settled import settled_probes


@pytest.mark.embedded
def test_a_probe_the_answer_already_decided_is_settled_and_a_challenge_is_not(knowledge, local_embedder):
    fraud = knowledge.cases["payment-fraud-detection"]
    decided = ["Fraud is one in a thousand, so I'd undersample the legitimate payments and keep all positives."]
    named = ["Fraud is about one payment in a thousand, so there's a heavy class imbalance."]
    assert "fraud-imbalance" in settled_probes(fraud, "data", decided, local_embedder, set())
    assert "fraud-imbalance" not in settled_probes(fraud, "data", named, local_embedder, set())
    video = knowledge.cases["video-recommendation"]
    described = ["I'd use a two-tower model for candidate generation and then a heavier ranker on the top few "
                 "hundred candidates."]
    model_probes = {p.id for p in video.probes if p.step == "model"}
    assert not model_probes & settled_probes(video, "model", described, local_embedder, set())


@pytest.mark.embedded
def test_an_either_or_probe_decided_in_its_trigger_words_is_settled_however_it_is_worded(knowledge, local_embedder):
    listings = knowledge.cases["similar-listings"]
    decided = ["Precompute similar listings every day and store them, then remove the ones that aren't available."]
    weighing = ["I'm weighing whether to precompute the neighbour lists nightly or compute them on the fly."]
    either_or = next(p for p in listings.probes if p.step == "serving" and "ahead of time" in p.question)
    assert either_or.id in settled_probes(listings, "serving", decided, local_embedder, set())
    assert either_or.id not in settled_probes(listings, "serving", weighing, local_embedder, set())


@pytest.mark.embedded
def test_a_challenge_already_argued_in_its_own_words_is_settled(knowledge, local_embedder):
    ads = knowledge.cases["ad-click-prediction"]
    argued = ["I considered gradient-boosted trees, but they handle billions of sparse IDs and incremental "
              "updates poorly."]
    proposed = ["Gradient-boosted trees on the counters would be my first model."]
    assert "gbdt-vs-deep" in settled_probes(ads, "model", argued, local_embedder, set())
    assert "gbdt-vs-deep" not in settled_probes(ads, "model", proposed, local_embedder, set())


@pytest.mark.embedded
def test_is_the_first_enough_or_add_the_second_is_settled_by_choosing_the_second_only(knowledge, local_embedder):
    listings = knowledge.cases["similar-listings"]
    probe = next(p for p in listings.probes if "good enough, or" in p.question)
    chose_second = ["Stage one: listing embeddings from session co-clicks. Stage two: a gradient-boosted ranker "
                    "predicting booking, trained on carousel data."]
    chose_first = ["Train embeddings for listings from the click sessions and use nearest neighbours."]
    assert probe.id in settled_probes(listings, "model", chose_second, local_embedder, set())
    assert probe.id not in settled_probes(listings, "model", chose_first, local_embedder, set())


@pytest.mark.embedded
def test_a_later_steps_trade_off_decided_early_is_settled_when_every_step_is_read(knowledge, local_embedder):
    listings = knowledge.cases["similar-listings"]
    early = ["Precompute similar listings every day and store them, then remove the ones that aren't available."]
    either_or = next(p for p in listings.probes if p.step == "serving" and "ahead of time" in p.question)
    assert either_or.id not in settled_probes(listings, "clarify", early, local_embedder, set())
    assert either_or.id in settled_probes(listings, None, early, local_embedder, set())
