"""The shape docs/architecture.md describes: imports flow one way, the engine names no rule."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).parent.parent / "seedlint"


def _imports() -> dict[str, set[str]]:
    """Module -> seedlint modules it imports at run time (lazy imports included,
    ``if TYPE_CHECKING:`` blocks not)."""
    mods = {}
    for f in PKG.rglob("*.py"):
        parts = list(f.relative_to(PKG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = f
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, f in mods.items():
        pkg = m if f.name == "__init__.py" else m.rsplit(".", 1)[0]
        tree = ast.parse(f.read_text(encoding="utf-8"))
        skip = {id(x) for n in ast.walk(tree) if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n.test)
                for x in ast.walk(n)}
        for node in ast.walk(tree):
            if id(node) in skip or not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for cand in [target] + [f"{target}.{a.name}" for a in node.names]:
                if cand in graph and cand != m:
                    graph[m].add(cand)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_but_rules_registering_themselves():
    graph = _imports()
    cycles = _cycles(graph)
    allowed = {m for m in graph if m == "seedlint.registry" or m.startswith("seedlint.rules")}
    assert all(c <= allowed for c in cycles), cycles


def test_the_engine_names_no_rule():
    """The engine, the runner, the workers, the cache and the server carry facts and findings
    without importing a rule module."""
    graph = _imports()
    for engine in ("seedlint.linter", "seedlint.runner", "seedlint.batch", "seedlint.parallel",
                   "seedlint.cache", "seedlint.lsp", "seedlint.suppress", "seedlint.stamp", "seedlint.serial"):
        assert not {m for m in graph[engine] if m.startswith("seedlint.rules")}, engine


def test_every_module_is_in_the_architecture_page():
    page = (PKG.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for f in PKG.glob("*.py"):
        if f.stem not in ("__init__", "__main__"):
            assert f"{f.stem}.py" in page, f.name
