"""is_text: the one test for lone surrogates, shared by the request validator and the JSON
Lines decoder (both refuse what it refuses); printable_name: such text as it is printed."""

from __future__ import annotations

import json
import os

import pytest

from search.errors import InvalidRequest
from search.ingest.decode import BrokenRecord, parse_record
from search.models import SearchRequest
from search.text.surrogates import is_text, printable_name
from search.validation import validate

NOT_TEXT = [
    os.fsdecode(b"\xff\xfe"),  # bytes that were not UTF-8, as Python keeps them
    "光谷\ud800新政",  # half a UTF-16 pair, as a JSON escape makes it
    "\udfff",
]


def test_text_is_text_and_a_lone_surrogate_is_not() -> None:
    assert is_text() and is_text("高新区", "ＡＩ", "😀", "")
    for value in NOT_TEXT:
        assert not is_text(value) and not is_text("高新区", value)
    assert not is_text("\ud83d", "\ude00")  # the two halves apart stay two lone surrogates


@pytest.mark.parametrize("value", NOT_TEXT)
def test_the_validator_and_the_decoder_refuse_the_same_values(value: str) -> None:
    with pytest.raises(InvalidRequest, match="not valid UTF-8 text"):
        validate(SearchRequest(query=value))
    raw = json.dumps({"id": "1", "paragraphs": [value]}).encode("ascii")
    assert isinstance(parse_record(raw, 1), BrokenRecord)


def test_printable_name_writes_bytes_that_are_not_utf8_as_escapes() -> None:
    assert printable_name("青岛高新区.txt") == "青岛高新区.txt"
    assert printable_name(os.fsdecode(b"bad\xffname.txt")) == "bad\\xffname.txt"
    assert printable_name("光谷\ud800新政") == "光谷\\ud800新政"  # a surrogate no byte made
    for value in NOT_TEXT:
        assert is_text(printable_name(value))
