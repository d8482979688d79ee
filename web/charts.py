"""Server-side SVG geometry for trend charts, lines (the /trends page) and bars (the search page):
the templates draw it with no JavaScript and no inline style, so the CSP holds."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from search.trend_models import Trends, TrendSeries

# Labels along the x axis: at most this many, evenly spaced; a narrow chart shows every
# second or third of them (the classes below; web/static/style.css hides the others).
MAX_X_LABELS = 12
THINNED_LABELS = {2: "keep-2", 3: "keep-3"}
EMPTY_QUERY_LABEL = "全部段落"
# What a count counts (`Trends.unit`): its counter word and its noun.
COUNTERS = {"paragraph": "段", "article": "篇"}
NOUNS = {"paragraph": "段落", "article": "文章"}


@dataclass(frozen=True)
class Point:
    """One period of one series: where it is drawn, its bar, its link and its tooltip (across:
    percentages of the plot's width; down: pixels)."""

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
    def segments(self) -> tuple[tuple[Point, Point], ...]:
        """The line from each point to the next (a polyline cannot take percentages)."""
        return tuple(zip(self.points, self.points[1:], strict=False))


# Across, positions are percentages of the plot's width; down, pixels. The SVG has no viewBox,
# so it fills any width without scaling its text: labels keep their CSS size on a phone too.
@dataclass(frozen=True)
class Chart:
    """Everything a template needs to draw the chart: its height and the plot's top and bottom
    in pixels; across, everything is a percentage of the plot's width (0 to 100)."""

    height: int
    top: int
    bottom: int
    lines: tuple[Line, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str, str], ...]  # (x, label, classes that keep it when narrow)
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
    """The plot area: its top and bottom in pixels, one slot per period (a percentage of the
    plot's width), and the y axis's top value."""

    top: int
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
    height: int = 300,
) -> Chart:
    """The chart of `trends` showing counts or shares, `height` pixels high and as wide as its
    place; `link(query, period)` is each point's URL."""
    periods = [period.period for period in trends.periods]
    values = [
        [bucket.share if measure == "share" else bucket.count for bucket in series.buckets]
        for series in trends.series
    ]
    highest = max((max(row) for row in values if row), default=0)
    ceiling, step = nice_ceiling(highest, whole=measure != "share")
    frame = _Frame(16, height - 34, 100 / max(len(periods), 1), ceiling)
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
    labelled = [(index, period) for index, period in enumerate(periods) if index % every == 0]
    x_ticks = tuple(
        (frame.slot * (index + 0.5), period, _kept(number))
        for number, (index, period) in enumerate(labelled)
    )
    return Chart(height, frame.top, frame.bottom, lines, y_ticks, x_ticks, measure)


def _kept(number: int) -> str:
    """The classes of the `number`th x label that say which narrow charts still show it."""
    return " ".join(name for step, name in THINNED_LABELS.items() if number % step == 0)


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
            x=frame.slot * (index + 0.5),
            y=frame.y_of(value),
            bar_x=frame.slot * (index + 0.15) + bar_width * number,
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
