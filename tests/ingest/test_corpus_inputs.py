"""load_corpus over every kind of bad or unusual input: broken files and lines, special files, names
and paths not in UTF-8, files changed while read, reprints, a 50 MB file, JSON Lines offsets."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from search.errors import CorpusError
from search.ingest.corpus import load_corpus

ARTICLE = (
    "西安高新区发布硬科技新政\n\n"
    "西安高新区今天发布硬科技产业新政，涵盖光子、半导体和航空航天。\n\n"
    "新政明确了资金支持标准。\n"
)


def test_every_bad_input_is_skipped_with_a_reason_and_the_rest_ingested(tmp_path: Path) -> None:
    (tmp_path / "01_empty.txt").write_bytes(b"")
    (tmp_path / "02_blank.txt").write_text(" \n\t\n\u3000\n")
    (tmp_path / "03_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "04_nul.txt").write_bytes("标题\n\n正文。\x00\n".encode())
    (tmp_path / "05_gbk.txt").write_bytes(ARTICLE.replace("西安", "长春").encode("gbk"))
    (tmp_path / "06_utf16.txt").write_bytes(ARTICLE.replace("西安", "苏州").encode("utf-16"))
    (tmp_path / "07_marks.txt").write_text(
        "北京亦庄\u200f发布\n\n亦庄😀新政，cafe\u0301落地\u202e。\n"
    )
    (tmp_path / "notes.md").write_text("ignored")
    corpus = load_corpus(tmp_path)
    reasons = {item.file: item.reason for item in corpus.skipped}
    assert set(reasons) == {"01_empty.txt", "02_blank.txt", "03_binary.txt", "04_nul.txt"}
    assert "NUL" in reasons["04_nul.txt"] and "PNG" in reasons["03_binary.txt"]
    titles = [article.title for article in corpus.articles]
    assert titles == ["长春高新区发布硬科技新政", "苏州高新区发布硬科技新政", "北京亦庄发布"]
    assert corpus.articles[2].paragraphs[0].text == "亦庄😀新政，café落地。"


def test_special_files_and_names_that_are_not_utf8_are_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    # Reading a device never ends (/dev/zero) and opening a pipe blocks: never read, so a
    # corpus holding one is not a hang (a pipe through the CLI: tests/test_cli.py).
    (tmp_path / "device.txt").symlink_to("/dev/null")
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / os.fsdecode(b"bad\xffname.txt")).write_text(ARTICLE.replace("西安", "长春"))
    corpus = load_corpus(tmp_path)
    reasons = {item.file: item.reason for item in corpus.skipped}
    assert set(reasons) == {"bad\\xffname.txt", "device.txt", "folder.jsonl"}
    assert "not valid UTF-8" in reasons["bad\\xffname.txt"]
    assert reasons["device.txt"] == reasons["folder.jsonl"]
    assert reasons["device.txt"].startswith("not a regular file")
    assert [article.title for article in corpus.articles] == ["西安高新区发布硬科技新政"]


def test_a_file_removed_or_changed_while_ingesting_is_reported(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE.replace("西安", name[0].upper()))
    seen: list[str] = []

    def meddle(source_file: str) -> None:
        seen.append(source_file)
        if source_file.endswith("a.txt"):
            (tmp_path / "a.txt").unlink()
        if source_file.endswith("b.txt"):
            (tmp_path / "b.txt").write_text(ARTICLE + "补充一段更长的新文字。\n")

    corpus = load_corpus(tmp_path, on_file=meddle)
    assert seen == ["a.txt", "b.txt", "c.txt"]
    assert [(item.file, item.reason.split()[1]) for item in corpus.skipped] == [
        ("a.txt", "disappeared"),
        ("b.txt", "changed"),
    ]
    assert [article.title for article in corpus.articles] == ["C高新区发布硬科技新政"]


def test_reprints_in_two_files_and_twice_in_one_are_stored_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + "\n" + ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("。", "。 ").replace("，", ","))
    edited = ARTICLE.replace("新政明确了资金支持标准。", "新政明确了资金支持的标准。")
    (tmp_path / "c.txt").write_text(edited)
    corpus = load_corpus(tmp_path)
    assert len(corpus.articles) == 1 and corpus.duplicates == 3
    assert corpus.articles[0].sources == ("a.txt", "b.txt", "c.txt")


def test_json_lines_corpus_with_a_broken_line(tmp_path: Path) -> None:
    records = [
        {
            "id": "R1",
            "title": "武汉东湖高新区",
            "date": "20240315",
            "url": "https://x/1",
            "paragraphs": ["光谷 新 政 落地。", "", "第二段。"],
        },
        {"id": "R2", "title": "北京亦庄", "date": "2024-03-16", "paragraphs": ["亦庄新政。"]},
    ]
    lines = [json.dumps(records[0], ensure_ascii=False), "{broken", json.dumps(records[1])]
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    corpus = load_corpus(path)
    assert [(item.file, item.line) for item in corpus.skipped] == [("news.jsonl.gz", 2)]
    first, second = corpus.articles
    assert (first.date, first.url, second.date) == ("2024-03-15", "https://x/1", "2024-03-16")
    assert [p.text for p in first.paragraphs] == ["光谷新政落地。", "第二段。"]
    assert first.paragraphs[0].source.line_start == first.paragraphs[0].source.line_end == 1
    assert second.paragraphs[0].source.line_start == 3
    assert "news.jsonl.gz" in corpus.files and "news.jsonl.gz" not in corpus.source_texts
    assert corpus.root == str(tmp_path.resolve())
    assert load_corpus(path).articles[0].article_id == first.article_id


@pytest.mark.parametrize("name", ["missing", "notes.md"])
def test_an_unusable_corpus_path_is_a_corpus_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(CorpusError, match=name):
        load_corpus(tmp_path / name)


def test_a_corpus_folder_whose_path_is_not_utf8_is_a_corpus_error(tmp_path: Path) -> None:
    # The index records where the corpus is (for the source view) as text: before, the build
    # wrote the whole index and then failed writing its manifest, with a traceback.
    folder = tmp_path / os.fsdecode(b"corp\xffus")
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    for path in (folder, folder / "a.txt"):
        with pytest.raises(CorpusError, match=r"corp\\xffus.*not valid UTF-8"):
            load_corpus(path)


@pytest.mark.slow
def test_a_50_megabyte_text_file_is_ingested(tmp_path: Path) -> None:
    paragraph = "青岛高新区加快建设具有世界影响力的高科技园区，推动产业链现代化。第{}段。\n\n"
    with (tmp_path / "big.txt").open("w", encoding="utf-8") as stream:
        stream.write("大文件标题\n\n")
        number = 0
        while stream.tell() < 50_000_000:
            stream.write("".join(paragraph.format(number + offset) for offset in range(1000)))
            number += 1000
    corpus = load_corpus(tmp_path)
    (article,) = corpus.articles
    assert article.title == "大文件标题"
    assert len(article.paragraphs) == number


def test_json_lines_records_know_their_byte_offsets_and_archives_keep_the_line(
    tmp_path: Path,
) -> None:
    lines = ["", json.dumps({"id": "A", "paragraphs": ["甲园区。"]}), '{"id": "B", "text": "乙。"}']
    data = "\r\n".join(lines).encode("utf-8") + b"\r\n"
    (tmp_path / "plain.jsonl").write_bytes(data)
    with gzip.open(tmp_path / "packed.jsonl.gz", "wb") as stream:
        stream.write(data)
    corpus = load_corpus(tmp_path)
    # Equal records in two files are one article (a reprint) that keeps both records.
    records = {
        f"{record.file}{record.line}": record
        for article in corpus.articles
        for record in article.records
    }
    for line_number in (2, 3):
        plain = records[f"plain.jsonl{line_number}"]
        packed = records[f"packed.jsonl.gz{line_number}"]
        wanted = lines[line_number - 1].encode("utf-8")
        assert data[plain.offset : plain.offset + plain.length] == wanted
        assert (plain.raw, packed.raw) == ("", lines[line_number - 1])
        assert packed.digest == plain.digest and packed.offset == plain.offset
