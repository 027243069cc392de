"""Every state a screen can show: each position of its tab bars and of its lists' view
switches (« Liste | Calendrier »), in every combination of those shown together."""

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from charte_desktop.ui.list_page import ListPage

Switch = tuple[QWidget, list[str], Callable[[int], object], Callable[[], int]]


def switches(window: QWidget) -> list[Switch]:
    """The tab bars and view switches shown: widget, position names, choose, current."""
    found: list[Switch] = []
    for bar in window.findChildren(QTabBar):
        if bar.isVisible() and bar.count() > 1:
            found.append((bar, [bar.tabText(i) for i in range(bar.count())],
                          bar.setCurrentIndex, bar.currentIndex))
    for listing in window.findChildren(ListPage):
        if listing.isVisible() and listing.view_buttons:
            found.append((listing, [b.text() for b in listing.view_buttons],
                          listing.show_view, listing.views.currentIndex))
    return found


def every_state(window: QWidget, where: str,
                done: frozenset[int] = frozenset()) -> Iterator[str]:
    """Put `window` in each state in turn, yielding its name (« Réunions › Présences »);
    the switches are put back as they were at the end."""
    QApplication.processEvents()
    yield where
    pending = [s for s in switches(window) if id(s[0]) not in done]
    if not pending:
        return
    switch, names, choose, current = pending[0]
    before = current()
    for position, name in enumerate(names):
        choose(position)
        yield from every_state(window, f"{where} › {name.replace('&', '')}",
                               done | {id(switch)})
    choose(before)
    QApplication.processEvents()
