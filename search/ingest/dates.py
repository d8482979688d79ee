"""The date of a `.txt` corpus file: from its name (`2022-07-12…`, `20220712…`) or from a date
line in its page header (`2022年7月12日`, `2022-07-12`); `""` when neither gives a real date.
"""

from __future__ import annotations

import re
from datetime import date

_NAME_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_HEADER_DATE = re.compile(
    r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2})(?!\d))"
)
# The page header: a newspaper page's first lines (masthead, date, page number) are short.
HEADER_LINES = 5
HEADER_LINE_WIDTH = 40
# A line that is nothing but a date, a little further down: a policy document's date under its
# issuer's name (天津市人民政府办公厅 / 2017年10月9日), after the title, number and addressees.
DATE_LINE_LINES = 12


def _iso(year: str, month: str, day: str) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:  # 2022-13-45 and the like: not a date
        return ""


def date_from_name(file_name: str) -> str:
    """`2022-07-12_p5.txt` or `20220712-xwlb.txt` → `2022-07-12`; otherwise `""`."""
    match = _NAME_DATE.match(file_name)
    return _iso(*match.groups()) if match else ""


def date_from_header(text: str) -> str:
    """The date on a short line among the first non-empty lines of `text`, else on a line of
    its own a little further down, or `""`."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:DATE_LINE_LINES]
    for number, line in enumerate(lines):
        if len(line) > HEADER_LINE_WIDTH:
            continue  # a sentence mentioning a date is not the page's date
        match = _HEADER_DATE.search(line)
        alone = match is not None and match.group(0) == line
        if match and (number < HEADER_LINES or alone):
            year, chinese_month, chinese_day, month, day = match.groups()
            found = _iso(year, chinese_month or month, chinese_day or day)
            if found:
                return found
    return ""


def text_file_date(file_name: str, text: str) -> str:
    """The file name's date, else the header's, else `""`."""
    return date_from_name(file_name) or date_from_header(text)
