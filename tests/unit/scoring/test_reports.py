"""Reports are pure functions of the scorecard and transcript; the HTML is one self-contained page."""

from html.parser import HTMLParser

from interviewer.report.html import render_html
from interviewer.report.markdown import render_markdown
from tests.support.scoring import score, strong_session


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.tags, self.external = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("src", "href"):
            if attrs.get(key, "").startswith(("http:", "https:", "//")):
                self.external.append(attrs[key])
        if tag == "link":
            self.external.append(str(attrs))


def test_html_report_structure():
    stored = strong_session()
    stored.turns[1].text += " <script>alert('x')</script>"
    card = score(stored)
    page = render_html(card, stored)
    parsed = Collector()
    parsed.feed(page)
    assert {"hire-signal", "level-estimate", "steps", "criteria", "strengths", "improvements", "missed",
            "evidence", "transcript"} <= parsed.ids
    assert "svg" in parsed.tags and "style" in parsed.tags
    assert parsed.external == []
    assert "script" not in parsed.tags  # the candidate's text is escaped
    assert page.count("<rect") == 7
    assert "@media print" in page
    for m in card.missed_key_points:
        assert m.pointer in page or m.pointer.replace("'", "&#x27;") in page


def test_markdown_report_sections_and_rendering_is_pure():
    stored = strong_session()
    card = score(stored)
    first = render_markdown(card, stored)
    assert first == render_markdown(card, stored)
    for heading in ("## Steps", "## Criteria", "## Strengths", "## Most valuable improvements",
                    "## Key points you missed", "## Evidence", "## Transcript"):
        assert heading in first
    assert "| Step | Level | Key points covered | Time |" in first
    assert stored.turns[1].text[:40] in first
