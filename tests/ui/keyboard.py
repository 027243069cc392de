"""The keyboard harness: forms are filled as an officer fills them, with keys.

Fields are found by their accessible name (the label the officer reads), reached with a
click, and typed into key by key through the focused widget; Tab leaves a field; Ctrl+S
and Échap go through the dialog's window, as real keys do. No widget setter is used for
what a person types: tests then read the database.

    when_dialog_opens(officer_types({"Intitulé": "Mobilité", "Date de fin": "14/03/2026"}))
    press(window, Qt.Key.Key_N, CTRL)   # opens the form; the scheduled typing fills it

`when_form_opens` does what `when_dialog_opens` does, and is forgotten at the end of the
test (tests/ui/keyboard_forms/conftest.py): typing scheduled for a form that never opened
does not fill the next test's form.
"""

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QWidget,
)

from charte_desktop.ui.form_dialog import FormDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NO_KEY_MODIFIER = Qt.KeyboardModifier.NoModifier


def field(parent: QWidget, label: str) -> QWidget:
    """The field whose accessible name is `label` (screen readers find it the same way)."""
    found = [w for w in parent.findChildren(QWidget)
             if w.accessibleName() == label and w.isVisibleTo(parent)]
    if len(found) != 1:
        names = sorted({w.accessibleName() for w in parent.findChildren(QWidget)
                        if w.accessibleName()})
        raise AssertionError(f"{len(found)} champs « {label} » ; champs : {names}")
    return found[0]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "aucun champ n'a le clavier"
    return widget


def click(widget: QWidget) -> None:
    """A click in the field, as the officer puts the cursor there."""
    target = widget
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        target = widget.lineEdit()  # type: ignore[assignment]
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, NO_KEY_MODIFIER,
                     QPoint(min(10, target.width() // 2), target.height() // 2))
    if QApplication.focusWidget() is not target and not target.hasFocus():
        target.setFocus(Qt.FocusReason.MouseFocusReason)  # offscreen: no window activation
    QApplication.processEvents()


def receiver() -> QWidget:
    """Where the system sends a key: an open pop-up (a picker's list of matches) takes the
    keyboard, and passes the key to its field; otherwise the focused field."""
    keep_form_active()
    popup = QApplication.activePopupWidget()
    if popup is None:
        return focused()
    return popup.focusWidget() or popup  # a calendar's days; a picker's list itself


def key(key_code: Qt.Key, modifier: Qt.KeyboardModifier = NO_KEY_MODIFIER) -> None:
    """One key pressed in the focused field."""
    QTest.keyClick(receiver(), key_code, modifier)


def keep_form_active() -> None:
    """Undo an artefact of the offscreen platform: it makes every window it shows the
    active one, a picker's pop-up list too (qoffscreenwindow.cpp, setVisible), and that
    stale activation, applied at a later key, leaves the form inactive: Tab then cannot
    move the focus. Windows and X11 keep the form active under its pop-up."""
    QApplication.processEvents()  # apply what the platform has queued, stale or not
    active = QApplication.activeWindow()
    if active is None or active.windowType() != Qt.WindowType.Popup:
        return
    field_there = QApplication.focusWidget()
    if field_there is not None and field_there.window() is not active:
        QApplication.setActiveWindow(field_there.window())


def type_keys(text: str) -> None:
    """Type `text` into the focused field, key by key; accents as a French keyboard sends
    them (QTest cannot click non-ASCII keys); "\n" is Entrée."""
    for char in text:
        widget = receiver()
        if char == "\n":  # a new line in a text of several lines
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif char.isascii():
            QTest.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, NO_KEY_MODIFIER, char))


def replace_text(widget: QWidget, text: str) -> None:
    """Click in the field, select all it holds (Ctrl+A), type over it, then leave (Tab)."""
    click(widget)
    key(Qt.Key.Key_A, CTRL)
    if text:
        type_keys(text)
    else:
        key(Qt.Key.Key_Delete)
    key(Qt.Key.Key_Tab)


def press_alt(window: QWidget, key_code: Qt.Key) -> None:
    """Alt+letter, the underlined letter of a tab or a button: a tab shows at once; a button
    is pressed down, then clicked 100 ms later (QAbstractButton.animateClick). Waits for
    the click, and for the typing scheduled for a form it opens (`when_form_opens`)."""
    press(window, key_code, ALT)
    QTest.qWait(150)
    for _ in range(250):
        if all(done[0] for done in _pending):
            break
        QTest.qWait(20)


def activate(window: QWidget) -> None:
    """Make `window` the active one, as the system does when a dialog over it closes (the
    offscreen platform leaves no window active then)."""
    top = window.window()
    if QApplication.activeWindow() is not top:
        top.activateWindow()
        QTest.qWaitForWindowActive(top, 1000)


def press(window: QWidget, key_code: Qt.Key,
          modifier: Qt.KeyboardModifier = NO_KEY_MODIFIER) -> None:
    """A shortcut (Ctrl+S, Ctrl+N, Échap…) through the window, as the system delivers it."""
    activate(window)
    handle = window.window().windowHandle()
    assert handle is not None, "la fenêtre n'est pas affichée"
    QTest.keyClick(handle, key_code, modifier)


