"""Window rows of the benchmark: start-up, type-ahead and form opening on the large file."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STARTUP_RUNS = 5

# Both children print the wall-clock time at which their window is shown and idle.
APP_CHILD = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from charte_desktop.db import open_database
from charte_desktop.ui.i18n import install_french
from charte_desktop.ui.main_window import MainWindow
app = QApplication([])
install_french(app)
window = MainWindow(open_database(Path(sys.argv[1])), screen="actions")
window.show()
def done():
    print(time.time(), window.pages["actions"].actions.model.rowCount())
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

FLOOR_CHILD = """
import sys, time
from PySide6.QtCore import QAbstractTableModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView
rows = [(f"{i // 100}.{i % 100}", f"Action {i}", "En cours") for i in range(int(sys.argv[1]))]
class Model(QAbstractTableModel):
    def rowCount(self, parent=None): return len(rows)
    def columnCount(self, parent=None): return 3
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole: return rows[index.row()][index.column()]
app = QApplication([])
view = QTableView(); model = Model(); view.setModel(model); view.resize(1280, 800); view.show()
def done():
    print(time.time(), model.rowCount()); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def startup_seconds(code: str, argument: str) -> tuple[float, int]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.time()
    output = subprocess.run([sys.executable, "-c", code, argument], capture_output=True,
                            text=True, env=env, check=True).stdout.split()
    return float(output[0]) - start, int(output[1])


def window_rows(path: Path) -> bool:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ours = [startup_seconds(APP_CHILD, str(path)) for _ in range(STARTUP_RUNS)]
    rows = ours[0][1]
    floor = [startup_seconds(FLOOR_CHILD, str(rows)) for _ in range(STARTUP_RUNS)]
    ours_s = statistics.median(t for t, _ in ours)
    floor_s = statistics.median(t for t, _ in floor)
    ok = ours_s <= 3 * floor_s
    print("\nFenêtre (grand territoire)")
    print(f"Démarrage jusqu'à la liste des {rows} actions : {ours_s:.2f} s ; plancher "
          f"(PySide6 nu, QTableView de {rows} lignes) : {floor_s:.2f} s ; ratio "
          f"{ours_s / floor_s:.2f} (cible ≤ 3)  {'ok' if ok else 'HORS CIBLE'}")
    typing_ok, median_ms, worst_ms, first_form_ms, form_ms = in_process_rows(path)
    print(f"Recherche au fil de la frappe : médiane {median_ms:.1f} ms, pire {worst_ms:.1f} ms "
          f"(cible ≤ 30 ms)  {'ok' if typing_ok else 'HORS CIBLE'}")
    form_ok = form_ms <= 100
    print(f"Ouverture de la fiche d'une action : {form_ms:.1f} ms (cible ≤ 100 ms)  "
          f"{'ok' if form_ok else 'HORS CIBLE'} — la toute première ouverture, qui lit les "
          f"listes de choix (contacts, structures), {first_form_ms:.1f} ms")
    return ok and typing_ok and form_ok


def in_process_rows(path: Path) -> tuple[bool, float, float, float]:
    from PySide6.QtWidgets import QApplication

    from charte_desktop.db import open_database
    from charte_desktop.ui.form_dialog import FormDialog
    from charte_desktop.ui.main_window import MainWindow
    from charte_desktop.ui.pages.action_entities import action_entity, action_fields

    app = QApplication.instance() or QApplication([])
    db = open_database(path)
    window = MainWindow(db, screen="actions")
    page = window.pages["actions"]
    window.show()
    app.processEvents()
    search = page.actions.search  # type: ignore[attr-defined]
    times = []
    for word in ("mobilité", "vélo 2"):
        search.clear()
        app.processEvents()
        for i in range(1, len(word) + 1):
            start = time.perf_counter()
            search.setText(word[:i])
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
    median_ms, worst_ms = statistics.median(times), max(times)

    action_id = page.actions.model.row_at(0).id  # type: ignore[attr-defined]
    entity = action_entity(db, page.plan_id, page.axis_id)  # type: ignore[attr-defined]
    form_times = []
    for _ in range(6):
        start = time.perf_counter()
        dialog = FormDialog(window, db, "Modifier", entity.specs(), action_fields(db, action_id),
                            lambda fields: None, check_at_start=False)
        dialog.show()
        app.processEvents()
        form_times.append((time.perf_counter() - start) * 1000)
        dialog.done(0)
    window.close()
    db.close()
    return (worst_ms <= 30, median_ms, worst_ms, form_times[0],
            statistics.median(form_times[1:]))
