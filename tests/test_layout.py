"""The package's shape (issue 13): imports go one way (no cycle, counting imports inside functions; each folder
imports only from itself and the folders below it in :data:`LAYERS`), and every module outside the MkDocs
adapter (``mic_plugin/mkdocs/``) imports with MkDocs and Material unavailable."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mic_plugin"
ADAPTER = "mic_plugin.mkdocs"
LAYERS = ("model", "render", "load", "derive", "site", "authoring", "mkdocs", "cli")
"""The package's folders (and ``cli.py``), lowest first, as ARCHITECTURE.md draws them: each imports only from
itself and the ones before it (``mic_plugin`` itself, which holds ``__version__``, is below them all)."""


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their ``__init__``)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules ``name`` imports anywhere in its text (top level, functions, type-checking blocks)."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from pkg import sub" imports the submodule; "from mod import name" the module itself
            targets = [f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                       for alias in node.names]
        elif (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in
              ("import_module", "__import__")):
            raise AssertionError(f"{path}: imports by string ({ast.unparse(node)}); import modules normally")
        else:
            continue
        for target in targets:
            while target and target not in modules:  # "a.b.c" where c is a name: the module is "a.b"
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _layer(module: str) -> int:
    parts = module.split(".")
    return -1 if len(parts) == 1 else LAYERS.index(parts[1])


def _upward(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module in a later layer than the importer's: ``importer -> imported``."""
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if _layer(b) > _layer(a))


def test_every_folder_is_a_layer():
    folders = {p.parent.name for p in PACKAGE.glob("*/__init__.py")} | {"cli"}
    assert folders == set(LAYERS)


def test_each_folder_imports_only_from_the_folders_below_it():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _upward(graph) == []


def test_the_layer_check_finds_an_import_of_a_later_folder(tmp_path):
    modules = {"mic_plugin.load.x": tmp_path / "x.py", "mic_plugin.derive.y": tmp_path / "y.py",
               "mic_plugin.model.z": tmp_path / "z.py"}
    modules["mic_plugin.load.x"].write_text("def f():\n    from ..derive.y import g\n")
    modules["mic_plugin.derive.y"].write_text("from ..model import z\nfrom ..load.x import f\n")
    modules["mic_plugin.model.z"].write_text("")
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _upward(graph) == ["mic_plugin.load.x -> mic_plugin.derive.y"]


def test_the_package_has_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    modules = {"p.x": tmp_path / "x.py", "p.y": tmp_path / "y.py"}
    modules["p.x"].write_text("def f():\n    from .y import g\n")
    modules["p.y"].write_text("from . import x\n")
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph == {"p.x": {"p.y"}, "p.y": {"p.x"}}
    assert _cycles(graph) == [["p.x", "p.y"]]


_BLOCKER = textwrap.dedent("""
    import importlib, importlib.abc, pkgutil, sys

    class NoEngine(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("mkdocs", "material"):
                raise ImportError(f"{name} is unavailable in this test")
            return None

    sys.meta_path.insert(0, NoEngine())
    import mic_plugin
    failed, imported = [], 0
    for info in pkgutil.walk_packages(mic_plugin.__path__, "mic_plugin."):
        if info.name == "mic_plugin.mkdocs" or info.name.startswith("mic_plugin.mkdocs."):
            continue
        try:
            importlib.import_module(info.name)
            imported += 1
        except ImportError as exc:
            failed.append(f"{info.name}: {exc}")
    try:
        importlib.import_module("mic_plugin.mkdocs.plugin")
        failed.append("the blocker does not work: the adapter imported")
    except ImportError:
        pass
    print(imported)
    print("\\n".join(failed))
    sys.exit(1 if failed else 0)
""")


def test_everything_outside_the_adapter_imports_without_mkdocs_and_material():
    done = subprocess.run([sys.executable, "-c", _BLOCKER], capture_output=True, text=True,
                          cwd=PACKAGE.parent, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert int(done.stdout.split()[0]) >= 30  # the whole package was walked, not an empty list


def test_theme_class_names_come_from_the_adapter():
    """Templates and the plugin's JavaScript name no Material class (``md-*``): the adapter hands them the
    theme's names (``theme_class`` in templates, ``data-hidden-class`` and the Clear button's class for
    ``mic.js``). The stylesheets are written for Material's page frame and may."""
    import re

    material = re.compile(r"""class=["'][^"']*\bmd-|["']md-[a-z-]+["']""")
    offenders = []
    for path in sorted([*(PACKAGE / "templates").rglob("*.html"), *(PACKAGE / "assets").rglob("*.js")]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if material.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:100]}")
    assert offenders == []


def test_the_report_holds_no_feature():
    """A feature's figures live in its own view (``report.derived(View)``), handed to templates through page
    contexts: adding one never means adding to Report, which holds the site, the build's options, the Markdown
    path and the indexes every page shares."""
    from mic_plugin.derive.report import Report

    assert {name for name in vars(Report) if not name.startswith("_")} == {
        "derived", "warn", "note", "markdown", "excerpt", "activities", "activity_by_id", "feedback", "themes",
        "edit_url"}
