"""What a candidate sees at the smallest supported sizes (80x24 and 100x30): nothing they need is cut."""

import io

import pytest
from rich.console import Console
from textual.widgets import Label, Static, TextArea

from .helpers import answer, open_case, scorecard_after, settle


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_clock_and_the_current_step_always_fit_the_step_bar(app_factory, size):
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await open_case(app, pilot, "visual")
        await pilot.pause(1.1)  # the bar is redrawn every second
        bar = str(app.screen.query_one("#steps", Static).render())
        assert "total 44:" in bar and "1 Clarify" in bar and len(bar.rstrip()) <= size[0]


async def test_the_opening_prompt_is_one_paragraph_and_the_quit_dialog_is_whole(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        first = app.screen.query("Message").first()
        assert "\n" not in first.text  # the knowledge file's line breaks are not spoken
        await pilot.press("ctrl+q")
        await settle(app, pilot)
        label = app.screen.query_one("#dialog Label", Label)
        assert label.size.height >= 2  # wrapped, not cut at "resum"
        assert "resume it from the home screen" in str(label.render())


async def test_notes_keep_a_diagram_unwrapped_and_the_transcript_stays_on_the_question(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(app, pilot, "visual")
        for i in range(6):
            await answer(app, pilot, f"Question {i}: how many images are in the corpus?")
        transcript = app.screen.query_one("#transcript")
        assert transcript.is_vertical_scroll_end
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.soft_wrap is False and notes.size.width >= 40
        assert transcript.scroll_y >= transcript.max_scroll_y - 1


async def test_the_scorecard_shows_every_reason_whole(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await scorecard_after(app, pilot, "visual", "I would ask about the users.")
        levels = app.screen.query_one("#levels", Static)
        console = Console(width=levels.size.width, record=True, file=io.StringIO())
        console.print(app.screen._levels_table())
        lines = console.export_text().splitlines()
        assert max(len(line.rstrip()) for line in lines) <= levels.size.width
        flat = " ".join(" ".join(lines).split())
        for criterion in app.screen.card.criteria:  # the end of each reason is on screen: nothing is cut
            assert " ".join(criterion.justification.split())[-25:] in flat


async def test_square_brackets_in_a_reason_are_shown_as_written_not_read_as_markup(app_factory):
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await scorecard_after(app, pilot, "visual", "I would ask about the users.")
        card = app.screen.card
        said = "Covered 1 of 5 key points (Success metric [said in Clarify requirements]); a quote \"[/b] x\"."
        app.screen.card = card.model_copy(update={"criteria": [
            c.model_copy(update={"justification": said}) for c in card.criteria]})
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen._levels_table())
        shown = console.export_text()
        assert "Success metric [said in Clarify requirements]" in shown and '"[/b] x"' in shown
