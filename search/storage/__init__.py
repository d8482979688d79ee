"""The index on disk: the only package that imports Whoosh (schema, codec, manifest,
n-gram files, stored records).
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType


class _StandardCachedProperty(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Gives whoosh.reading, for its one cached property (`SegmentReader.deleted_docs_set`),
    the standard library's cached_property: the `cached_property` package it imports brings
    asyncio (25–60 ms of every server start) for coroutine methods Whoosh has none of. Only
    when whoosh.reading is the first to import it: the module then stays the stand-in for the
    process (no other dependency of the project imports that package)."""

    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        reading = sys.modules.get("whoosh.reading")
        spec = getattr(reading, "__spec__", None)
        if name != "cached_property" or not getattr(spec, "_initializing", False):
            return None
        return importlib.util.spec_from_loader(name, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.cached_property = functools.cached_property  # type: ignore[attr-defined]


if not any(isinstance(finder, _StandardCachedProperty) for finder in sys.meta_path):
    sys.meta_path.insert(0, _StandardCachedProperty())
