"""The layout docs/architecture.md describes is the code's: every module it names exists, every
package and module says its role, and only search/storage imports Whoosh."""

from __future__ import annotations

import ast
import re
from pathlib import Path

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
