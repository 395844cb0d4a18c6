"""The layout keeps its promises: data flows one way between the apps, no module imports
in a circle, no app reaches for another's private names, and modules stay readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dateline"

# Upstream first: an app may import its own layer's apps and those above it in this list,
# never one further down (wires -> ingest -> newsroom... reads as the data flows).
LAYERS = (
    ("core",),
    ("wires",),
    ("newsroom",),
    ("topics",),
    # Search keeps an index of the articles, as topics and stories keep theirs, so ingest's
    # repair sweep may ask it what is missing; its pages and API answer at the end.
    ("stories", "search"),
    ("ingest",),
    ("site", "pages", "feeds", "api"),
    ("desk", "demo"),
)
LAYER_OF = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}
LONGEST_MODULE = 600
DATA_MODULES = {"dateline/core/tagging/data/newsmakers.py"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts
    }


def _imports(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import, at any depth."""
    found = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.append((base, [alias.name for alias in node.names]))
    return [(module, names) for module, names in found if module.startswith("dateline")]


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for module, names in _imports(name, path):
            for target in [f"{module}.{n}" for n in names] + [module]:
                if target in modules and target != name:
                    graph[name].add(target)
                    break
    return graph


def test_every_app_has_a_place_in_the_flow():
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert apps <= set(LAYER_OF), sorted(apps - set(LAYER_OF))


def test_no_app_imports_one_further_down_the_flow():
    upward = []
    for name, path in _modules().items():
        source_app = _app(name)
        for module, _names in _imports(name, path):
            target_app = _app(module)
            if (
                source_app in LAYER_OF
                and target_app in LAYER_OF
                and LAYER_OF[target_app] > LAYER_OF[source_app]
            ):
                upward.append(f"{name} imports {module}")
    assert upward == []


def test_no_module_imports_in_a_circle():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


def test_no_app_takes_another_apps_private_names():
    private = []
    for name, path in _modules().items():
        for module, names in _imports(name, path):
            if _app(module) != _app(name):
                private += [f"{name}: {module}.{n}" for n in names if n.startswith("_")]
        text = path.read_text(encoding="utf-8")
        for other in LAYER_OF:
            if other != _app(name) and f"{other}._" in text.replace(f"{other}.__", ""):
                private.append(f"{name}: {other}._...")
    assert private == []


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_module_is_longer_than_a_reader_can_hold(path):
    relative = str(path.relative_to(ROOT))
    if "migrations" in path.parts or relative in DATA_MODULES:
        return
    assert len(path.read_text(encoding="utf-8").splitlines()) <= LONGEST_MODULE


def test_no_code_reaches_for_private_attributes_of_other_objects():
    """`obj._name` only on `self` and `cls` (and the documented `_meta` of Django's models and
    `_Element` of lxml's types): a private attribute of Django, a library or another class
    is an internal that can change."""
    reached = []
    for path in _modules().values():
        relative = str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and node.attr not in {"_meta", "_Element"}
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
            ):
                reached.append(f"{relative}:{node.lineno} .{node.attr}")
    assert reached == []
