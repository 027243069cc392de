"""What the main window expects of a screen."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A screen: refreshed when shown or after a change elsewhere (F5)."""

    title = ""

    def refresh(self) -> None:
        """Reload from the file."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the screen's search box."""

    def create_item(self) -> None:
        """Ctrl+N: create the screen's main kind of item."""

    def focus_list(self) -> None:
        """After Ctrl+1…Ctrl+7 (or Entrée in the side bar): the keyboard in the screen's main
        list, on its current row, so Entrée opens it and the arrows move in it."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_item(self, item_id: int | None) -> None:
        """Select (and reveal) one item, e.g. from the dashboard."""
