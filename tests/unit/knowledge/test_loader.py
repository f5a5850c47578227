"""Loading and validating knowledge files: every problem is reported with its file and line."""

import subprocess
import sys

from interviewer import paths
from interviewer.knowledge.loader import load_knowledge
from tests.support.knowledge_factory import case_text, write_knowledge


def test_a_valid_folder_loads_every_part(tmp_path):
    kb = load_knowledge(write_knowledge(tmp_path / "k"))
    assert kb.problems == []
    assert sorted(kb.cases) == ["shoe-search", "song-radio"]
    case = kb.case("shoe-search")
    assert [kp.id for kp in case.key_points("clarify")][:2] == ["clarify.business-objective", "clarify.scale-and-traffic"]
    assert case.fact("latency").text.startswith("150 ms")
    assert case.probes[0].tradeoff == "batch-vs-streaming"
    assert case.probes[0].triggers == ["batch", "streaming"]
    kp = case.key_point("model.baseline")
    assert kp.cues[0] == "baseline" and kp.ask.endswith("?")
    assert kb.framework is not None and next(s.step for s in kb.framework.steps) == "clarify"


def test_problems_name_file_and_line(tmp_path):
    root = write_knowledge(tmp_path / "k")
    path = root / "cases" / "shoe-search.md"
    lines = case_text("shoe-search", "Shoe Search", "shoe search").splitlines()
    ask_line = next(i for i, line in enumerate(lines) if line.strip().startswith("Ask:"))
    lines[ask_line] = "  Ask: tell me about it"  # not a question
    facts_line = next(i for i, line in enumerate(lines) if line.startswith("- [latency]"))
    lines[facts_line] = "- latency is 150ms"  # no [key] Label: form
    path.write_text("\n".join(lines))
    kb = load_knowledge(root)
    rendered = [str(p) for p in kb.problems]
    assert any(r.startswith(f"k/cases/shoe-search.md:{facts_line + 1}:") and "[key] Label" in r for r in rendered), rendered
    assert any(r.startswith(f"k/cases/shoe-search.md:{ask_line + 1}:") and "question" in r for r in rendered), rendered


def test_missing_sections_and_unknown_tradeoffs_are_reported(tmp_path):
    root = write_knowledge(tmp_path / "k")
    path = root / "cases" / "song-radio.md"
    text = path.read_text().replace("## Pitfalls", "## Pratfalls").replace("- Trade-off: batch-vs-streaming", "- Trade-off: no-such-thing")
    path.write_text(text)
    kb = load_knowledge(root)
    messages = [p.message for p in kb.problems]
    assert "missing section '## Pitfalls'" in messages


def test_unknown_tradeoff_id_is_reported(tmp_path):
    root = write_knowledge(tmp_path / "k")
    path = root / "cases" / "song-radio.md"
    path.write_text(path.read_text().replace("- Trade-off: batch-vs-streaming", "- Trade-off: no-such-thing"))
    kb = load_knowledge(root)
    assert any("unknown trade-off 'no-such-thing'" in p.message for p in kb.problems)


