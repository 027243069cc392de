"""The calendar with its zoom, legend, image export and printing."""

from collections.abc import Callable, Collection
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.errors import CharteError
from charte_desktop.exports.naming import safe_file_name
from charte_desktop.formatting import format_date
from charte_desktop.services.timeline import Timeline
from charte_desktop.ui.shortcuts import add_shortcut
from charte_desktop.ui.timeline import output
from charte_desktop.ui.timeline.painting import (
    MILESTONE_DONE,
    MILESTONE_DUE,
    MILESTONE_OVERDUE,
    TODAY,
    TimelinePainter,
)
from charte_desktop.ui.timeline.scale import TimeScale, Zoom
from charte_desktop.ui.timeline.view import TimelineView

PNG_FILTER = "Images PNG (*.png)"
ZOOM_SETTING = "timeline/zoom"


def legend_html() -> str:
    def mark(colour: str, symbol: str, text: str) -> str:
        return f'<span style="color:{colour}">{symbol}</span>&nbsp;{text}'

    return "Jalons : " + "&nbsp;&nbsp;".join([
        mark(MILESTONE_DONE.name(), "◆", "atteint"),
        mark(MILESTONE_DUE.name(), "◇", "à venir"),
        mark(MILESTONE_OVERDUE.name(), "◆", "dépassé"),
    ]) + "&nbsp;&nbsp;·&nbsp;&nbsp;" + mark(TODAY.name(), "┃", "aujourd'hui")


LEGEND_DETAILS = (
    "Chaque barre va de la date de début à la date de fin de l'action ; sa partie foncée "
    "montre l'avancement.\nSa couleur est celle du statut, comme dans la liste : en rouge, "
    "les actions en retard.\nUne action qui n'a qu'une de ses dates est marquée d'un crochet "
    "sur ce jour ; le texte après la barre dit laquelle manque.\nLes jours hors de la période "
    "du plan sont grisés.")


