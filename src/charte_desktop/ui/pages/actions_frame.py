"""The frame of Plan d'actions, shared by the screen and by the stand-in shown at start.

Both build their widgets with these functions, so the stand-in looks exactly like the
screen that replaces it, and the officer sees nothing move when it does.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charte_desktop.db.enums import DisplayStatus
from charte_desktop.services.action_rows import ActionRow
from charte_desktop.ui.choices import enum_choices
from charte_desktop.ui.colours import STATUS_COLOURS
from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.table_model import Column, natural_text

if TYPE_CHECKING:  # the stand-in paints before SQLAlchemy is loaded: no import at start
    from charte_desktop.services.progress_rollup import PlanRollup, Rollup


class LateReasons(Mapping[int, list[str]]):
    """Why the late actions of the list are late, read in one query when first asked
    (the pointer resting on « En retard »), not at each reload of the list."""

    def __init__(self) -> None:
        self._read: Callable[[], dict[int, list[str]]] | None = None
        self._reasons: dict[int, list[str]] = {}

    def reset(self, read: Callable[[], dict[int, list[str]]] | None) -> None:
        self._read, self._reasons = read, {}

    def _loaded(self) -> dict[int, list[str]]:
        if self._read is not None:
            self._reasons, self._read = self._read(), None
        return self._reasons

    def __getitem__(self, action_id: int) -> list[str]:
        return self._loaded()[action_id]

    def __iter__(self) -> Iterator[int]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def action_columns(reasons: Mapping[int, Sequence[str]] | None = None,
                   ) -> list[Column[ActionRow]]:
    """The list's columns; `reasons` (why each late action is late, kept up to date by the
    screen) is what the pointer resting on « En retard » reads."""
    def status_tip(row: ActionRow) -> str | None:
        if row.status is not DisplayStatus.LATE or reasons is None:
            return None
        # Here, not above: the first screen paints before SQLAlchemy is loaded.
        from charte_desktop.services.late_reasons import why_late_text

        return why_late_text(reasons.get(row.id, ()))

    return [
        Column("Code", lambda r: r.code, sort_value=lambda r: natural_text(r.code), width=60),
        Column("Intitulé", lambda r: r.title, width=320),
        Column("Statut", lambda r: r.status, colour=lambda r: STATUS_COLOURS[r.status],
               width=90, tooltip=status_tip),
        *_OTHER_COLUMNS,
    ]


_OTHER_COLUMNS: list[Column[ActionRow]] = [
    Column("Priorité", lambda r: r.priority, width=70),
    Column("Pilote", lambda r: r.pilot_name, width=150),
    Column("Échéance", lambda r: r.end_date, width=85),
    Column("Avancement", lambda r: f"{r.progress} %", sort_value=lambda r: r.progress,
           align_right=True, width=85),
    Column("Budget prévu", lambda r: r.budget_planned, money=True, width=110),
]
PLAN_BUTTONS = ("Nouveau plan", "Modifier", "Supprimer")
AXIS_BUTTONS = ("Nouvel axe", "Modifier", "Supprimer")
# Alt+letters: this screen shows some twenty commands at once, and the menus take F, D, A
# and E. Each letter is used once (tests/ui/test_mnemonics.py); there are not enough for
# all: the label « Plan », Dupliquer, the details' Modifier and Supprimer (Entrée and Suppr
# in their list) and the calendar's « Exporter en image… » go without one (Tab reaches them).
DETAIL_TABS = ("&Jalons", "F&inancements", "&Budget par année", "Journal de sui&vi",
               "Indicate&urs", "N&otes de priorisation")
VIEW_TABS = ("Fiches a&ctions", "&Priorisation", "Politi&ques publiques", "Bud&get")
# « Liste | Calendrier »: Alt+A for the calendar (the menu « Aller à » is Alt+À).
CALENDAR_VIEW, LIST_VIEW = "C&alendrier", "Lis&te"
ALL_AXES = "Toutes les actions"
PROGRESS_TIP = ("Avancement pondéré des actions de l'axe et de ses sous-axes : chaque action "
                "compte selon son poids (champ « Poids » de l'action) ; les actions "
                "abandonnées ou de poids 0 n'y entrent pas.")
NO_PROGRESS_TIP = ("Pas d'avancement : aucune action, ou seulement des actions abandonnées "
                   "ou de poids 0.")
VIEW_SETTING = "actions/view"  # "calendar" when the officer left the list for the calendar


def shows_calendar() -> bool:
    return QSettings().value(VIEW_SETTING) == "calendar"


def action_filters(pilots: Callable[[], Sequence[tuple[Any, str]]],
                   policies: Callable[[], Sequence[tuple[Any, str]]]) -> dict[str, Filter]:
    """Statut, Pilote (`pilots`: who pilots an action of the plan) and Politique."""
    return {
        "status": Filter("Statut", enum_choices(DisplayStatus)),
        "pilot_id": Filter("Pilote", pilots),
        "policy_id": Filter("Politique", policies, "Toutes"),
    }


def actions_list(fetch: Callable[[dict[str, Any]], Sequence[ActionRow]],
                 filters: dict[str, Filter],
                 reasons: Mapping[int, Sequence[str]] | None = None) -> ListPage[ActionRow]:
    return ListPage(
        "actions", action_columns(reasons), fetch, filters=filters,
        row_title=lambda r: f"{r.code} {r.title}",
        search_placeholder="Rechercher une action (code, intitulé, pilote…)",
    )


def button_row(texts: Sequence[str],
               slots: Sequence[Callable[[], object]] | None = None) -> QHBoxLayout:
    row = QHBoxLayout()
    for i, text in enumerate(texts):
        button = QPushButton(text)
        if slots is None:
            button.setEnabled(False)
        else:
            button.clicked.connect(lambda _checked=False, s=slots[i]: s())
        row.addWidget(button)
    return row


def monitoring_button() -> QPushButton:
    button = QPushButton("Tableau de suivi (E&xcel)…")
    button.setToolTip("Le classeur à apporter en COPIL : synthèse, actions, indicateurs, "
                      "mesures, jalons, décisions et suites du plan choisi (ou de tous "
                      "les plans, s'il y en a plusieurs).")
    return button


def sheet_button() -> QPushButton:
    button = QPushButton("Fiche action (&Word)…")
    button.setToolTip("Écrire la fiche de l'action sélectionnée en document Word, à envoyer "
                      "ou imprimer")
    return button


class WrappedTitles(QStyledItemDelegate):
    """An axis's title as high as it takes, wrapped at the width of the tree's column."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._tree.header().sectionSize(0) - depth * self._tree.indentation() - 8
        if width <= 40:
            return hint
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), bounds.height() + 6))