def test_validate_command_exits_non_zero_with_file_and_line(tmp_path):
    root = write_knowledge(tmp_path / "k")
    (root / "cases" / "shoe-search.md").write_text("---\nslug: Bad Slug\n---\n# x\n")
    result = subprocess.run(
        [sys.executable, "-m", "interviewer", "kb", "validate", str(root)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "k/cases/shoe-search.md:1: front matter lacks 'title:'" in result.stdout
    assert "problems in" in result.stderr


def test_the_shipped_knowledge_passes_validation():
    result = subprocess.run(
        [sys.executable, "-m", "interviewer", "kb", "validate", str(paths.knowledge_dir())],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "13 case studies" in result.stdout
    kb = load_knowledge(paths.knowledge_dir())
    assert len(kb.tradeoffs) >= 30
    for case in kb.cases.values():
        assert len(case.probes) >= 6, case.slug
        for step in case.steps.values():
            assert 4 <= len(step.key_points) <= 8, (case.slug, step.step)


def test_retrieval_queries_name_chunks_that_exist():
    from interviewer.evals.suites.retrieval import load_queries
    from interviewer.knowledge.chunks import chunks_by_source

    kb = load_knowledge(paths.knowledge_dir())
    ids = {c.id.split("~")[0] for chunks in chunks_by_source(kb).values() for c in chunks}
    queries = load_queries()
    assert len(queries) >= 80
    assert {q.case for q in queries if q.case} == set(kb.cases)
    missing = [(q.source, r) for q in queries for r in q.relevant if r not in ids]
    assert missing == []


def test_an_again_line_rewords_its_question_and_a_copy_is_reported_at_its_line(tmp_path):
    root = write_knowledge(tmp_path / "k")
    path = root / "cases" / "shoe-search.md"
    lines = case_text("shoe-search", "Shoe Search", "shoe search").splitlines()
    first, second = [i for i, line in enumerate(lines) if line.strip().startswith("Ask:")][:2]
    lines.insert(first + 1, "  Again: Put plainly, what should go up if this works?")
    second += 1
    copied = lines[second].replace("Ask:", "Again:")  # four words in a row of its own question
    lines.insert(second + 1, copied)
    path.write_text("\n".join(lines))
    kb = load_knowledge(root)
    first_point = kb.cases.get("shoe-search")
    rendered = [str(p) for p in kb.problems]
    assert any(r.startswith(f"k/cases/shoe-search.md:{second + 2}:") and "reword" in r for r in rendered), rendered
    assert first_point is None  # a case with a problem is not loaded half-valid


def test_a_smaller_line_that_names_the_point_or_copies_its_question_is_reported_at_its_line(tmp_path):
    root = write_knowledge(tmp_path / "k")
    path = root / "cases" / "shoe-search.md"
    lines = case_text("shoe-search", "Shoe Search", "shoe search").splitlines()
    first, second = [i for i, line in enumerate(lines) if line.strip().startswith("Ask:")][:2]
    cue = lines[first - 1].split("Cues:")[1].split(",")[0].strip()
    lines.insert(first + 1, f"  Smaller: Which single {cue} number would you look at first?")
    second += 1
    lines.insert(second + 1, lines[second].replace("Ask:", "Smaller:"))
    path.write_text("\n".join(lines))
    rendered = [str(p) for p in load_knowledge(root).problems]
    assert any(r.startswith(f"k/cases/shoe-search.md:{first + 2}:") and "gives the point away" in r
               for r in rendered), rendered
    assert any(r.startswith(f"k/cases/shoe-search.md:{second + 2}:") and "easier" in r for r in rendered), rendered


def shoe_search_with(tmp_path, after: str, added: list[str]):
    """The knowledge folder with `added` lines right after the shoe-search case's line starting `after`;
    returns the loaded knowledge and the 1-based number of the first added line."""
    root = write_knowledge(tmp_path / "k")
    lines = case_text("shoe-search", "Shoe Search", "shoe search").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(after)) + 1
    lines[at:at] = added
    (root / "cases" / "shoe-search.md").write_text("\n".join(lines))
    return load_knowledge(root), at + 1


def test_a_facts_asked_line_gives_its_questions_and_stays_out_of_its_text(tmp_path):
    kb, _ = shoe_search_with(tmp_path, "- [traffic]", ["  Asked: peak qps? | How busy does it get at the",
                                                      "  busiest hour?"])
    assert kb.problems == []
    fact = kb.case("shoe-search").fact("traffic")
    assert fact.asked == ["peak qps?", "How busy does it get at the busiest hour?"]  # a wrapped line joins
    assert fact.text == "20,000 requests per second at peak."


def test_an_asked_question_without_a_question_mark_is_reported_at_its_line(tmp_path):
    kb, line = shoe_search_with(tmp_path, "- [traffic]", ["  Asked: peak qps? | tell me the traffic"])
    rendered = [str(p) for p in kb.problems]
    assert any(r.startswith(f"k/cases/shoe-search.md:{line}:") and "Asked:" in r for r in rendered), rendered


def test_a_steps_deeper_questions_load_and_one_that_repeats_a_key_point_question_is_reported(tmp_path):
    deeper = ["", "### Deeper", "", "- What happens to a shoe that sold out an hour ago?"]
    kb, line = shoe_search_with(tmp_path, "A weak answer skips model",
                                [*deeper, "- How would you approach the model part here, again?", ""])
    rendered = [str(p) for p in kb.problems]
    assert any(r.startswith(f"k/cases/shoe-search.md:{line + 4}:") and "again" in r for r in rendered), rendered
    kb, _ = shoe_search_with(tmp_path, "A weak answer skips model",
                             [*deeper, "- Which sizes would you never show to someone with no history?", ""])
    assert kb.problems == []
    assert kb.case("shoe-search").steps["model"].deeper == [
        "What happens to a shoe that sold out an hour ago?", "Which sizes would you never show to someone with no history?"]


def test_the_questions_a_brief_leaves_open_load_from_their_optional_section(tmp_path):
    kb, _ = shoe_search_with(tmp_path, "Tell the candidate to state", [
        "", "## Not in the brief", "", "- How many engineers are on the team?",
        "- Which cloud provider do we run on, and can we add",
        "  GPUs?"])
    assert kb.problems == []
    assert kb.case("shoe-search").open_questions == [
        "How many engineers are on the team?", "Which cloud provider do we run on, and can we add GPUs?"]
    assert load_knowledge(write_knowledge(tmp_path / "plain")).case("shoe-search").open_questions == []
