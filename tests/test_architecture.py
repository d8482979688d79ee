"""The layout docs/architecture.md describes is the code's: every module it names exists, every
package and module says its role, only search/storage imports Whoosh, `web → search` only (the
CLI's `serve` is the one composition root) and no view imports the app factory or another view."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

from search.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _modules() -> list[Path]:
    return sorted(path for package in ("search", "web") for path in (ROOT / package).rglob("*.py"))


def _named_modules() -> set[str]:
    """The modules of the pipeline block: a line `search/x/` opens a folder, names follow."""
    block = ARCHITECTURE.read_text("utf-8").split("```")[1]
    named, folder = set(), ""
    for line in block.splitlines():
        opened = re.match(r"(?:search|web)/(?:\w+/)?", line)
        if opened:
            folder = opened.group(0)
        for word in re.findall(r"[\w/]+\.py", line):
            named.add(word if word.startswith(("search/", "web/")) else folder + word)
    return named


def test_every_module_the_architecture_names_exists() -> None:
    named = _named_modules()
    assert len(named) > 30, f"docs/architecture.md should name the modules: {sorted(named)}"
    missing = sorted(name for name in named if not (ROOT / name).is_file())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_module_and_package_has_a_docstring() -> None:
    undocumented = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if path.stat().st_size and not ast.get_docstring(ast.parse(path.read_text("utf-8")))
    ]
    assert not undocumented, f"modules without a docstring: {undocumented}"
    for package in (ROOT / "search").iterdir():
        if package.is_dir() and any(package.glob("*.py")):
            assert (package / "__init__.py").is_file(), f"{package.name} is not a package"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_storage_package_imports_whoosh() -> None:
    storage = ROOT / "search" / "storage"
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules()
        if storage not in path.parents
        and any(name == "whoosh" or name.startswith("whoosh.") for name in _imports(path))
    ]
    assert not offenders, f"only search/storage may import Whoosh: {offenders}"


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
    root = ROOT / package
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts): path
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
    # Only the serve command's module composes the web app, inside its functions.
    assert {module for module, _, _ in reaching_out} == {"search.cli.serving"}
    assert all(where for _, _, where in reaching_out), "web imported at module level"


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
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"] == {"gaoxin": "search.cli:main"}
    assert set(cli.commands) == {"index", "search", "export", "serve", "trends"}
    for command in cli.commands.values():
        (index,) = [param for param in command.params if param.name == "index_dir"]
        assert index.opts == ["--index"] and index.envvar == "GAOXIN_INDEX"