def reach(widget: QWidget) -> None:
    """Give the keyboard to `widget` as Tab does (no click: a click would toggle a box or
    press a button), after checking that Tab can reach it."""
    assert widget.isVisible() and widget.isEnabled(), f"« {widget.accessibleName()} » inactif"
    assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, (
        f"« {widget.accessibleName() or widget} » ne se rejoint pas avec Tab")
    activate(widget)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert focused() is widget or widget.isAncestorOf(focused()), "le champ n'a pas le clavier"


def tick(widget: QWidget) -> None:
    """A tick box toggled with the space bar (reached with Tab: a click would toggle it
    too)."""
    reach(widget)
    key(Qt.Key.Key_Space)


def press_button(button: QAbstractButton) -> None:
    """A button of the screen, reached with Tab and pressed with the space bar, as an
    officer does when no shortcut names it. A form it opens is modal: schedule what fills
    it (`when_form_opens`) first."""
    reach(button)
    key(Qt.Key.Key_Space)


def open_row(table: QWidget) -> None:
    """Entrée on the list's selected row: its form opens (schedule the typing first)."""
    reach(table)
    key(Qt.Key.Key_Return)


def problems(dialog: Any) -> dict[str, str]:
    """The messages shown beside the fields of a form, by field name."""
    return {name: label.text() for name, label in getattr(dialog, "errors", {}).items()
            if not label.isHidden()}


def officer_types(values: Mapping[str, str], *, save: bool = True,
                  seen: dict[str, Any] | None = None) -> Callable[[Any], None]:
    """For `when_dialog_opens`: type each value into the field of that label, then Ctrl+S.

    A value of "" empties the field. `seen` receives, after saving, whether the dialog is
    still open and the problems shown beside the fields."""

    def action(dialog: Any) -> None:
        for label, text in values.items():
            replace_text(field(dialog, label), text)
        if save:
            press(dialog, Qt.Key.Key_S, CTRL)
        if seen is not None:
            seen["open"] = dialog.isVisible()
            seen["problems"] = problems(dialog)

    return action


def type_to_select(widget: QWidget, start_of_label: str) -> None:
    """In a drop-down list that takes no typing (or a list), reached with Tab: type the
    start of a label, and Qt selects the first label that starts so. Letters typed within
    Qt's keyboard input interval join the previous ones: wait that long first, as a person
    moving from one field to another does."""
    reach(widget)
    QTest.qWait(QApplication.keyboardInputInterval() + 50)
    type_keys(start_of_label)


def tick_in_list(view: QWidget, start_of_label: str) -> None:
    """In a list of tick boxes: type the start of a label to reach it, then the space bar."""
    reach(view)  # reached with Tab: a click would tick
    type_keys(start_of_label)
    key(Qt.Key.Key_Space)


def filter_then_tick(view: QWidget, text: str) -> None:
    """In a long list of tick boxes: type `text` in its « Filtrer la liste » line (any
    part of a label, accents and case ignored), Tab to the list, space bar on the first
    label left."""
    parent = view.parentWidget()
    assert parent is not None
    lines = [w for w in parent.findChildren(QLineEdit)
             if w.accessibleName() == "Filtrer la liste" and w.isVisibleTo(parent)]
    assert len(lines) == 1, "cette liste n'a pas de ligne de filtre"
    click(lines[0])
    key(Qt.Key.Key_A, CTRL)
    type_keys(text)
    key(Qt.Key.Key_Tab)
    assert focused() is view, f"Tab mène à {focused()!r}, pas à la liste"
    key(Qt.Key.Key_Space)


_pending: list[list[bool]] = []


def when_form_opens(action: Callable[[Any], None], kind: type = FormDialog) -> None:
    """Run `action` on the next form of `kind` that opens (a modal form blocks the key that
    opens it: schedule its typing first). A form left open is closed without a question."""
    done = [False]
    _pending.append(done)

    def attempt(tries: int = 0) -> None:
        if done[0]:
            return
        # A form another handler already took is not this one's (two forms expected).
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, kind) and w.isVisible()
                       and not w.property("taken_by_test")), None)
        if dialog is None:
            if tries < 250:
                QTimer.singleShot(20, lambda: attempt(tries + 1))
            return
        done[0] = True
        dialog.setProperty("taken_by_test", True)
        try:
            # The officer types once the form is there: the active window. (Typing sooner,
            # offscreen, can leave a picker's pop-up as the active window, and Tab stuck.)
            QTest.qWaitForWindowActive(dialog, 1000)
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, attempt)


def forget_pending_forms() -> None:
    """Drop the typing scheduled for forms that never opened."""
    for done in _pending:
        done[0] = True
    _pending.clear()


def open_screen(qtbot: Any, db: Any, key_name: str, list_name: str | None = None,
                item_id: int | None = None) -> tuple[Any, Any]:
    """The main window shown on one screen (`window.show_screen(key_name)`), with the
    keyboard in its list `list_name`, on the row `item_id` (a fixture: the item the
    officer picked)."""
    from charte_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    page = window.show_screen(key_name)
    if list_name is not None:
        listing = getattr(page, list_name)
        if item_id is not None:
            assert listing.select_id(item_id), f"{list_name} n'a pas de ligne {item_id}"
        listing.table.setFocus()
    return window, page
