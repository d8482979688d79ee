"""Server-side SVG geometry for trend charts: lines (the /trends page) and bars (the search page).

The templates draw what this computes; no JavaScript and no inline style, so the CSP holds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from search.trend_models import Trends, TrendSeries

# Labels along the x axis: at most this many, evenly spaced.
MAX_X_LABELS = 12
EMPTY_QUERY_LABEL = "全部段落"
# What a count counts (`Trends.unit`): its counter word and its noun.
COUNTERS = {"paragraph": "段", "article": "篇"}
NOUNS = {"paragraph": "段落", "article": "文章"}


@dataclass(frozen=True)
class Point:
    """One period of one series: where it is drawn, its bar, its link and its tooltip."""

    x: float
    y: float
    bar_x: float
    bar_width: float
    bar_height: float
    href: str
    label: str


@dataclass(frozen=True)
class Line:
    """One query's points and the polyline through them."""

    number: int
    query: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class Chart:
    """Everything a template needs to draw the chart."""

    width: int
    height: int
    left: int
    top: int
    right: int
    bottom: int
    lines: tuple[Line, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    measure: str


def query_label(query: str) -> str:
    return query or EMPTY_QUERY_LABEL


def format_value(value: float, measure: str) -> str:
    """A count as an integer, a share as a percentage with up to two decimals."""
    if measure == "share":
        return f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"
    return f"{int(value):,}"


def nice_ceiling(value: float, *, whole: bool) -> tuple[float, float]:
    """A round top for the y axis (about four steps of 1, 2, 2.5 or 5 times a power of ten) and
    its step; `whole`: counts, whose steps are whole numbers."""
    if value <= 0:
        return (1.0, 1.0) if whole else (0.01, 0.0025)
    power = 10 ** math.floor(math.log10(value / 5))
    steps = [factor * power for factor in (1, 2, 2.5, 5, 10, 20)]
    if whole:
        steps = [max(1.0, float(math.ceil(step))) for step in steps]

    def count(step: float) -> int:
        return math.ceil(value / step - 1e-9)

    # The lowest top with three to five steps (at most five when no step gives three); ties go
    # to the larger step (fewer lines).
    fitting = [step for step in steps if 3 <= count(step) <= 5]
    fitting = fitting or [step for step in steps if count(step) <= 5]
    step = min(fitting, key=lambda step: (step * count(step), -step))
    return step * count(step), step


@dataclass(frozen=True)
class _Frame:
    """The plot area: pixel edges, one slot per period, and the y axis's top value."""

    left: int
    top: int
    right: int
    bottom: int
    slot: float
    ceiling: float

    def y_of(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * value / self.ceiling


def build_chart(
    trends: Trends,
    measure: str,
    link: Callable[[str, str], str],
    *,
    width: int = 760,
    height: int = 300,
) -> Chart:
    """The chart of `trends` showing counts or shares; `link(query, period)` is each point's URL."""
    periods = [period.period for period in trends.periods]
    values = [
        [bucket.share if measure == "share" else bucket.count for bucket in series.buckets]
        for series in trends.series
    ]
    highest = max((max(row) for row in values if row), default=0)
    ceiling, step = nice_ceiling(highest, whole=measure != "share")
    left, right = 64, width - 16
    frame = _Frame(left, 16, right, height - 40, (right - left) / max(len(periods), 1), ceiling)
    bar_width = frame.slot * 0.7 / max(len(trends.series), 1)
    lines = tuple(
        Line(
            number,
            series.query,
            _points(frame, series, row, periods, number, bar_width, link, trends.unit),
        )
        for number, (series, row) in enumerate(zip(trends.series, values, strict=True))
    )
    y_ticks = tuple(
        (frame.y_of(step * index), format_value(step * index, measure))
        for index in range(round(ceiling / step) + 1)
    )
    every = max(1, math.ceil(len(periods) / MAX_X_LABELS))
    x_ticks = tuple(
        (left + frame.slot * (index + 0.5), period)
        for index, period in enumerate(periods)
        if index % every == 0
    )
    return Chart(
        width, height, left, frame.top, right, frame.bottom, lines, y_ticks, x_ticks, measure
    )


def _points(
    frame: _Frame,
    series: TrendSeries,
    row: list[float],
    periods: list[str],
    number: int,
    bar_width: float,
    link: Callable[[str, str], str],
    unit: str,
) -> tuple[Point, ...]:
    """One series' points: the line's vertex and the bar (the `number`th of its slot);
    tooltips count `unit`s (`Trends.unit`)."""
    return tuple(
        Point(
            x=frame.left + frame.slot * (index + 0.5),
            y=frame.y_of(value),
            bar_x=frame.left + frame.slot * (index + 0.15) + bar_width * number,
            bar_width=bar_width,
            bar_height=frame.bottom - frame.y_of(value),
            href=link(series.query, period),
            label=f"{period} {query_label(series.query)}：{bucket.count} {COUNTERS[unit]}"
            f"（占 {format_value(bucket.share, 'share')}）",
        )
        for index, (period, value, bucket) in enumerate(
            zip(periods, row, series.buckets, strict=True)
        )
    )
