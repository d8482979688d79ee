"""The layout our segment files share: a magic, the JSON header's length and the header, then
8-byte aligned NumPy sections (the word postings and per-document arrays files)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np


def aligned(offset: int) -> int:
    """`offset` rounded up to a multiple of 8."""
    return offset + (-offset % 8)


def write_sectioned(
    path: Path, magic: bytes, header: dict[str, Any], sections: Iterable[tuple[str, np.ndarray]]
) -> None:
    """Write `header` (its "sections" filled in: dtype, count and offset of each) and the
    sections, via a temporary name and fsync, so no reader sees half a file."""
    sections = list(sections)
    header["sections"] = {}
    offset = 0  # from the first section, which starts after the header, 8-byte aligned
    for name, values in sections:
        header["sections"][name] = [values.dtype.str, len(values), offset]
        offset = aligned(offset + values.nbytes)
    payload = json.dumps(header, ensure_ascii=False).encode("utf-8")
    start = aligned(len(magic) + 8 + len(payload))
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as stream:
        stream.write(magic + len(payload).to_bytes(8, "little") + payload)
        for name, values in sections:
            stream.write(b"\0" * (start + header["sections"][name][2] - stream.tell()))
            stream.write(memoryview(np.ascontiguousarray(values)))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
