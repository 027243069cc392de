"""Ctrl+Z and Ctrl+Y show what they undo: the step's screen and row first (another screen,
another plan, another action's milestones), then the undo, the row selected again (an
action whose deletion is undone comes back selected), and the status line says it:
« Annulé : modification de l'action « Harmoniser… » (Plan d'actions) »."""

from __future__ import annotations

from contextlib import suppress
from typing import Any, Protocol

from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QStackedWidget, QStatusBar, QTabWidget, QWidget

from charte_desktop.errors import CharteError
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.undo import Spot

MESSAGE_MS = 10000


class MainWindow(Protocol):
    """What of the main window the steps use (ui/main_window.py)."""

    undo_stack: QUndoStack
    pages: dict[str, Page]

    def show_screen(self, key: str) -> Page: ...

    def statusBar(self) -> QStatusBar: ...


def undo_actions(window: MainWindow, parent: QWidget) -> tuple[QAction, QAction]:
    """« Annuler » and « Rétablir » of the Édition menu (their text names the step), which
    show the step before running it."""
    undo = window.undo_stack.createUndoAction(parent, "&Annuler")
    redo = window.undo_stack.createRedoAction(parent, "&Rétablir")
    for action, undoing in ((undo, True), (redo, False)):
        action.triggered.disconnect()  # the stack's own undo() / redo()
        action.triggered.connect(
            lambda _checked=False, undoing=undoing: run_step(window, undoing=undoing))
    return undo, redo


def run_step(window: MainWindow, *, undoing: bool) -> None:
    stack = window.undo_stack
    index = stack.index() - 1 if undoing else stack.index()
    if not 0 <= index < stack.count():
        return
    command: QUndoCommand = stack.command(index)
    spot = getattr(command, "spot", None)
    spot = spot if isinstance(spot, Spot) else None
    what = spot.what if spot is not None else command.text()
    key = screen_of(window, spot.origin) if spot is not None else None
    if spot is not None and key is not None:
        reveal(window, key, spot, exists=spot.exists(undone=not undoing))
    if undoing:
        stack.undo()
    else:
        stack.redo()
    if spot is not None and spot.failed:
        return  # refused: the error was said
    if spot is not None and key is not None:
        reveal(window, key, spot, exists=spot.exists(undone=undoing))
    place = f" ({window.pages[key].title})" if key is not None else ""
    done = "Annulé" if undoing else "Rétabli"
    window.statusBar().showMessage(f"{done} : {what}{place}", MESSAGE_MS)


def screen_of(window: MainWindow, origin: QWidget | None) -> str | None:
    """The key of the screen `origin` belongs to (None: a dialog, or a screen gone)."""
    if origin is None:
        return None
    for key, page in window.pages.items():
        if page is origin or page.isAncestorOf(origin):
            return key
    return None


def reveal(window: MainWindow, key: str, spot: Spot, *, exists: bool) -> None:
    """Show the step's screen, the item its list is about, its list's tab, and its row when
    it is in the file."""
    page = window.show_screen(key)
    if spot.context is not None:
        with suppress(CharteError):  # e.g. the action was deleted since
            page.show_item(spot.context)
    listing = list_of(page, spot.editor)
    if listing is None:
        return
    bring_forward(listing, page)
    if not exists or spot.item_id is None or listing.select_id(spot.item_id):
        return
    if spot.show is not None:  # another plan, a filter: the screen knows how to show it
        with suppress(CharteError):
            spot.show(spot.item_id)
    else:
        listing.show_new(spot.item_id)


def list_of(page: QWidget, editor: Any) -> ListPage[Any] | None:
    if editor is None:
        return None
    return next((listing for listing in page.findChildren(ListPage)
                 if listing.editor is editor), None)


def bring_forward(widget: QWidget, page: QWidget) -> None:
    """Choose the tabs `widget` is in (the action's Jalons, the plan's Fiches actions…)."""
    child = widget
    parent = child.parentWidget()
    while parent is not None and child is not page:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            tabs.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
