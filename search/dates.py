"""Dates users type (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, also with `/` or `.`, ISO date-times) as the
numbers the engine compares: days as YYYYMMDD, moments as Unix seconds; periods of a trend.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from search.errors import InvalidRequest

INTERVALS = ("month", "year")
# `2023-05-01`, and `2023/05/01` or `2023.05.01` as people type them: one separator throughout.
_PARTIAL_DATE = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")


@dataclass(frozen=True)
class TimeFilter:
    """Inclusive day bounds (YYYYMMDD, 0: open) and a moment articles were indexed after."""

    first_day: int = 0
    last_day: int = 0
    indexed_after: float | None = None

    @property
    def active(self) -> bool:
        return bool(self.first_day or self.last_day) or self.indexed_after is not None


def _bad_date(name: str, value: str) -> InvalidRequest:
    shown = value[:30]
    return InvalidRequest(
        f"日期 {name} 无效：{shown}（应为 YYYY、YYYY-MM 或 YYYY-MM-DD，如 2023、2023-05、"
        f"2023-05-01，也可写作 2023/05/01） / {name} must be YYYY, YYYY-MM or YYYY-MM-DD "
        f"(or with / or .), got {shown!r}"
    )


def day_bound(value: str, name: str, *, last: bool) -> int:
    """The first (or, with `last`, the last) day of a partial date, as YYYYMMDD."""
    match = _PARTIAL_DATE.fullmatch(value.strip())
    if not match:
        raise _bad_date(name, value)
    year, month, day = (int(part) if part else 0 for part in match.group(1, 3, 4))
    if match.group(3) is None:
        month, day = (12, 31) if last else (1, 1)
    elif not 1 <= month <= 12:
        raise _bad_date(name, value)
    elif match.group(4) is None:
        day = calendar.monthrange(year, month)[1] if last else 1
    if year < 1 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise _bad_date(name, value)
    return year * 10000 + month * 100 + day


def instant(value: str, name: str = "indexed_since") -> float:
    """An ISO 8601 date or date-time as Unix seconds; without a time zone it is UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    except (ValueError, OverflowError):
        raise InvalidRequest(
            f"时间 {name} 无效：{value[:30]}（应为 ISO 格式，如 2026-11-30T08:00:00Z） / "
            f"{name} must be an ISO date-time such as 2026-11-30T08:00:00Z, got {value[:30]!r}"
        ) from None


def time_filter(date_from: str = "", date_to: str = "", indexed_since: str = "") -> TimeFilter:
    """The engine's time filter for a request; InvalidRequest for a bad or inverted range."""
    first = day_bound(date_from, "date_from", last=False) if date_from.strip() else 0
    last = day_bound(date_to, "date_to", last=True) if date_to.strip() else 0
    if first and last and first > last:
        raise InvalidRequest(
            f"日期范围无效：起始 {date_from} 晚于结束 {date_to} / "
            f"date_from {date_from!r} is after date_to {date_to!r}"
        )
    since = instant(indexed_since) if indexed_since.strip() else None
    return TimeFilter(first, last, since)


def period_key(days: int, interval: str) -> int:
    """A day (YYYYMMDD) as its period number: months since year 0, or the year."""
    year, month = days // 10000, days // 100 % 100
    return year * 12 + month - 1 if interval == "month" else year


def period_label(key: int, interval: str) -> str:
    """A period number as users write it: `2023-05` or `2023`."""
    if interval == "month":
        return f"{key // 12:04d}-{key % 12 + 1:02d}"
    return f"{key:04d}"


def iso_moment(seconds: float) -> str:
    """Unix seconds as an ISO date-time in UTC (`2026-11-30T08:00:00Z`); `""` for 0."""
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
