"""The index on disk: the only package that imports Whoosh (schema, codec, manifest,
n-gram files, stored records).
"""

from __future__ import annotations

import functools
import sys
import types


def _import_whoosh_reading() -> None:
    """whoosh.reading, with the standard library's cached_property for its one cached property
    (`SegmentReader.deleted_docs_set`): the `cached_property` package it imports brings asyncio
    (25–60 ms of every server start) for coroutine methods Whoosh has none of. Other importers
    of that package still get the real one."""
    if "whoosh.reading" in sys.modules or "cached_property" in sys.modules:
        return
    stand_in = types.ModuleType("cached_property")
    stand_in.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules["cached_property"] = stand_in
    try:
        import whoosh.reading  # noqa: F401
    finally:
        del sys.modules["cached_property"]


_import_whoosh_reading()
