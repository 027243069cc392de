"""The main window: side bar of screens, menus, undo history, remembered geometry."""

import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QMargins, QPoint, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QScreen,
    QShowEvent,
    QUndoStack,
    QWindowStateChangeEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from charte_desktop.db import Database
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.copy_command import FILE_FILTER
from charte_desktop.ui.core_loader import CoreLoader, shared_loader
from charte_desktop.ui.pages.actions_preview import ActionsPreview
from charte_desktop.ui.pages.base import Page

START_LOADING_ANYWAY_MS = 1000
DEFAULT_SIZE = QSize(1280, 800)
# Until the window is shown, its frame is unknown: assume a title bar and borders like
# Windows' (the real frame is used once the window is on screen).
ASSUMED_FRAME = QMargins(8, 31, 8, 8)
MAX_RECENT = 8
GO_TO_MENU = "Aller &à"

# (key, side-bar label, module, class): screens are built the first time they are shown.
SCREENS: tuple[tuple[str, str, str, str], ...] = (
    ("dashboard", "Tableau de bord", "dashboard", "DashboardPage"),
    ("actions", "Plan d'actions", "actions_page", "ActionsPage"),
    ("bodies", "Instances", "bodies_page", "BodiesPage"),
    ("meetings", "Réunions", "meetings_page", "MeetingsPage"),
    ("indicators", "Indicateurs", "indicators_page", "IndicatorsPage"),
    ("directory", "Annuaire", "directory_page", "DirectoryPage"),
    ("settings", "Paramètres", "settings_page", "SettingsPage"),
    # Last, so that Ctrl+1…Ctrl+7 keep their screens: Ctrl+8.
    ("calls", "Appels à projets", "calls_page", "CallsPage"),
)


def fitted_frame(frame: QRect, available: QRect) -> QRect:
    """`frame` (a window's outer rectangle) made to fit in `available` (the screen without
    its task bar): as small as needed, then moved inside."""
    width = min(frame.width(), available.width())
    height = min(frame.height(), available.height())
    left = max(available.left(), min(frame.left(), available.right() + 1 - width))
    top = max(available.top(), min(frame.top(), available.bottom() + 1 - height))
    return QRect(left, top, width, height)


def recent_files() -> list[str]:
    value = QSettings().value("recent_files", [])
    return [str(v) for v in value] if isinstance(value, list) else []


def remember_recent(path: Path | str) -> None:
    """A file's path, or a server's address (never with its password: `Database.label`)."""
    files = [str(path)] + [f for f in recent_files() if f != str(path)]
    QSettings().setValue("recent_files", files[:MAX_RECENT])


