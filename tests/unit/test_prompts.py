import pytest

from interviewer.prompts import PromptError, available_versions, load_prompts, parse_template


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_versions_load_and_render():
    assert "v1" in available_versions()
    prompts = load_prompts("v1")
    text = prompts.render("system", case_title="Video recommendations")
    assert "Video recommendations" in text
    turn = prompts.render("turn", candidate="hi", instruction="ask it", draft="What is the goal?")
    assert "<candidate>hi</candidate>" in turn and "What is the goal?" in turn


def test_missing_and_unknown_variables_are_errors(tmp_path):
    template = parse_template(write(tmp_path, "t.txt", "---\nvariables: a, b\n---\n{a} and {b}\n"))
    assert template.render(a=1, b=2).strip() == "1 and 2"
    with pytest.raises(PromptError, match="missing variable.*b"):
        template.render(a=1)
    with pytest.raises(PromptError, match="unknown variable.*c"):
        template.render(a=1, b=2, c=3)


def test_declarations_must_match_the_text(tmp_path):
    with pytest.raises(PromptError, match="undeclared variable.*b"):
        parse_template(write(tmp_path, "u.txt", "---\nvariables: a\n---\n{a} {b}\n"))
    with pytest.raises(PromptError, match="unused variable.*b"):
        parse_template(write(tmp_path, "v.txt", "---\nvariables: a, b\n---\n{a}\n"))
    with pytest.raises(PromptError, match="starts with a '---' block"):
        parse_template(write(tmp_path, "w.txt", "no header {a}\n"))


def test_unknown_version_lists_the_available_ones():
    with pytest.raises(PromptError, match="no prompt version 'v99'.*v1"):
        load_prompts("v99")


@pytest.mark.parametrize("version", available_versions())
def test_every_shipped_version_builds_the_phrasing_messages(version):
    from interviewer import paths
    from interviewer.engine.phrasing import build_messages
    from interviewer.engine.policy import Move
    from interviewer.knowledge.loader import load_knowledge

    case = load_knowledge(paths.knowledge_dir() / "cases" / "visual-search.md").cases["visual-search"]
    move = Move("follow_up", "data", "Good. What are the labels?", question="What are the labels?",
                instruction="ask this follow-up question")
    messages = build_messages(load_prompts(version), case, move, "I would log clicks.", [], 0)
    assert case.title in messages[0].content
    assert "Good. What are the labels?" in messages[-1].content
    assert {"judge", "judge_system", "system", "turn"} <= set(load_prompts(version).templates)


def test_a_version_may_leave_out_an_offered_variable_but_not_ask_for_an_unknown_one(tmp_path):
    from interviewer.engine.phrasing import build_messages
    from interviewer.engine.policy import Move

    def version(name: str, turn_vars: str, turn_text: str):
        folder = tmp_path / name
        folder.mkdir()
        write(folder, "system.txt", "---\nvariables: case_title\n---\nAbout {case_title}.\n")
        write(folder, "turn.txt", f"---\nvariables: {turn_vars}\n---\n{turn_text}\n")
        return load_prompts(name, tmp_path)

    class Case:
        title = "Ads"

    move = Move("probe", "model", "Why?", question="Why?")
    messages = build_messages(version("lean", "draft", "Say: {draft}"), Case(), move, "secret text", [], 0)
    assert messages[-1].content.strip() == "Say: Why?" and "secret" not in messages[-1].content
    with pytest.raises(PromptError, match="missing variable.*mood"):
        build_messages(version("odd", "draft, mood", "{draft} {mood}"), Case(), move, "x", [], 0)
