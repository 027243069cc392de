"""The drop-down filters above a list ("Statut : tous"), filled when first opened."""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox


class LazyComboBox(QComboBox):
    """A combo box that fills itself the first time it opens (3,000 contacts cost time)."""

    def __init__(self, fill: Callable[[], None]) -> None:
        super().__init__()
        self._fill = fill

    def showPopup(self) -> None:
        self._fill()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Reached with Tab, the arrow keys must find the choices there.
        self._fill()
        super().focusInEvent(event)


class Filter:
    """A drop-down filter ("Statut : tous") whose value is passed to the row fetcher.

    Its choices are read when the list is first opened, or when a value is set, not when
    the screen is built.
    """

    def __init__(
        self, label: str, choices: Callable[[], Sequence[tuple[Any, str]]], all_label: str = "Tous"
    ) -> None:
        self.label = label
        self.choices = choices
        self.all_label = all_label
        self.combo = LazyComboBox(self._ensure_loaded)
        # The label read, not its Alt+letter's "&" (« É&tat » is read « État »).
        self.combo.setAccessibleName(label.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        self._values: list[Any] = [None]
        self._loaded = False
        self.combo.addItem(all_label)

    def _ensure_loaded(self) -> None:
        if not self._loaded:
            self._load()

    def reload_choices(self) -> None:
        """Read the choices again (after a change elsewhere) if they were ever shown."""
        if self._loaded:
            self._load()

    def _load(self) -> None:
        # Values stay on the Python side: Qt would turn an enum member into a plain str.
        current = self.value()
        self._values = [None]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.all_label)
        for value, text in self.choices():
            self._values.append(value)
            self.combo.addItem(text)
        self._loaded = True
        self.combo.setCurrentIndex(self.index_of(current))
        self.combo.blockSignals(False)
        if self.value() != current:  # the chosen value no longer exists: show everything
            self.combo.currentIndexChanged.emit(self.combo.currentIndex())

    def index_of(self, value: Any) -> int:
        return self._values.index(value) if value in self._values else 0

    def set_value(self, value: Any) -> None:
        if value is not None:
            self._ensure_loaded()
        self.combo.setCurrentIndex(self.index_of(value))

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None
