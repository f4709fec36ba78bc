"""The geometry of a result chart, drawn as SVG by templates/participation/includes/chart.svg:
horizontal bars, each with its label and its number written out, so that the chart is read
without telling colours apart (and the same numbers are in a table beside it)."""

from dataclasses import dataclass

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 16
GAP = 10
BAR_LEFT = 120
BAR_SPACE = WIDTH - BAR_LEFT - 60


@dataclass
class DrawnBar:
    y: int
    width: int
    number: int
    name: str


@dataclass
class DrawnRow:
    label: str
    label_y: int
    bars: list


@dataclass
class Chart:
    height: int
    rows: list
    bar_left: int = BAR_LEFT
    width: int = WIDTH


def chart(result, *, residents_name: str, classes_name: str, with_classes: bool) -> Chart:
    """Rows of one or two bars (residents, and school classes when there are any)."""
    largest = result.largest
    y = 0
    rows = []
    for bar in result.bars:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        drawn = [DrawnBar(y, round(BAR_SPACE * bar.residents / largest), bar.residents, residents_name)]
        y += BAR_HEIGHT + 2
        if with_classes:
            drawn.append(DrawnBar(y, round(BAR_SPACE * bar.classes / largest), bar.classes, classes_name))
            y += BAR_HEIGHT + 2
        rows.append(DrawnRow(bar.label, label_y, drawn))
        y += GAP
    return Chart(height=max(y, 1), rows=rows)
