"""Lone UTF-16 surrogates: how Python carries bytes that were not UTF-8 (a file name, a
command-line argument) and what a JSON `\\ud800` escape standing alone makes. They are no text:
nothing matches them and no UTF-8 stream can write them. The one test, and their printable form.
"""

from __future__ import annotations


def is_text(*values: str) -> bool:
    """Whether every string is real text, without a lone surrogate."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_name(name: str) -> str:
    """A file name (or a message naming one) as users see it and the index stores it: bytes that
    are not UTF-8 (which Python keeps as lone surrogates, unprintable and unstorable) written as
    `\\xff`, any other lone surrogate as `\\ud800`."""
    # Not os.fsencode, which under a GBK locale would make every Chinese name non-UTF-8 bytes.
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
