"""Writes small but valid knowledge folders for tests, so index and loader tests do not depend on
the size of the real content."""

from __future__ import annotations

from pathlib import Path

from interviewer.domain.steps import STEP_IDS

TOPICS = {
    "clarify": ["business objective", "scale and traffic", "latency budget", "privacy constraints"],
    "frame": ["ml objective", "input and output", "model category", "offline proxy"],
    "data": ["label source", "sampling", "class balance", "data freshness"],
    "features": ["user features", "item features", "context features", "feature store"],
    "model": ["baseline", "architecture", "loss function", "offline metrics"],
    "serving": ["batch or online", "latency", "ab testing", "rollout"],
    "monitoring": ["drift", "retraining", "alerts", "feedback loops"],
}


def case_text(slug: str, title: str, topic: str, extra_fact: str = "") -> str:
    lines = [
        "---", "kind: case", f"slug: {slug}", f"title: {title}", "difficulty: medium",
        f"practises: {topic}, ranking", "---", "", f"# {title}", "", "## Opening prompt", "",
        f"Design a system for {topic}. The product team wants it live next quarter and we will go from there together.",
        "", "## Scenario facts", "",
        f"- [users] Users: 50 million monthly users of the {topic} product.",
        "- [traffic] Traffic: 20,000 requests per second at peak.",
        f"- [catalogue] Catalogue: 3 million {topic} items, 10,000 new each day.",
        "- [latency] Latency budget: 150 ms p99 end to end.",
        "- [data] Data: two years of interaction logs.",
        "- [labels] Labels: clicks and purchases, purchases arrive within a day.",
        "- [constraints] Constraints: no personal data leaves the region.",
        "- [goal] Business goal: grow weekly purchases by 3 percent.",
    ]
    if extra_fact:
        lines.append(f"- [extra] Extra: {extra_fact}")
    lines += ["", "## Assumptions", "",
              "Tell the candidate to state a reasonable assumption and carry on; never contradict the facts.", ""]
    for step in STEP_IDS:
        lines += [f"## Step: {step}", "", "### Key points", ""]
        for n, name in enumerate(TOPICS[step]):
            ident = name.replace(" ", "-")
            lines += [
                f"- [{step}.{ident}] {name.title()}: A strong answer discusses {name} for {topic} in concrete terms.",
                f"  Cues: {name}, {step} {n}",
                f"  Ask: How would you approach the {step} part here?",
            ]
        lines += ["", "### Weak answer", "", f"A weak answer skips {step} entirely or stays generic about it.", ""]
    lines += ["## Trade-off probes", ""]
    for n in range(6):
        lines += [
            f"### [probe-{n}] Probe number {n}", "",
            "- Step: model",
            "- Trade-off: batch-vs-streaming" if n == 0 else "- Triggers: alpha, beta",
            "- Triggers: batch, streaming" if n == 0 else f"- Question: What about option {n}?",
        ]
        if n == 0:
            lines += ["- Question: Why batch rather than streaming?"]
        lines += ["- Strong answer weighs: Freshness against cost and complexity, with numbers for this case.", ""]
    lines += ["## Pitfalls", "", "- Pitfall one.", "- Pitfall two.", "- Pitfall three.", "",
              "## Deep dives", "", "- Deep one?", "- Deep two?", "- Deep three?", "",
              "## References", "", "- Paper one, 2019.", "- Blog two, 2021.", ""]
    return "\n".join(lines)


TRADEOFFS = """---
kind: tradeoffs
---

# Trade-offs

## [batch-vs-streaming] Batch vs streaming features

- Steps: features, serving
- Batch wins when: features change slowly and a daily job is cheap to run and debug.
- Streaming wins when: the signal decays within minutes, such as session intent or fraud velocity.
- A strong answer mentions: freshness needs per feature, training and serving consistency, and cost.
"""

FRAMEWORK = """---
kind: framework
---

# Framework

The interview walks seven steps in about forty-five minutes, from requirements to monitoring.

""" + "\n".join(
    f"""## Step: {step} — Step {step}

- Budget: 5 minutes
- Listening for: what the candidate says about {step} and whether it is tied to the goal.
- Strong signals: concrete numbers and trade-offs for {step}.
- Weak signals: generic statements about {step}.
- Common mistakes: skipping {step} entirely or rushing through it.
"""
    for step in STEP_IDS
)


def write_knowledge(root: Path, cases: dict[str, str] | None = None) -> Path:
    """A folder with the framework, one trade-off and the given cases (slug -> topic)."""
    cases = cases or {"shoe-search": "shoe search", "song-radio": "song radio"}
    (root / "cases").mkdir(parents=True, exist_ok=True)
    (root / "framework.md").write_text(FRAMEWORK)
    (root / "tradeoffs.md").write_text(TRADEOFFS)
    for slug, topic in cases.items():
        (root / "cases" / f"{slug}.md").write_text(case_text(slug, topic.title(), topic))
    return root