class MainWindow(QMainWindow):
    # Asks the application to open another file (it owns opening and its errors).
    open_requested = Signal(object)  # a Path, or a ServerAddress
    connect_requested = Signal()  # Fichier › « Se connecter à un serveur… »
    new_requested = Signal()
    restore_requested = Signal()
    backup_requested = Signal()
    _settled = False  # the unsaved changes were dealt with: closing asks nothing

    def __init__(
        self, db: Database, *, temporary: bool = False, screen: str | None = None,
        core: CoreLoader | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.core = core or shared_loader()
        # Plan d'actions from sqlite3 while the core loads (see ActionsPreview).
        self.preview: ActionsPreview | None = None
        self.undo_stack = QUndoStack(self)
        self.context = AppContext(db, self.undo_stack, self.open_item)
        self.pages: dict[str, Page] = {}
        server = getattr(db, "server", None)  # tests may pass a stand-in
        on_server = server is not None
        label = ("démonstration (copie temporaire)" if temporary
                 else server.spoken if server is not None
                 else db.label)
        if getattr(db, "read_only_reason", None) is not None:
            label += " (lecture seule)"
        # Ending with the application's name: Qt would append it otherwise (« … — Charte »).
        self.setWindowTitle(f"{label} — Charte")
        if not temporary:
            remember_recent(db.label)

        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Navigation")
        self.sidebar.setFixedWidth(180)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setStyleSheet(
            "#sidebar { background: #24344d; border: none; font-size: 11pt; }"
            "#sidebar::item { color: #e8edf4; padding: 9px 14px; }"
            "#sidebar::item:selected { background: #3d5a80; color: white; }"
            "#sidebar::item:hover:!selected { background: #2f4463; }"
        )
        for key, text, _module, _cls in SCREENS:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_row)
        # Entrée on a screen's name goes into it (the arrows only show the screens).
        self.sidebar.activated.connect(lambda _index: self._focus_list())

        self._build_menus()
        if on_server:
            from charte_desktop.ui import server_window as shared

            self.statusBar().showMessage(shared.server_notice(db))
            self.statusBar().addPermanentWidget(shared.shared_base_badge(db))  # for good
            self.server_watch = shared.ServerWatch(self, db, self.refresh_current)
        else:
            self.statusBar().showMessage(f"Fichier : {db.path}")
        self.read_only_notice = self._show_read_only_notice(db)
        self._restore_geometry()
        # Reopen on the screen the officer last used (only that screen is built).
        remembered = QSettings().value("window/screen", "dashboard")
        wanted = screen or (remembered if isinstance(remembered, str) else "dashboard")
        keys = [key for key, *_ in SCREENS]
        self.sidebar.setCurrentRow(keys.index(wanted) if wanted in keys else 0)

    def _show_read_only_notice(self, db: Database) -> QLabel | None:
        """A file Charte may not write stays marked in the status bar: consulting and
        exporting work; an edit is refused with the French message of ReadOnlyFileError."""
        reason = getattr(db, "read_only_reason", None)  # tests may pass a stand-in
        if reason is None:
            return None
        notice = QLabel(f"Lecture seule : {reason}. Consultation et export "
                        "seulement.")
        notice.setObjectName("readOnlyNotice")
        notice.setStyleSheet("#readOnlyNotice { background: #fff3cd; color: #664d03; "
                             "padding: 2px 8px; }")
        notice.setAccessibleName("Fichier en lecture seule")
        self.statusBar().addPermanentWidget(notice)
        return notice

    # --- screens -------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        if key not in self.pages:
            import importlib

            self.core.wait()  # never import screens while the background import runs

            _key, _text, module, cls = next(s for s in SCREENS if s[0] == key)
            page_class = getattr(importlib.import_module(f"charte_desktop.ui.pages.{module}"),
                                 cls)
            page = page_class(self.context)
            backups = getattr(page, "backups", None)
            if backups is not None:  # Paramètres: its buttons are the File menu's
                backups.backup_requested.connect(self.backup_requested)
                backups.restore_requested.connect(self.restore_requested)
            self.pages[key] = page
            self.stack.addWidget(page)
            if key == "actions" and self.preview is not None:
                self._replace_preview(page)
        return self.pages[key]

    def _show_preview(self) -> bool:
        """At start, show Plan d'actions from sqlite3 and load the rest in the background."""
        if self.preview is None:
            from charte_desktop.ui.pages.actions_frame import shows_calendar

            if not self.core.needed() or shows_calendar() or self.db.server is not None:
                # Nothing to wait for, or the calendar (or a server) needs the core anyway.
                return False
            try:
                self.preview = ActionsPreview(self.db.path, lambda: self.page("actions"))
            except sqlite3.Error:  # e.g. busy: the screen will say it the usual way
                return False
            self.stack.addWidget(self.preview)
            self.core.loaded.connect(self._core_loaded)
            # Loading competes with the first paint for the interpreter: it starts once the
            # list is drawn (or after a while if the window is never drawn).
            self.preview.drawn.connect(self._start_loading)
            QTimer.singleShot(START_LOADING_ANYWAY_MS, self._start_loading)
        self.stack.setCurrentWidget(self.preview)
        return True

    def _start_loading(self) -> None:
        if self.preview is not None:
            self.core.start(self.preview.first_query(self.db))

    def _core_loaded(self) -> None:
        preview = self.preview
        if preview is None:
            return
        if self.stack.currentWidget() is preview:
            self.page("actions")  # takes the stand-in's place, with its choices
        else:  # the officer went elsewhere: the screen is built when next shown
            self.preview = None
            self.stack.removeWidget(preview)
            preview.deleteLater()

    def _replace_preview(self, page: Page) -> None:
        from charte_desktop.ui.pages import actions_frame as frame
        from charte_desktop.ui.pages.actions_page import ActionsPage

        preview, self.preview = self.preview, None
        assert preview is not None
        state = frame.list_state(preview)
        page.refresh()
        assert isinstance(page, ActionsPage)
        frame.restore_list_state(page, state)
        if self.stack.currentWidget() is preview:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(preview)
        preview.deleteLater()

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = SCREENS[row][0]
        if key == "actions" and key not in self.pages and self._show_preview():
            return
        page = self.page(key)
        page.refresh()
        self.stack.setCurrentWidget(page)

    def show_screen(self, key: str) -> Page:
        row = next(i for i, s in enumerate(SCREENS) if s[0] == key)
        self.sidebar.setCurrentRow(row)
        return self.page(key)

    def open_item(self, key: str, item_id: int | None) -> None:
        self.show_screen(key).show_item(item_id)

    def refresh_current(self) -> None:
        page = self.current_page()
        if page is not None:
            page.refresh()

    # --- menus ---------------------------------------------------------------------------
    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # Commands may import what the background loading imports: they wait for it first.
        def run(_checked: bool = False) -> None:
            self.core.wait()
            slot()

        action.triggered.connect(run)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        files = self.menuBar().addMenu("&Fichier")
        self._action(files, "&Nouveau fichier…", self.new_requested.emit, "Ctrl+Shift+N")
        self._action(files, "&Ouvrir…", self._ask_open, QKeySequence.StandardKey.Open)
        self.recent_menu = files.addMenu("Ouvrir &récent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._action(files, "Se connecter à un s&erveur…", self.connect_requested.emit)
        self._action(files, "Enregistrer une &copie…", self._save_copy, "Ctrl+Shift+S")
        files.addSeparator()
        self._action(files, "Classeurs de &mise à jour pour les pilotes…",
                     self._send_update_workbooks)
        self._action(files, "Importer un classeur de mise à jo&ur…",
                     self._import_update_workbook)
        files.addSeparator()
        self._action(files, "&Sauvegarder maintenant", self.backup_requested.emit)
        self._action(files, "Restaurer une sau&vegarde…", self.restore_requested.emit)
        files.addSeparator()
        self._action(files, "Importer un plan d'&actions…", lambda: self.import_file("actions"))
        self._action(files, "Importer des con&tacts…", lambda: self.import_file("contacts"))
        files.addSeparator()
        # Ctrl+Q everywhere: Qt's standard Quit key is none on Windows.
        self._action(files, "&Quitter", self.close, "Ctrl+Q")

        edit = self.menuBar().addMenu("É&dition")
        from charte_desktop.ui.undo_view import undo_actions

        undo, redo = undo_actions(self, self)  # they show the step they undo
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        self._action(edit, "&Nouvel élément", self._create_item, QKeySequence.StandardKey.New)
        self._action(edit, "Re&chercher", self._focus_search, QKeySequence.StandardKey.Find)
        self._action(edit, "Ac&tualiser", self.refresh_current, QKeySequence.StandardKey.Refresh)

        # Alt+À (the key of « à » on a French keyboard): Alt+A is the Calendrier's.
        go = self.menuBar().addMenu(GO_TO_MENU)
        for i, (_key, text, _m, _c) in enumerate(SCREENS):
            self._action(go, text, partial(self.go_to, i), f"Ctrl+{i + 1}")

        help_menu = self.menuBar().addMenu("Aid&e")
        self._action(help_menu, "À &propos de Charte", self._about)

    def import_file(self, kind: str) -> None:
        from charte_desktop.ui.import_wizard import run_import_wizard

        done = run_import_wizard(self, self.db, kind)
        if done is not None:
            text, screen = done
            self.show_screen(screen).refresh()
            QMessageBox.information(self, "Import terminé", text)

    def _create_item(self) -> None:
        page = self.current_page()
        if page is not None:
            page.create_item()

    def go_to(self, row: int) -> None:
        """Ctrl+1…Ctrl+7: show the screen with the keyboard in its main list."""
        self.sidebar.setCurrentRow(row)
        self._focus_list()

    def _focus_list(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_list()

    def _focus_search(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files()
        if not files:
            self.recent_menu.addAction("(aucun fichier récent)").setEnabled(False)
        from charte_desktop.db.server import ServerAddress, is_server_address, parse_address

        for number, name in enumerate(files, start=1):  # &1 … : chosen by its digit
            where = parse_address(name) if is_server_address(name) else Path(name)
            text = where.spoken if isinstance(where, ServerAddress) else name
            self.recent_menu.addAction(f"&{number} {text.replace('&', '&&')}",
                                       partial(self.open_requested.emit, where))

    def _ask_open(self) -> None:
        from charte_desktop.db.safekeeping import documents_folder

        name, _ = QFileDialog.getOpenFileName(self, "Ouvrir un fichier Charte",
                                              str(documents_folder(self.db)), FILE_FILTER)
        if name:
            self.open_requested.emit(Path(name))

    def _save_copy(self) -> None:
        from charte_desktop.ui.copy_command import save_copy

        save_copy(self, self.db)

    def _send_update_workbooks(self) -> None:
        from charte_desktop.ui.update_workbooks import send_pilot_workbooks

        actions_page = self.pages.get("actions")  # its plan, when the screen was opened
        send_pilot_workbooks(self, self.db, getattr(actions_page, "plan_id", lambda: None)())

    def _import_update_workbook(self) -> None:
        from charte_desktop.ui.update_workbooks import import_update_workbook

        applied = import_update_workbook(self, self.db)
        if applied is not None:
            self.statusBar().showMessage(applied.summary(), 10000)
            self.refresh_current()

    def _about(self) -> None:
        from charte_desktop import __version__

        QMessageBox.about(self, "À propos de Charte",
                          f"<b>Charte</b> {__version__}<br>Piloter une charte ou un plan "
                          "d'actions territorial, hors ligne.")

    # --- geometry ---------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        """The window of last time, or 1280 × 800; maximised on a screen too small for
        that (a 1366 × 768 laptop), and always within the screen, task bar deducted."""
        self._fitted_once_shown = False
        self._fit_when_resized = False
        geometry = QSettings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else QRect()
            self.resize(DEFAULT_SIZE)
            if available.isValid():
                frame = QRect(QPoint(), DEFAULT_SIZE).marginsAdded(ASSUMED_FRAME)
                frame.moveCenter(available.center())
                fitted = fitted_frame(frame, available)
                self.setGeometry(fitted.marginsRemoved(ASSUMED_FRAME))
                if fitted.size() != frame.size():  # the laptop's whole screen, then
                    self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.fit_to_screen()

    def _window_screen(self) -> QScreen | None:
        return (QGuiApplication.screenAt(self.geometry().center()) or self.screen()
                or QGuiApplication.primaryScreen())

    def fit_to_screen(self) -> None:
        """Shrink and move the window (not maximised) into its screen's available area."""
        screen = self._window_screen()
        if screen is None or self.windowState() & (Qt.WindowState.WindowMaximized
                                                   | Qt.WindowState.WindowFullScreen):
            return
        available = screen.availableGeometry()
        frame = self.frameGeometry()
        margins = QMargins(self.geometry().left() - frame.left(),
                           self.geometry().top() - frame.top(),
                           frame.right() - self.geometry().right(),
                           frame.bottom() - self.geometry().bottom())
        if margins.isNull():  # not shown yet: no frame known
            margins = ASSUMED_FRAME
            frame = self.geometry().marginsAdded(margins)
        fitted = fitted_frame(frame, available)
        if fitted != frame:
            self.setGeometry(fitted.marginsRemoved(margins))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_once_shown:  # the real frame is known once on screen
            self._fitted_once_shown = True
            QTimer.singleShot(0, self.fit_to_screen)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (event.type() == QEvent.Type.WindowStateChange
                and isinstance(event, QWindowStateChangeEvent)
                and event.oldState() & Qt.WindowState.WindowMaximized
                and not self.windowState() & Qt.WindowState.WindowMaximized):
            # Restored from maximised: the size it comes back to must fit too, which the
            # window system tells with the next resize.
            self._fit_when_resized = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_when_resized:
            self._fit_when_resized = False
            QTimer.singleShot(0, self.fit_to_screen)

    def remember_state(self) -> None:
        """Geometry and screen, for the next window (next start, or another file)."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        row = self.sidebar.currentRow()
        settings.setValue("window/screen", SCREENS[row][0] if row >= 0 else "dashboard")

    def settle_unsaved(self) -> bool:
        """Before the window goes (quit, another file, a backup restored): what the officer
        typed and has not saved is saved, or dropped if the officer says so; False to stay
        (Annuler, or a refused save)."""
        for page in list(self.pages.values()):
            settle = getattr(page, "settle_unsaved", None)
            if settle is not None and not settle():
                return False
        return True

    def close_settled(self) -> None:
        """Close without asking: `settle_unsaved` was answered already."""
        self._settled = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._settled and not self.settle_unsaved():
            event.ignore()
            return
        self.core.wait()  # Python must not stop in the middle of an import
        self.remember_state()
        super().closeEvent(event)