def plan_selector() -> tuple[QComboBox, QTreeWidget]:
    combo = QComboBox()
    combo.setAccessibleName("Plan")
    # The plan's whole title when the list is too narrow for it.
    combo.currentTextChanged.connect(combo.setToolTip)
    tree = QTreeWidget()
    # « % » (the tip says what it is): the axes' titles get the room « Avancement » took.
    tree.setHeaderLabels(["Axes", "%"])
    tree.headerItem().setToolTip(1, PROGRESS_TIP)
    tree.headerItem().setTextAlignment(1, Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    # Long titles go onto more lines rather than being cut; the tip gives them whole.
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setIndentation(14)
    tree.setItemDelegateForColumn(0, WrappedTitles(tree))
    header.sectionResized.connect(lambda *_: tree.doItemsLayout())
    tree.setAccessibleName("Axes du plan")
    return combo, tree


def left_panel(combo: QComboBox, tree: QTreeWidget, plan_buttons: QHBoxLayout,
               monitoring: QPushButton, axis_buttons: QHBoxLayout) -> QWidget:
    left = QWidget()
    layout = QVBoxLayout(left)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel("Plan")
    label.setBuddy(combo)
    layout.addWidget(label)
    layout.addWidget(combo)
    layout.addLayout(plan_buttons)
    layout.addWidget(monitoring)
    layout.addWidget(tree, 1)
    layout.addLayout(axis_buttons)
    return left


def fill_tree(tree: QTreeWidget, axes: Sequence[Any], selected: int | None,
              progress: "PlanRollup | None" = None) -> None:
    """Axes (parents first) under "Toutes les actions"; `selected` stays chosen if present.
    With `progress`, each axis and the plan show their weighted progress beside them."""
    tree.blockSignals(True)
    tree.clear()
    root = QTreeWidgetItem([ALL_AXES])
    tree.addTopLevelItem(root)
    if progress is not None:
        _show_progress(root, progress.plan)
    items: dict[int, QTreeWidgetItem] = {}
    for axis in axes:
        parent = items.get(axis.parent_id, root) if axis.parent_id else root
        text = f"{axis.code} {axis.title}".strip()
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, Qt.ItemDataRole.UserRole, axis.id)
        item.setToolTip(0, text)
        if progress is not None:
            _show_progress(item, progress.axis(axis.id))
        items[axis.id] = item
    tree.expandAll()
    tree.setCurrentItem(items.get(selected, root) if selected else root)
    tree.blockSignals(False)


