"""The layers in the README's "How it fits together", checked over every import in the package: data
flows down (cli/tui -> evals -> runtime -> engine/scoring/report -> matching/claims -> knowledge -> providers
-> config/storage/prompts/phrases -> text/negation/paths/domain), nothing below the runtime imports the TUI or
the CLI, the scorer never imports the engine, and no module imports itself back through others."""

from __future__ import annotations

import ast
from pathlib import Path

import interviewer

PACKAGE = Path(interviewer.__file__).parent

RANKS = {
    "__init__": 0, "text": 0, "negation": 0, "paths": 0, "jsonl": 0, "domain": 0,
    "config": 1, "storage": 1, "prompts": 1, "phrases": 1,
    "providers": 2,
    "knowledge": 3,
    "matching": 4, "claims": 4,
    "engine": 5, "scoring": 5, "report": 5,
    "runtime": 6,
    "evals": 7,
    "tui": 8, "cli": 8, "__main__": 9,
}
"""Each part's layer: a part may import parts of a lower layer, and itself."""

ALSO_ALLOWED = {("report", "scoring"), ("cli", "tui"), ("claims", "matching"), ("negation", "text")}
"""Imports within one layer that are part of the design: a report renders a scorecard; `interviewer tui`
opens the app; a claim counts only where the candidate affirms it, which matching reads; what a sentence
affirms is read with the one text toolkit's sentences and content words."""


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(path: Path, module: str, *, runtime_only: bool) -> set[str]:
    """The interviewer modules `path` imports (anywhere in it; with `runtime_only`, not those that only
    type checkers see)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    found = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    known = modules()
    return {name for name in found if name in known and name.startswith("interviewer")}


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def test_every_part_has_a_layer():
    assert {part(m) for m in modules()} <= set(RANKS), {part(m) for m in modules()} - set(RANKS)


def test_imports_only_go_down_the_layers():
    wrong = []
    for module, path in modules().items():
        here = part(module)
        for target in imports(path, module, runtime_only=False):
            there = part(target)
            if there == here or (here, there) in ALSO_ALLOWED:
                continue
            if RANKS[there] >= RANKS[here]:
                wrong.append(f"{module} imports {target} ({here} may not depend on {there})")
    assert not wrong, "\n".join(wrong)


def test_the_named_rules_hold():
    graph = {m: imports(p, m, runtime_only=False) for m, p in modules().items()}
    below_runtime = [m for m in graph if RANKS[part(m)] < RANKS["runtime"]]
    assert not [m for m in below_runtime if any(part(t) in ("tui", "cli") for t in graph[m])]
    assert not [m for m in graph if part(m) == "scoring" and any(part(t) == "engine" for t in graph[m])]
    assert not [m for m in graph if part(m) == "engine" and any(part(t) == "scoring" for t in graph[m])]
    assert not [m for m in graph if part(m) == "tui" and any(part(t) == "cli" for t in graph[m])]


def test_no_import_cycles():
    graph = {m: imports(p, m, runtime_only=True) - {m} for m, p in modules().items()}
    state: dict[str, str] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            # importing a package runs its __init__: a module importing its own package is not a cycle
            if module.startswith(target + "."):
                continue
            if state.get(target) == "open":
                cycles.append(" -> ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)
