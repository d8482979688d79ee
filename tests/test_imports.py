"""The import graph: `web → search` only (the CLI's `serve` is the one composition root), and
no view reaches into the app factory or another view."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from corpus_fixtures import PROJECT_ROOT

from search.cli import cli


def imports_of(path: Path) -> list[tuple[str, str]]:
    """(imported module, enclosing top-level function or "") for every import in `path`."""
    found: list[tuple[str, str]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for top in tree.body:
        where = top.name if isinstance(top, ast.FunctionDef) else ""
        for node in ast.walk(top):
            if isinstance(node, ast.Import):
                found.extend((alias.name, where) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.extend((f"{node.module}.{alias.name}", where) for alias in node.names)
    return found


def modules(package: str) -> dict[str, Path]:
    root = PROJECT_ROOT / package
    return {
        ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts): path
        for path in sorted(root.rglob("*.py"))
    }


def test_the_engine_imports_web_only_in_the_serve_command() -> None:
    reaching_out = [
        (module, imported, where)
        for module, path in modules("search").items()
        for imported, where in imports_of(path)
        if imported.split(".")[0] in ("web", "flask", "waitress")
    ]
    assert reaching_out, "the serve command composes the web app"
    assert {(module, where) for module, _, where in reaching_out} == {("search.cli", "serve")}


def test_views_use_the_service_module_not_the_app_or_each_other() -> None:
    for module, path in modules("web").items():
        imported = {name for name, _ in imports_of(path)}
        if module.startswith("web.views."):
            assert not {name for name in imported if name.startswith("web.app")}, module
            others = {name for name in imported if name.startswith("web.views.")}
            assert not others, f"{module} imports another view: {others}"
        if module != "web.app":
            assert not {name for name in imported if name.startswith("web.app")}, module


def test_one_click_group_is_the_console_script_with_every_command() -> None:
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {"gaoxin": "search.cli:main"}
    assert set(cli.commands) == {"index", "search", "export", "serve"}
    for command in cli.commands.values():
        (index,) = [param for param in command.params if param.name == "index_dir"]
        assert index.opts == ["--index"] and index.envvar == "GAOXIN_INDEX"
