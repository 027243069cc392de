"""The native charts of the Synthèse sheet (openpyxl charts: Excel and LibreOffice draw
them from the cells, so they stay true if the officer edits a figure)."""

from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.axis import ChartLines
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import DataPoint
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)

from charte_desktop.exports.monitoring.layout import STATUS_COLOURS, STATUS_ORDER

BUDGET_COLOURS = ("5B9BD5", "FFC000", "70AD47")  # prévu, engagé, dépensé
EURO_AXIS_FORMAT = '#,##0\\ "€"'


def _title(text: str, size: int = 12) -> Title:
    """A chart title in a modest size (the default one is as big as a sheet title)."""
    look = CharacterProperties(sz=size * 100, b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=look),
                          r=[RegularTextRun(rPr=look, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _horizontal_bars(title: str) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = _title(title)
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.y_axis.crosses = "max"  # and the values below the bars, not above
    chart.y_axis.majorGridlines = ChartLines()
    # openpyxl 3.1 leaves the axes' "delete" unset, which recent Excel reads as hidden.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def status_chart(ws: Any, first_row: int, last_row: int) -> BarChart:
    """Bars of actions per status, each in its status colour, with its count."""
    chart = _horizontal_bars("Actions par statut")
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=first_row - 1, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first_row, max_row=last_row))
    series = chart.series[0]
    for index, status in enumerate(STATUS_ORDER):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = STATUS_COLOURS[status].bar
        point.graphicalProperties.line.solidFill = STATUS_COLOURS[status].bar
        series.dPt.append(point)
    series.dLbls = DataLabelList(showVal=True, showSerName=False, showCatName=False,
                                 showLegendKey=False, showPercent=False)
    chart.y_axis.number_format = "0"
    chart.gapWidth = 60
    chart.width, chart.height = 11.5, 5.2
    return chart


def budget_chart(ws: Any, header_row: int, last_row: int, *, by_plan: bool = False,
                 ) -> BarChart:
    """Bars of planned, committed and spent euros per axis (or per plan)."""
    chart = _horizontal_bars("Budget par plan" if by_plan else "Budget par axe")
    chart.grouping = "clustered"
    chart.add_data(Reference(ws, min_col=6, max_col=8, min_row=header_row, max_row=last_row),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    for series, colour in zip(chart.series, BUDGET_COLOURS, strict=True):
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.y_axis.number_format = EURO_AXIS_FORMAT
    chart.legend.position = "b"
    chart.width, chart.height = 11.5, 6.6
    return chart
