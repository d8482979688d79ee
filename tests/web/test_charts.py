"""The trend chart's geometry (web/charts.py): axes that fit the data, points in their slots."""

from __future__ import annotations

import pytest

from search.trend_models import TrendBucket, TrendPeriod, Trends, TrendSeries
from web.charts import build_chart, format_value, nice_ceiling


@pytest.mark.parametrize("value", [1, 2, 3, 7, 17, 99, 412, 2811, 53_242])
def test_count_axes_reach_the_highest_count_in_a_few_whole_steps(value: int) -> None:
    top, step = nice_ceiling(value, whole=True)
    assert value <= top < value * 2.5
    assert step == int(step) and 1 <= top / step <= 5


@pytest.mark.parametrize("value", [0.00003, 0.006, 0.375, 1.0])
def test_share_axes_reach_the_highest_share(value: float) -> None:
    top, step = nice_ceiling(value, whole=False)
    assert value <= top * (1 + 1e-9) and top / step <= 5


def test_every_period_gets_a_linked_point_inside_the_plot() -> None:
    periods = ("2021", "2022", "2023")
    series = []
    for query, counts in (("芯片", (0, 2, 4)), ("", (10, 10, 10))):
        buckets = tuple(TrendBucket(p, n, n / 10) for p, n in zip(periods, counts, strict=True))
        series.append(TrendSeries(query, sum(counts), 0, buckets))
    trends = Trends("year", tuple(TrendPeriod(period, 10) for period in periods), tuple(series))
    chart = build_chart(trends, "share", lambda query, period: f"/?q={query}&p={period}")
    assert [line.query for line in chart.lines] == ["芯片", ""]
    first = chart.lines[0].points
    assert [point.href for point in first] == [f"/?q=芯片&p={p}" for p in periods]
    assert first[0].y == chart.bottom and chart.lines[1].points[0].y == chart.top  # 0 % and 100 %
    assert all(0 < point.x < 100 for point in first)  # percentages of the plot's width
    assert [label for _, label in chart.y_ticks][-1] == format_value(1.0, "share") == "100%"
