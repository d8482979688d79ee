"""Lone UTF-16 surrogates: how Python carries bytes that were not UTF-8 (a file name, a
command-line argument) and what a JSON `\\ud800` escape standing alone makes. They are no text:
nothing matches them and no UTF-8 stream can write them. The one test for them.
"""

from __future__ import annotations


def is_text(*values: str) -> bool:
    """Whether every string is real text, without a lone surrogate."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
