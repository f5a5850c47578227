"""The text toolkit under the engine and the scorer."""


def test_stemming_from_many_threads_at_once_gives_every_thread_the_right_stems():
    from concurrent.futures import ThreadPoolExecutor

    from interviewer.text import stem

    words = [f"{w}{i}" for i in range(3000) for w in ("normalising", "labelled", "recommendations")]
    stem.cache_clear()  # every call stems for real, as many threads as the engine and evals use
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(stem, words))
    stem.cache_clear()
    assert got == [stem(w) for w in words]
