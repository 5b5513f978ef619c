"""The shape of the house: no import circles in ``superagent`` and one asynchronous edge.

The import graph is read from the source (every ``import``, including ones inside functions and under
``TYPE_CHECKING``: a lazy import still couples two modules), so a circle fails here before it can bite at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import superagent

SRC = Path(superagent.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = ["superagent", *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    names: set[str] = set()
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    else:
        if node.level:
            base = module.split(".")
            if modules[module].name != "__init__.py":
                base.pop()
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join([*base, node.module] if node.module else base)
        else:
            prefix = node.module or ""
        names = {f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix for alias in node.names}
    resolved = set()
    for name in names:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name.startswith("superagent"):
            resolved.add(name)
    return resolved


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges |= _imported(module, node, modules)
        edges.discard(module)
        # importing a.b.c runs a/__init__ and a/b/__init__ first
        parent = module.rpartition(".")[0]
        while parent and parent != "superagent":
            edges.add(parent)
            parent = parent.rpartition(".")[0]
        graph[module] = {e for e in edges if e != module and not module.startswith(e + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_planted_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_lazy_and_type_only_imports() -> None:
    graph = import_graph()

    assert "superagent.orchestration.executor" in graph["superagent.services"]  # imported inside a method
    assert "superagent.agents.medic" in graph["superagent.pipeline.calls"]  # under TYPE_CHECKING


def test_no_import_circles_in_superagent() -> None:
    assert cycles(import_graph()) == []


def test_only_the_command_line_runs_an_event_loop() -> None:
    """The core is async; ``asyncio.run`` belongs to the edge (cli/), never to agents, adapters or the pipeline."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr == "run" and ast.unparse(node.value) == "asyncio":
                offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def test_nothing_above_services_builds_a_store_or_an_executor() -> None:
    """Commands and job code get the store, models and executor from ``build_services``."""
    above = [SRC / "jobs.py", *(SRC / "cli").glob("*.py")]
    built = ("SQLiteStateStore(", "InlineExecutor(", "TemporalExecutor(", "Brains(", "AgentActivities(")
    offenders = [f"{p.relative_to(SRC)}: {b}" for p in above for b in built if b in p.read_text()]
    assert offenders == []
