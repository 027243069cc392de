"""The columns of an indicators list, shared by the Indicateurs screen and an action's
Indicateurs tab (which must not load the screen and its chart at start-up)."""

from PySide6.QtGui import QColor

from charte_desktop.services.indicators import IndicatorRow, IndicatorState
from charte_desktop.ui.table_model import Column

# Colours back up the words, as for action statuses.
STATE_COLOURS: dict[IndicatorState, QColor] = {
    IndicatorState.ACHIEVED: QColor("#d1fae5"),
    IndicatorState.ON_TRACK: QColor("#dbeafe"),
    IndicatorState.BEHIND: QColor("#fbd5d5"),
    IndicatorState.NO_MEASURE: QColor("#eef0f3"),
}

INDICATOR_COLUMNS: list[Column[IndicatorRow]] = [
    Column("Nom", lambda r: r.name, width=290),
    # The state comes next to the name, so it stays in sight in a narrow window.
    Column("État", lambda r: r.state, colour=lambda r: STATE_COLOURS[r.state], width=125),
    Column("Type", lambda r: r.kind, width=85),
    Column("Dimension", lambda r: r.dimension, width=125),
    Column("Unité", lambda r: r.unit, width=90),
    Column("Référence", lambda r: r.baseline_value, align_right=True, width=75),
    Column("Cible", lambda r: r.target_value, align_right=True, width=65),
    Column("Échéance cible", lambda r: r.target_date, width=108),
    Column("Dernière valeur", lambda r: r.latest_value, align_right=True, width=112),
    Column("Mesurée le", lambda r: r.latest_date, width=85),
]
