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
