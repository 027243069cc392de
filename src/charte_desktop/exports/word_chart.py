"""An indicator's trajectory (exports/chart_image.py) put in a Word document as a picture."""

import io
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document

    from charte_desktop.exports.chart_image import Trajectory

CHART_WIDTH_CM = 16.0  # the text's width on an A4 page of the template


def add_chart(document: "Document", chart: "Trajectory", *, marked_day: date | None = None,
              width_cm: float = CHART_WIDTH_CM) -> None:
    """The chart as a picture in its own centred paragraph."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from charte_desktop.exports.chart_image import trajectory_png

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(4)
    picture = trajectory_png(chart, marked_day=marked_day)
    paragraph.add_run().add_picture(io.BytesIO(picture), width=Cm(width_cm))