class TimelinePanel(QWidget):
    """`fetch()` reads the calendar (None: no plan); `visible_ids()` narrows it to the rows
    the list's search keeps (None: all); `title()` names it in files and printouts;
    `current_id()` is the action to select when it is shown."""

    # Shown (True) or hidden (False): the screen gives it room while it is shown.
    visibility_changed = Signal(bool)

    def __init__(
        self,
        fetch: Callable[[], Timeline | None],
        visible_ids: Callable[[], Collection[int] | None],
        title: Callable[[], str],
        current_id: Callable[[], int | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._visible_ids = visible_ids
        self._title = title
        self._current_id = current_id
        self.timeline: Timeline | None = None
        self._stale = True
        self.last_written: Path | None = None

        self.view = TimelineView()
        self.zoom_buttons: dict[Zoom, QToolButton] = {}
        zooms = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Zoom :"))
        for zoom in Zoom:
            button = QToolButton()
            button.setText(zoom.label)
            button.setCheckable(True)
            button.setToolTip(f"Une colonne par {zoom.label.lower()}"
                              if zoom is not Zoom.MONTH else "Un mois par colonne, en détail")
            button.clicked.connect(lambda _checked=False, z=zoom: self.set_zoom(z))
            zooms.addButton(button)
            self.zoom_buttons[zoom] = button
            bar.addWidget(button)
        self.today_button = QPushButton("Aujourd'&hui")
        self.today_button.setToolTip("Revenir à la date du jour")
        self.today_button.clicked.connect(self.show_today)
        bar.addWidget(self.today_button)
        bar.addStretch(1)
        self.image_button = QPushButton("Exporter en image…")
        self.image_button.setToolTip("Enregistrer tout le calendrier en image PNG")
        self.image_button.clicked.connect(self.export_image)
        self.print_button = QPushButton("Imprimer…")
        self.print_button.setToolTip("Imprimer tout le calendrier, en paysage (Ctrl+P)")
        add_shortcut(QKeySequence.StandardKey.Print, self, self.print_calendar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_button.clicked.connect(self.print_calendar)
        bar.addWidget(self.image_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        # Under the chart rather than in the bar: the bar then fits a 1366-pixel-wide laptop
        # screen beside the side bar and the axes.
        legend = QLabel(legend_html())
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setToolTip(LEGEND_DETAILS)
        layout.addWidget(legend)
        self.setFocusProxy(self.view)
        self.set_zoom(self._saved_zoom())

    # --- content ---------------------------------------------------------------------------
    def shown(self) -> bool:
        """Whether the calendar is the view chosen (even in a window not yet on screen)."""
        parent = self.parentWidget()
        return self.isVisibleTo(parent) if parent is not None else self.isVisible()

    def data_changed(self) -> None:
        """The rows were read again (filters, plan, an edit): read the calendar again, now
        if it is shown, else when it is."""
        self._stale = True
        if self.shown():
            self.reload()

    def search_changed(self) -> None:
        if self.shown() and not self._stale:
            self._show()

    def reload(self) -> None:
        self._stale = False
        self.timeline = self._fetch()
        self._show()

    def _show(self) -> None:
        if self.timeline is None:
            return
        self.view.set_timeline(self.timeline, self._visible_ids())
        self.view.select(self._current_id(), reveal_bar=False)  # today stays in sight
        enabled = bool(self.view.action_ids())
        self.image_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibility_changed.emit(False)

    # --- zoom ------------------------------------------------------------------------------
    def _saved_zoom(self) -> Zoom:
        value = QSettings().value(ZOOM_SETTING)
        return next((z for z in Zoom if z.name == value), Zoom.QUARTER)

    def set_zoom(self, zoom: Zoom) -> None:
        self.zoom_buttons[zoom].setChecked(True)
        self.view.set_zoom(zoom)
        QSettings().setValue(ZOOM_SETTING, zoom.name)

    def show_today(self) -> None:
        if self.timeline is not None:
            self.view.scroll_to_date(self.timeline.today)

    # --- outputs ---------------------------------------------------------------------------
    def output_painter(self) -> TimelinePainter | None:
        """A painter of everything shown, without the selection's highlight; None when
        no action is shown."""
        if self.timeline is None or not self.view.action_ids():
            return None
        scale = TimeScale.covering(self.view.zoom, self.timeline.first, self.timeline.last)
        painter = TimelinePainter(self.timeline, self.view.layout_, scale, self.view.font())
        painter.widen_labels()
        return painter

    def output_title(self) -> str:
        today = format_date(self.timeline.today) if self.timeline else ""
        return f"Calendrier des actions — {self._title()} — au {today}"

    def suggested_name(self) -> str:
        today = self.timeline.today if self.timeline else None
        day = f" - {today.isoformat()}" if today else ""
        return safe_file_name(f"Calendrier - {self._title()}{day}", suffix=".png")

    def choose_image_target(self) -> Path | None:
        from charte_desktop.ui.file_exports import last_folder

        name, _ = QFileDialog.getSaveFileName(
            self, "Enregistrer le calendrier en image",
            str(last_folder() / self.suggested_name()), PNG_FILTER)
        if not name:
            return None
        target = Path(name)
        return target if target.suffix.lower() == ".png" else target.with_suffix(".png")

    def export_image(self) -> Path | None:
        painter = self.output_painter()
        if painter is None:
            return None
        target = self.choose_image_target()
        if target is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = output.save_png(painter, target, self.output_title())
        except CharteError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Image non enregistrée", error.message)
            return None
        QGuiApplication.restoreOverrideCursor()
        QSettings().setValue("exports/folder", str(written.parent))
        self.last_written = written
        QMessageBox.information(self, "Image enregistrée",
                                f"Calendrier enregistré dans « {written} ».")
        return written

    def print_calendar(self) -> int:
        """Ask for a printer (landscape by default), then print; returns the pages printed."""
        from PySide6.QtPrintSupport import QPrintDialog

        painter = self.output_painter()
        if painter is None:
            return 0
        printer = output.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer le calendrier")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = output.print_timeline(printer, painter, self.output_title())
        except CharteError as error:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Impression impossible", error.message)
            return 0
        QGuiApplication.restoreOverrideCursor()
        return pages
