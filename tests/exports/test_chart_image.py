"""An indicator's trajectory drawn as a PNG without Qt (exports/chart_image.py)."""

import io
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from PIL import Image

from charte_desktop.db import Database
from charte_desktop.exports.chart_image import (
    HEIGHT,
    SCALE,
    WIDTH,
    Trajectory,
    bounds,
    month_label,
    trajectory_png,
)

CHART = Trajectory(
    "t CO₂e/an",
    ((date(2024, 11, 1), Decimal(17720)), (date(2025, 11, 1), Decimal(16950)),
     (date(2026, 11, 1), Decimal(16345))),
    (date(2023, 11, 1), Decimal(18400)), (date(2029, 5, 9), Decimal(15600)))


def _image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_size_and_colours_of_the_window() -> None:
    image = _image(trajectory_png(CHART, marked_day=date(2026, 11, 21)))
    assert image.size == (WIDTH * SCALE, HEIGHT * SCALE)
    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert (255, 255, 255) in colours
    assert (0x1D, 0x4E, 0xD8) in colours  # the measurements' blue
    assert (0x04, 0x78, 0x57) in colours  # the target's green


def test_not_blank_and_smoothed() -> None:
    image = _image(trajectory_png(CHART))
    grey = image.convert("L")
    assert grey.getextrema()[0] < 80  # dark text and axes
    assert len(grey.getcolors(256) or []) > 32  # anti-aliased edges, not two tones


def test_an_empty_chart_says_so_rather_than_failing() -> None:
    image = _image(trajectory_png(Trajectory("", (), None, None)))
    assert image.convert("L").getextrema()[0] < 200


def test_axes_as_the_window_reckons_them() -> None:
    first, last, low, high = bounds(CHART)
    assert (first, last, low, high) == (date(2023, 11, 1), date(2029, 5, 9), 15000, 19000)
    assert month_label(date(2026, 3, 14)) == "03/2026"


def test_drawn_without_qt() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from decimal import Decimal\n"
        "from charte_desktop.exports.chart_image import Trajectory, trajectory_png\n"
        "import charte_desktop.exports.annual_report\n"
        "trajectory_png(Trajectory('', ((date(2026, 1, 1), Decimal(1)),), None, None))\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_fiche_action_draws_its_indicators(demo_db: Database, tmp_path: Path) -> None:
    from charte_desktop.exports.action_sheet import write_action_sheet
    from charte_desktop.services.actions import list_actions
    from charte_desktop.services.indicators import list_indicators
    from tests.exports.docx_reading import open_docx

    action = next(row for row in list_actions(demo_db) if row.code == "1.2")
    document = open_docx(write_action_sheet(demo_db, action.id, tmp_path / "fiche.docx"))
    indicators = list_indicators(demo_db, action_id=action.id)
    # The collectivité's logo, then one chart per indicator (each has its line).
    assert len(document.inline_shapes) == 1 + len(indicators) >= 2
    assert "Part des livraisons effectuées dans les plages horaires" in [
        p.text for p in document.paragraphs]
