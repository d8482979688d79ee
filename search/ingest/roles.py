"""Lines and blocks given their roles: a file's title line, sign-offs and bylines, captions,
headlines and body text, before blocks are split into articles.
"""

from __future__ import annotations

import re

from search.ingest.blocks import (
    BYLINE_MARKER,
    DATELINE,
    TITLE_WIDTH,
    Block,
    Line,
    is_headline,
)
from search.ingest.lines import HAN, clean_line, display_width, is_closed, is_prose, join_text

_CAPTION_START = re.compile(r"^(?:[■□●◆◇▲△]|[左右上下中]?图[：:为]|（?图片?[：:])")
_BYLINE = re.compile(
    r"^(?:[▶►▷]|本报(?:特约)?(?:记者|通讯员)|记者|通讯员|特约通讯员|本版撰稿|撰稿|作者[：:]|文[／/])"
    rf"|^[（(]\s*[{HAN}]{{2,4}}(?:\s+[{HAN}]{{2,4}})*\s*[）)]$"
)
_OTHER = re.compile(r"^(?:广告|[（(]?\s*(?:稿件)?来源[：:“].*|.{0,24}(?:供图|摄影?|图片来源.*))$")
# A sentence followed by the author's name on the same line: `…产业格局。 李偌蔓`.
_SIGN_OFF = re.compile(rf"^(.*[。！？”])[ \u3000]+([{HAN}]{{2,3}})$")
_ROLE_WORDS = re.compile(
    "记者|通讯员|本报|撰稿|摄影|特约|编辑|来源|供图|新闻|日报|晚报|早报|报社|网"
)
_HAS_WORD = re.compile(rf"[{HAN}\w]")
# A web page's own controls and links, copied with its text: a line that is nothing else is no
# paragraph (whole lines only, so prose that mentions 分享 or 下载 stays).
_PAGE_CONTROLS = re.compile(
    r"^(?:"
    r"分享到[：:]?.{0,30}"
    r"|(?:相关|相關|推荐|推薦|延伸|热门|熱門)(?:文章|阅读|閱讀|新闻|新聞|报道|報道|链接|鏈接)[：:]?"
    r"|(?:点击)?下载[^，。；！？,;]{0,12}(?:客户端|APP|App|app)(?:[，,][^，。；！？,;]{0,16})?[！!]?"
    r"|扫(?:一扫|描二维码|码)[^，。；！？,;]{0,24}"
    r"|【?(?:字号|字体|字體)[：:]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?】?"
    r"|字号变大\s*[|｜]?\s*字号变小"
    r"|(?:【?(?:打印本页|打印此页|关闭窗口|關閉窗口|打印|关闭)】?\s*)+"
    r"|返回(?:顶部|首页|頂部)"
    r"|(?:上一篇|下一篇)[：:].{0,40}"
    r"|【纠错】.{0,20}"
    r")$"
)


def read_lines(text: str) -> list[Line]:
    """Clean each line, give it a role, and merge a caption with the lines glued under it."""
    lines: list[Line] = []
    blanks = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        spaced = " ".join(raw.split())
        if not spaced:
            blanks += 1
            continue
        for role, part in _split_sign_off(spaced):
            cleaned = clean_line(part)
            if not _HAS_WORD.search(cleaned):
                continue  # a stray quote mark or rule line
            if _PAGE_CONTROLS.match(cleaned):
                blanks += 1  # it stood between blocks as a blank line would
                continue
            if (
                lines
                and lines[-1].role == "caption"
                and blanks == 0
                and not is_closed(lines[-1].text)
            ):
                lines[-1].text = join_text(lines[-1].text, cleaned)
                lines[-1].end = number
                continue
            if lines:
                lines[-1].blank_after = blanks
            lines.append(Line(number, number, cleaned, role or _role(cleaned), blanks))
            blanks = 0
    if lines:
        lines[-1].blank_after = blanks
    _mark_first_line_title(lines)
    return lines


def _split_sign_off(line: str) -> list[tuple[str, str]]:
    match = _SIGN_OFF.match(line)
    if not match or is_prose(match.group(2)):
        return [("", line)]
    return [("", match.group(1)), ("signoff", match.group(2))]


def _role(text: str) -> str:
    if _BYLINE.match(text):
        return "byline"
    if _CAPTION_START.match(text):
        return "caption"
    if _OTHER.match(text):
        return "other"
    return "text"


def _mark_first_line_title(lines: list[Line]) -> None:
    """A clean file starts with its title alone on a line: take it even with a comma in it."""
    if not lines or lines[0].role != "text" or lines[0].blank_after == 0:
        return
    first = lines[0].text
    if "。" not in first and display_width(first) <= TITLE_WIDTH and not DATELINE.match(first):
        lines[0].role = "title"


def classify(blocks: list[Block], lines: list[Line]) -> None:
    """Give each text block its kind: headline, caption (a short isolated photo line) or body."""
    isolation = {line.start: max(line.blank_before, line.blank_after) for line in lines}
    for block in blocks:
        if block.kind != "text":
            continue
        if is_headline(block.text):
            block.kind = "headline"
        elif _looks_like_caption(block, isolation.get(block.line_start, 0)):
            block.kind = "caption"
        else:
            block.kind = "body"


def _looks_like_caption(block: Block, isolation: int) -> bool:
    # Photo lines sit apart (two or more blank lines), are short and have no inner punctuation.
    text = block.text.rstrip("。")
    return (
        block.line_start == block.line_end
        and isolation >= 2
        and display_width(text) <= 40
        and not re.search("[，,、；：]", text)
    )


def names_in_byline(text: str) -> tuple[str, ...]:
    """Personal names in a byline: 2–4 Han characters that are not a role or a masthead."""
    tokens = re.split(r"[\s（）()/／、，,：:]+", BYLINE_MARKER.sub("", text))
    return tuple(
        token
        for token in tokens
        if re.fullmatch(f"[{HAN}]{{2,4}}", token) and not _ROLE_WORDS.search(token)
    )
