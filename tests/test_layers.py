"""The imports of src/tacitus run with the flow: no cycle, no module importing a layer above it.

The layers follow STYLE.md's layout, lowest first: shared values, the cross-stage facts,
read-only data, the resources that load it, then the stages in the order the pipeline
runs them, then what serves and drives the pipeline. A module may import its own layer
or any below it. For layers every import counts: at module top, inside a function (a lazy
import is still a dependency) and under ``TYPE_CHECKING`` (a type named from a later
stage is that stage's knowledge leaking down). For cycles the imports that run count
(``TYPE_CHECKING`` blocks never run, so they cannot leave a module half-initialised);
the import of ``a.b.c`` also runs package ``a.b``'s ``__init__``, so that edge counts
for importers outside the package.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first; a module's layer is its longest matching prefix.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("tacitus.errors", "tacitus.types", "tacitus.distance", "tacitus.prefilter"),  # values everything shares
    ("tacitus.settings", "tacitus.lexicon", "tacitus.facts"),  # knobs; the rulebook's words; what crosses stages
    # read-only data and the dictionaries built from it
    ("tacitus.taxonomy", "tacitus.outlets", "tacitus.places.gazetteer", "tacitus.actors.dictionary",
     "tacitus.population",
     "tacitus.review_rules"),
    ("tacitus.resources",),  # loads the data once; imports no stage
    ("tacitus.ingest",),
    ("tacitus.clean",),
    ("tacitus.analyse",),
    ("tacitus.places",),  # places: finding, resolving, choosing the event's place
    ("tacitus.actors",),  # actors: finding, roles, sides
    ("tacitus.mention",),
    ("tacitus.assemble",),
    ("tacitus.resolve",),
    ("tacitus.screen",),  # what is reported as news: withheld with the rule and reason
    ("tacitus.merge", "tacitus.export", "tacitus.acled"),
    ("tacitus.pipeline",),
    ("tacitus.samples", "tacitus.evaluate", "tacitus.store"),
    ("tacitus.coding", "tacitus.watch", "tacitus.scale"),  # code and store: ingest, demo, the feed watcher, Dask
    ("tacitus.serve", "tacitus.watch.commands"),  # the command line and the web
    ("tacitus",),  # the public API: lazy re-exports of everything
)


def module_name(path: Path, src: Path = SRC) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(src: Path = SRC) -> dict[str, Path]:
    return {module_name(p, src): p for p in sorted((src / "tacitus").rglob("*.py"))}


def imports(name: str, path: Path, known: set[str], *, with_typing: bool = True) -> set[str]:
    """The tacitus modules ``name`` imports, anywhere in its file (``with_typing=False``:
    leaving out those under ``if TYPE_CHECKING:``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped: set[int] = set()
    if not with_typing:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(n) for child in node.body for n in ast.walk(child))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)  # "from pkg import module"
    return {m for m in found if m in known and m != name}


def layer_of(name: str) -> int:
    best, depth = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and prefix.count(".") > depth:
                best, depth = i, prefix.count(".")
    return best


def graph(src: Path = SRC, *, with_typing: bool = True) -> dict[str, set[str]]:
    mods = modules(src)
    known = set(mods)
    return {name: imports(name, path, known, with_typing=with_typing) for name, path in mods.items()}


def with_package_inits(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """Importing ``a.b.c`` from outside ``a.b`` runs ``a.b/__init__`` (and ``a``'s) too."""
    out = {k: set(v) for k, v in edges.items()}
    for name, deps in edges.items():
        for dep in deps:
            parts = dep.split(".")
            for n in range(2, len(parts)):
                parent = ".".join(parts[:n])
                if parent in edges and not (name + ".").startswith(parent + "."):
                    out[name].add(parent)
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def upward(edges: dict[str, set[str]]) -> list[str]:
    return sorted(f"{name} (layer {layer_of(name)}) imports {dep} (layer {layer_of(dep)})"
                  for name, deps in edges.items() for dep in deps if layer_of(dep) > layer_of(name))


def test_layers_every_module_has_a_layer():
    assert [m for m in modules() if layer_of(m) < 0] == []


def test_layers_no_import_cycle():
    assert cycles(with_package_inits(graph(with_typing=False))) == []


def test_layers_no_upward_import():
    assert upward(graph()) == []


def facts_taken_elsewhere(src: Path = SRC) -> list[str]:
    """Imports of a cross-stage type (a class of tacitus/facts.py) from any module but
    tacitus.facts: a stage that re-exports one would become a dependency of the stages
    after it for a type alone."""
    facts = ast.parse((src / "tacitus" / "facts.py").read_text(encoding="utf-8"))
    names = {n.name for n in facts.body if isinstance(n, ast.ClassDef)}
    found = []
    for name, path in modules(src).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tacitus") \
                    and node.module != "tacitus.facts":
                found += [f"{name} imports {a.name} from {node.module}" for a in node.names if a.name in names]
    return sorted(found)


def test_layers_cross_stage_types_come_from_facts():
    assert facts_taken_elsewhere() == []


def test_layers_a_fact_type_taken_from_a_stage_is_found(tmp_path):
    files = {"tacitus/__init__.py": "", "tacitus/facts.py": "class Draft:\n    pass\n",
             "tacitus/assemble.py": "from tacitus.facts import Draft\n",
             "tacitus/resolve.py": "from tacitus.assemble import Draft\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    assert facts_taken_elsewhere(tmp_path) == ["tacitus.resolve imports Draft from tacitus.assemble"]


@pytest.mark.parametrize("files, problem", [
    ({"tacitus/types.py": "from tacitus.pipeline import code_batch\n",
      "tacitus/pipeline.py": "from tacitus.types import Span\n"}, "upward"),
    ({"tacitus/resources.py": "def load():\n    from tacitus.mention import casualties\n",
      "tacitus/mention/__init__.py": "", "tacitus/mention/casualties.py": ""}, "upward"),
    ({"tacitus/facts.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                          "    from tacitus.assemble import Draft\n",
      "tacitus/assemble.py": ""}, "upward"),
    ({"tacitus/assemble.py": "from tacitus.mention import read_mentions\n",
      "tacitus/mention/__init__.py": "def f():\n    from tacitus.resolve.events import x\n",
      "tacitus/resolve/__init__.py": "",
      "tacitus/resolve/events.py": "from tacitus.assemble import Draft\n"}, "cycle"),
    ({"tacitus/places/gazetteer/build.py": "def f():\n    from tacitus.places.gazetteer import sources\n",
      "tacitus/places/gazetteer/__init__.py": "",
      "tacitus/places/gazetteer/sources.py": "from .build import x\n"}, "cycle"),
])
def test_layers_checks_catch_what_they_are_for(tmp_path, files, problem):
    for rel, text in {"tacitus/__init__.py": "", **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    edges = graph(tmp_path)
    found = upward(edges) if problem == "upward" else cycles(with_package_inits(graph(tmp_path, with_typing=False)))
    assert found, f"the {problem} check missed {files}"


def test_layers_a_cycle_through_type_checking_alone_runs_no_import(tmp_path):
    files = {"tacitus/__init__.py": "", "tacitus/a.py": "from tacitus.b import f\n",
             "tacitus/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tacitus.a import T\n"}
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    assert cycles(graph(tmp_path)) == [["tacitus.a", "tacitus.b"]]
    assert cycles(graph(tmp_path, with_typing=False)) == []