def _show_progress(item: QTreeWidgetItem, rollup: "Rollup") -> None:
    from charte_desktop.services.progress_rollup import progress_text

    text = progress_text(rollup)
    item.setText(1, text)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(1, PROGRESS_TIP if rollup.percent is not None else NO_PROGRESS_TIP)


def tree_axis_id(tree: QTreeWidget) -> int | None:
    item = tree.currentItem()
    return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


def assemble(page: QWidget, left: QWidget, listing: QWidget, details: QTabWidget,
             views: QTabWidget, view_pages: Sequence[QWidget]) -> None:
    """Lay the panels out: the axes on the left, the views of the plan on the right, the
    first view being the list above the selected action's details."""
    right = QSplitter(Qt.Orientation.Vertical)
    right.addWidget(listing)
    right.addWidget(details)
    right.setStretchFactor(0, 3)
    right.setStretchFactor(1, 1)
    right.setSizes([3000, 1000])  # scaled to the space there is: the same in both screens
    views.setAccessibleName("Vues du plan")
    for text, widget in zip(VIEW_TABS, [right, *view_pages], strict=True):
        views.addTab(widget, text)
    splitter = QSplitter()
    splitter.addWidget(left)
    splitter.addWidget(views)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([300, 1000])
    layout = QVBoxLayout(page)
    layout.addWidget(splitter)
    page.setFocusProxy(listing)


class ActionsScreen(Protocol):
    plan_combo: QComboBox
    tree: QTreeWidget
    action_list: ListPage[ActionRow]


@dataclass(frozen=True)
class ListState:
    """What the officer chose on the list, carried from the stand-in to the screen."""

    plan_id: int | None
    axis_id: int | None
    search: str
    action_id: int | None
    scroll: int
    sort_column: int
    sort_order: Qt.SortOrder
    focus: str | None  # "search", "table", or None when the focus is elsewhere


def list_state(screen: ActionsScreen) -> ListState:
    listing = screen.action_list
    header = listing.table.horizontalHeader()
    # The window's focus widget: the one that has the focus, or will when it is active.
    focused = listing.window().focusWidget()
    focus = ("search" if focused is listing.search
             else "table" if focused is listing.table else None)
    return ListState(screen.plan_combo.currentData(), tree_axis_id(screen.tree),
                     listing.search.text(), listing.current_id(),
                     listing.table.verticalScrollBar().value(), header.sortIndicatorSection(),
                     header.sortIndicatorOrder(), focus)


def restore_list_state(screen: ActionsScreen, state: ListState) -> None:
    """Choose the same plan, axis, search, sort and row, scrolled to the same place."""
    index = screen.plan_combo.findData(state.plan_id)
    if index >= 0 and index != screen.plan_combo.currentIndex():
        screen.plan_combo.setCurrentIndex(index)
    if state.axis_id is not None:
        matches = [item for item in _tree_items(screen.tree)
                   if item.data(0, Qt.ItemDataRole.UserRole) == state.axis_id]
        if matches:
            screen.tree.setCurrentItem(matches[0])
    listing = screen.action_list
    listing.search.setText(state.search)
    if state.sort_column >= 0:
        listing.table.sortByColumn(state.sort_column, state.sort_order)
    if state.action_id is not None:
        listing.select_id(state.action_id)
    listing.table.verticalScrollBar().setValue(state.scroll)
    if state.focus is not None:
        (listing.search if state.focus == "search" else listing.table).setFocus()


def _tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items: list[QTreeWidgetItem] = []
    pending = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while pending:
        item = pending.pop()
        if item is not None:
            items.append(item)
            pending.extend(item.child(i) for i in range(item.childCount()))
    return items
