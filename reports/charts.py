"""The report's charts as SVG drawn on the server: horizontal bars, this year beside the year
before, each bar labelled with its number. The page shows each chart with a table of the same
numbers (the SVG is role="img" with a <title>; the table is what a screen reader reads)."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from reports.measures import PREVIOUS_YEAR, THIS_YEAR

WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = WIDTH - LABEL_WIDTH - 60
BAR_HEIGHT = 14
ROW_HEIGHT = 2 * BAR_HEIGHT + 14
TOP = 30


@dataclass
class Chart:
    id: str
    title: str
    year: int
    rows: list[tuple[str, int, int]]  # (label, this year, previous year)

    @property
    def svg(self) -> SafeString:
        return bar_chart_svg(self)


def bar_chart_svg(chart: Chart) -> SafeString:
    largest = max([1, *(max(now, before) for _label, now, before in chart.rows)])
    height = TOP + ROW_HEIGHT * len(chart.rows) + 10
    parts = []
    for index, (label, now, before) in enumerate(chart.rows):
        y = TOP + index * ROW_HEIGHT
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT + 4,
                label,
            )
        )
        for offset, value, css in ((0, now, "chart-bar-now"), (BAR_HEIGHT, before, "chart-bar-previous")):
            length = round(BAR_AREA * value / largest)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="{}"></rect>'
                    '<text x="{}" y="{}" class="chart-value">{}</text>',
                    LABEL_WIDTH,
                    y + offset,
                    length,
                    BAR_HEIGHT - 2,
                    css,
                    LABEL_WIDTH + length + 4,
                    y + offset + BAR_HEIGHT - 3,
                    value,
                )
            )
    legend = format_html(
        '<rect x="{}" y="6" width="12" height="12" class="chart-bar-now"></rect>'
        '<text x="{}" y="16" class="chart-label">{} ({})</text>'
        '<rect x="{}" y="6" width="12" height="12" class="chart-bar-previous"></rect>'
        '<text x="{}" y="16" class="chart-label">{} ({})</text>',
        LABEL_WIDTH,
        LABEL_WIDTH + 16,
        THIS_YEAR,
        chart.year,
        LABEL_WIDTH + 150,
        LABEL_WIDTH + 166,
        PREVIOUS_YEAR,
        chart.year - 1,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" '
        'aria-labelledby="{}-title" viewBox="0 0 {} {}" width="100%">'
        '<title id="{}-title">{}</title>{}{}</svg>',
        chart.id,
        WIDTH,
        height,
        chart.id,
        chart.title,
        legend,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
