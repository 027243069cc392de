"""Plan d'actions: the plan's tree of axes beside its actions, and the selected action's
milestones, fundings and journal."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout

from charte_desktop import clock
from charte_desktop.db.enums import DisplayStatus
from charte_desktop.services import action_details as details
from charte_desktop.services import actions, budget, indicators, plans
from charte_desktop.services.late_reasons import late_reasons
from charte_desktop.services.progress_rollup import plan_rollup
from charte_desktop.ui import choices
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import EntityEditor
from charte_desktop.ui.file_exports import WORD_FILTER, save_document
from charte_desktop.ui.list_page import ListPage, list_with_keyboard
from charte_desktop.ui.pages import action_entities as entities
from charte_desktop.ui.pages import actions_frame as frame
from charte_desktop.ui.pages.actions_calendar import attach_calendar
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.budget_view import BudgetView
from charte_desktop.ui.pages.indicator_columns import INDICATOR_COLUMNS
from charte_desktop.ui.pages.plan_exports import (
    REPORT_KEY,
    export_monitoring_asked,
    export_report,
    report_button,
)
from charte_desktop.ui.pages.policy_matrix_view import PolicyMatrixView
from charte_desktop.ui.pages.priority_view import PriorityView
from charte_desktop.ui.pages.scores_panel import ScoresPanel
from charte_desktop.ui.table_model import Column


class ActionsPage(Page):
    title = "Plan d'actions"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        db = context.db

        # Plan selector and axes tree.
        self.plan_combo, self.tree = frame.plan_selector()
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.tree.currentItemChanged.connect(lambda *_: self.action_list.reload())
        # Entrée (or a double click) on an axis opens its form; on « Toutes les actions »,
        # nothing.
        self.tree.setExpandsOnDoubleClick(False)  # the tree is always unfolded
        self.tree.itemActivated.connect(lambda *_: self._edit_axis())
        self.plan_editor = EntityEditor(self, db, entities.plan_entity(db), context.undo_stack,
                                        self.refresh)
        self.axis_editor = EntityEditor(self, db, entities.axis_entity(db, self.plan_id),
                                        context.undo_stack, self.refresh)
        self.monitoring_button = frame.monitoring_button()
        self.monitoring_button.clicked.connect(  # this plan, or « Tous les plans »
            lambda: export_monitoring_asked(self, self.monitoring_button, db, self.plan_id()))
        left = frame.left_panel(
            self.plan_combo, self.tree,
            frame.button_row(frame.PLAN_BUTTONS,
                             (self._new_plan, self._edit_plan, self._delete_plan)),
            self.monitoring_button,
            frame.button_row(frame.AXIS_BUTTONS,
                             (self.axis_editor.create, self._edit_axis, self._delete_axis)))
        # « Bilan de l'année » under « Tableau de suivi », and Ctrl+Maj+B on this screen.
        self.report_button = report_button()
        self.report_button.clicked.connect(lambda _checked=False: self.export_report())
        left_layout = left.layout()
        assert isinstance(left_layout, QVBoxLayout)
        left_layout.insertWidget(left_layout.indexOf(self.monitoring_button) + 1,
                                 self.report_button)
        report_shortcut = QShortcut(QKeySequence(REPORT_KEY), self)
        report_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # while shown
        report_shortcut.activated.connect(self.export_report)

        # Actions list; the pointer on « En retard » reads why (one query, when first asked).
        self.late_reasons = frame.LateReasons()
        self.action_list: ListPage[actions.ActionRow] = frame.actions_list(
            self._fetch_actions,
            frame.action_filters(choices.pilots(db, self.plan_id), choices.policies(db)),
            self.late_reasons)
        self.action_entity = entities.action_entity(db, self.plan_id, self.axis_id)
        action_editor = EntityEditor(self, db, self.action_entity, context.undo_stack,
                                     self.refresh)
        action_editor.show = self.show_item  # Ctrl+Z shows its action, in whichever plan
        self.action_list.set_editor(action_editor, duplicable=True)
        # With no plan yet, "Nouveau" creates the plan first (see create_action).
        self.action_list.new_button.clicked.disconnect(self.action_list.create_new)
        self.action_list.new_button.clicked.connect(lambda _checked=False: self.create_action())
        self.action_list.selection_changed.connect(lambda _row: self._reload_details())
        self.action_list.scope = self._axis_words
        self.action_list.widen_scope = self._show_every_action
        self.sheet_button = frame.sheet_button()
        self.sheet_button.clicked.connect(lambda _checked=False: self.export_sheet())
        self.action_list.add_button(self.sheet_button)
        self.calendar = attach_calendar(self)  # "Liste | Calendrier", sharing the filters

        # Details of the selected action.
        self.milestones = self._detail_list(
            "milestones", entities.milestone_entity(db, self.current_action_id), [
                Column("Jalon", lambda m: m.title, width=300),
                Column("Échéance", lambda m: m.due_date, width=90),
                Column("Atteint", lambda m: m.done, width=70),
            ], lambda: details.list_milestones(db, self.current_action_id() or 0),
            after_save=self._detail_saved,  # the status ("En retard") and progress
        )
        self.fundings = self._detail_list(
            "fundings", entities.funding_entity(db, self.current_action_id), [
                Column("Financeur", lambda f: f.funder_name, width=250),
                Column("Montant", lambda f: f.amount, money=True, width=110),
                Column("État", lambda f: f.state, width=90),
            ], lambda: details.funding_rows(db, self.current_action_id() or 0),
            after_save=self._detail_saved,  # the row and the views, like the budget
        )
        self.notes = self._detail_list(
            "notes", entities.note_entity(db, self.current_action_id), [
                Column("Date", lambda n: n.note_date, width=90),
                Column("Texte", lambda n: " ".join(n.text.split()), width=500),
            ], lambda: details.list_notes(db, self.current_action_id() or 0),
        )
        self.budget_years = self._detail_list(
            "budget_years", entities.budget_year_entity(db, self.current_action_id), [
                Column("Année", lambda b: str(b.year), align_right=True, width=70),
                Column("Prévu", lambda b: b.planned, money=True, width=120),
                Column("Engagé", lambda b: b.committed, money=True, width=120),
                Column("Dépensé", lambda b: b.spent, money=True, width=120),
            ], lambda: budget.list_budget_years(db, self.current_action_id() or 0),
            after_save=self._detail_saved,
        )
        self.indicators = self._detail_list(
            "action_indicators", None, INDICATOR_COLUMNS,
            lambda: indicators.list_indicators(db, action_id=self.current_action_id() or 0),
        )
        self.indicators.on_activate = lambda row: context.open_item("indicators", row.id)
        self.scores = ScoresPanel(context, self.current_action_id, self.plan_id)
        self.details = QTabWidget()
        for text, tab in zip(frame.DETAIL_TABS, (
                self.milestones, self.fundings, self.budget_years, self.notes,
                self.indicators, self.scores), strict=True):
            self.details.addTab(tab, text)
        self._stale_tabs: set[int] = set()
        self.details.currentChanged.connect(self._reload_tab)

        # The plan seen as a list, or ranked, or against the public policies, or its budget.
        self.priority_view = PriorityView(context, self.plan_id)
        self.policy_view = PolicyMatrixView(context, self.plan_id)
        self.budget_view = BudgetView(context, self.plan_id)
        self.views = QTabWidget()
        frame.assemble(self, left, self.action_list, self.details, self.views,
                       (self.priority_view, self.policy_view, self.budget_view))
        self._stale_views: set[int] = set()
        self.views.currentChanged.connect(self._reload_view)

    # --- helpers ---------------------------------------------------------------------------
    def _detail_list(self, key: str, entity: Any, columns: list[Column[Any]],
                     fetch: Any, after_save: Any = None) -> ListPage[Any]:
        page: ListPage[Any] = ListPage(key, columns, lambda _filters: fetch())
        page.search.hide()
        # Under the actions list, whose Nouveau / Modifier / Supprimer keep N, M, S: Ajouter
        # takes R; Modifier and Supprimer are Entrée and Suppr in the list.
        page.new_button.setText("Ajoute&r")
        page.edit_button.setText("Modifier")
        page.delete_button.setText("Supprimer")
        if entity is not None:
            editor = EntityEditor(self, self.context.db, entity, self.context.undo_stack,
                                  after_save or self._reload_details)
            editor.context = self.current_action_id  # Ctrl+Z shows the action's row first
            page.set_editor(editor)
        return page

    def plan_id(self) -> int | None:
        return self.plan_combo.currentData()

    def axis_id(self) -> int | None:
        return frame.tree_axis_id(self.tree)

    def current_action_id(self) -> int | None:
        return self.action_list.current_id()

    def _show_every_action(self) -> None:
        """« Toutes les actions », the tree's first item."""
        every = self.tree.topLevelItem(0)
        if every is not None:
            self.tree.setCurrentItem(every)

    def _axis_words(self) -> tuple[str, bool] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, Qt.ItemDataRole.UserRole) is None:
            return None  # "Toutes les actions"
        return f"l'axe « {item.text(0)} »", False

    def _fetch_actions(self, filters: dict[str, Any]) -> list[actions.ActionRow]:
        self.late_reasons.reset(None)
        if self.plan_id() is None:
            return []
        db, today = self.context.db, clock.today()
        rows = actions.list_actions(db, actions.ActionFilter(
            plan_id=self.plan_id(), axis_id=self.axis_id(), **filters), today=today)
        late = [row.id for row in rows if row.status is DisplayStatus.LATE]
        if late:
            self.late_reasons.reset(lambda: late_reasons(db, late, today))
        return rows

    # --- refresh -----------------------------------------------------------------------------
    def refresh(self) -> None:
        # The plan worked on, unless another part of the window named one (a plan imported).
        current = self.context.plan_id or self.plan_id()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for row in plans.list_plans(self.context.db):
            self.plan_combo.addItem(row.title, row.id)
        index = self.plan_combo.findData(current)
        self.plan_combo.setCurrentIndex(max(index, 0))
        self.plan_combo.blockSignals(False)
        self.context.plan_id = self.plan_id()  # the plan worked on, for other screens
        for filter_ in self.action_list.filters.values():
            filter_.reload_choices()
        self._reload_tree()
        self.action_list.reload()
        self._reload_details()
        self._views_changed()

    def _plan_changed(self) -> None:
        self.context.plan_id = self.plan_id()
        self.action_list.filters["pilot_id"].reload_choices()  # the pilots of this plan
        self._reload_tree()
        self.action_list.reload()
        self._reload_details()
        self._views_changed()

    def _views_changed(self) -> None:
        """Reload the visible view now, the others when shown (the ranking reads the plan)."""
        self._stale_views = set(range(1, self.views.count()))
        self._reload_view(self.views.currentIndex())

    def _reload_view(self, index: int) -> None:
        if index not in self._stale_views:
            return
        self._stale_views.discard(index)
        view = self.views.widget(index)
        if isinstance(view, (PriorityView, PolicyMatrixView, BudgetView)):
            view.reload()

    def _reload_tree(self) -> None:
        plan_id, db = self.plan_id(), self.context.db
        frame.fill_tree(self.tree, plans.list_axes(db, plan_id) if plan_id else [],
                        self.axis_id(), plan_rollup(db, plan_id) if plan_id else None)

    def _reload_details(self) -> None:
        """Reload the visible tab now; the others when they are shown (each is a query,
        and the ranking behind Priorisation reads the whole plan)."""
        has_action = self.current_action_id() is not None
        self.details.setEnabled(has_action)
        self._stale_tabs = set(range(self.details.count()))
        self._reload_tab(self.details.currentIndex())

    def _reload_tab(self, index: int) -> None:
        if index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        tab = self.details.widget(index)
        if isinstance(tab, (ListPage, ScoresPanel)):
            tab.reload()

    def _detail_saved(self) -> None:
        """A detail changed the action's status, progress or totals: its row and the views
        show them at once, the action staying selected (or the status line says which
        filter now hides it)."""
        row = self.action_list.current_row()
        self._reload_tree()  # the axes' weighted progress
        self.action_list.reload()
        if row is not None:
            self.action_list.tell_if_hidden(row.id, f"{row.code} {row.title}")
        self._reload_details()
        self._views_changed()

    # --- plan and axis buttons -----------------------------------------------------------
    def _new_plan(self) -> None:
        created = self.plan_editor.create()
        if created is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(created.id))

    def _edit_plan(self) -> None:
        if self.plan_id() is not None:
            self.plan_editor.edit(self.plan_id() or 0)

    def _delete_plan(self) -> None:
        if self.plan_id() is not None:
            self.plan_editor.delete(self.plan_id() or 0)

    def _edit_axis(self) -> None:
        if self.axis_id() is not None:
            self.axis_editor.edit(self.axis_id() or 0)

    def _delete_axis(self) -> None:
        if self.axis_id() is not None:
            self.axis_editor.delete(self.axis_id() or 0)

    # --- fiche action ---------------------------------------------------------------------
    def export_sheet(self) -> Path | None:
        """The selected action's fiche in Word, then "open it / its folder"."""
        from charte_desktop.exports.action_sheet import export_action_sheet, suggested_file_name

        action_id = self.current_action_id()
        if action_id is None:
            return None
        db = self.context.db
        return save_document(
            self, lambda: suggested_file_name(db, action_id),
            lambda target: export_action_sheet(db, action_id, target),
            title="Enregistrer la fiche action", file_filter=WORD_FILTER,
            failure="Fiche non écrite")

    def export_report(self) -> Path | None:
        """« Bilan de l'année » of the plan shown (or of every plan): year, file, writing."""
        return export_report(self, self.context.db, self.plan_id())

    # --- Page interface --------------------------------------------------------------------
    def focus_search(self) -> None:
        self.action_list.search.setFocus()
        self.action_list.search.selectAll()

    def create_item(self) -> None:
        """Ctrl+N: an axis from the tree; a milestone, a funding… from its list below (its
        table, its buttons or its tab); otherwise an action."""
        if self.window().focusWidget() is self.tree:
            self.axis_editor.create()
            return
        listing = list_with_keyboard([self.milestones, self.fundings, self.budget_years,
                                      self.notes, self.indicators], self.action_list)
        if listing is self.action_list:
            self.create_action()
        else:
            listing.create_new()

    def focus_list(self) -> None:
        if self.views.currentIndex() == 0:
            self.action_list.focus_table()
        else:  # Priorisation, Politiques publiques, Budget
            self.views.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def create_action(self) -> None:
        """A new action; with no plan yet, the plan first (an action without a plan could
        not be saved), then the action in it."""
        if self.plan_id() is None:
            QMessageBox.information(self, "Nouvelle action",
                                    "Créez d'abord le plan d'actions : la nouvelle action y "
                                    "sera rangée.")
            self._new_plan()
            if self.plan_id() is None:
                return
        self.action_list.create_new()

    def settle_unsaved(self) -> bool:
        """Before the window goes: the priorisation scores typed are saved (always valid)."""
        self.scores.save()
        return True

    def show_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        plan_id = actions.get_action(self.context.db, item_id).plan_id
        if plan_id != self.plan_id():
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        if not self.action_list.select_id(item_id):
            # Show every action of the action's plan, then select it.
            self._show_every_action()
            for filter_ in self.action_list.filters.values():
                filter_.set_value(None)
            self.action_list.search.clear()
            self.action_list.select_id(item_id)
        self.action_list.table.setFocus()
