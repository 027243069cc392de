"""Tableau de bord: what needs the officer's attention today, at a glance.

Late actions (and why), next meetings, follow-ups due, indicators off their trajectory and
the budget consumed; each line opens what it is about (double click or Entrée). A « Plan »
choice shows one plan or all: with several, each late action names its plan and the budget
is given plan by plan.
"""

from collections.abc import Sequence

from PySide6.QtCore import QDate, QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charte_desktop import clock
from charte_desktop.db.enums import DisplayStatus, MeetingState
from charte_desktop.formatting import format_date, format_hour
from charte_desktop.services import actions, calls, indicators, meeting_outcomes, meetings, plans
from charte_desktop.services.dashboard import PlanScope, budgets_by_plan, plan_scope
from charte_desktop.services.late_reasons import late_reasons, why_late_text
from charte_desktop.ui.colours import LATE
from charte_desktop.ui.context import AppContext
from charte_desktop.ui.entity import shorten
from charte_desktop.ui.i18n import FRENCH
from charte_desktop.ui.pages.base import Page
from charte_desktop.ui.pages.dashboard_parts import (
    MAX_CARD_ROWS,
    BudgetCard,
    DashboardCard,
    PlanChooser,
    call_text,
    days_left_text,
    quantity,
    short_title,
)
from charte_desktop.ui.table_model import Column
from charte_desktop.ui.undo import EditCommand, Spot

__all__ = ["MAX_CARD_ROWS", "DashboardCard", "DashboardPage"]

FOLLOW_UP_DAYS = 14
CALL_DAYS = 30
PLAN_SETTING = "dashboard/plan"  # the plan chosen last time; "" for all plans
ALL_PLANS = "Tous les plans"
NEXT_MEETINGS = 10
# Each card's caption, for every plan or for the plan chosen (see services.dashboard).
CAPTIONS = {
    "meetings": ("Réunions prévues à partir d'aujourd'hui",
                 "Instances du plan et instances communes, à partir d'aujourd'hui"),
    "indicators": ("En deçà de la trajectoire qui mène à leur cible",
                   "Du plan ou de ses actions, en deçà de leur trajectoire"),
    "calls": ("Pré-dépôts, dépôts et décisions attendues",
              "Appels liés aux actions du plan ou à aucune action"),
}
MUTED = "#5f6b7a"
PAGE_STYLE = f"""
DashboardPage, QWidget#dashboardBody {{ background: #f3f5f8; }}
QFrame#card {{ background: white; border: 1px solid #d8dde4; border-radius: 8px; }}
QFrame#card QTableView {{ border: none; }}
QLabel#cardHeading {{ font-size: 15px; font-weight: 600; color: #1d2733; }}
QLabel#caption, QLabel#emptyText {{ color: {MUTED}; }}
QLabel#figureCaption {{ color: {MUTED}; font-size: 12px; }}
QLabel#figure {{ font-size: 20px; font-weight: 600; color: #1d2733; }}
QLabel#territory {{ font-size: 24px; font-weight: 600; color: #1d2733; }}
"""


class DashboardPage(Page):
    title = "Tableau de bord"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setStyleSheet(PAGE_STYLE)

        self.territory = QLabel()
        self.territory.setObjectName("territory")
        self.territory.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.territory.setWordWrap(True)  # a long name wraps rather than widen the page
        self.subtitle = QLabel()
        self.subtitle.setObjectName("caption")
        self.subtitle.setWordWrap(True)  # a long plan title wraps rather than widen the page

        # The plan shown: one, or all of them (remembered from one session to the next).
        self.plan_combo = PlanChooser()
        self.plan_combo.currentIndexChanged.connect(self._plan_chosen)
        self.plan_label = QLabel("&Plan")
        self.plan_label.setBuddy(self.plan_combo)
        self._plan_titles: dict[int, str] = {}
        self._several_plans = False
        self._why_late: dict[int, list[str]] = {}

        self.late_actions: DashboardCard[actions.ActionRow] = DashboardCard(
            "Actions en retard",
            [
                Column("Code", self._code_text, tooltip=self._late_tip),
                Column("Intitulé", lambda r: r.title, tooltip=self._late_tip),
                Column("Pilote", lambda r: r.pilot_name or "—", tooltip=self._late_tip),
                Column("Motif du retard", self._why_text, tooltip=self._late_tip),
            ],
            stretch=[1, 3],
            empty_text="Aucune action en retard.",
            caption="Échéance dépassée ou jalon non atteint à temps",
            on_activate=lambda r: self.context.open_item("actions", r.id),
        )
        self.next_meetings: DashboardCard[meetings.MeetingRow] = DashboardCard(
            "Prochaines réunions",
            [
                Column("Date", lambda r: r.date),
                Column("Heure", self._meeting_time),
                Column("Instance", lambda r: r.body),
                Column("Lieu", lambda r: r.place or "—"),
            ],
            stretch=[2, 3],
            empty_text="Aucune réunion prévue.",
            caption=CAPTIONS["meetings"][0],
            on_activate=lambda r: self.context.open_item("meetings", r.id),
        )
        self.follow_ups: DashboardCard[meeting_outcomes.FollowUpRow] = DashboardCard(
            "Suites à donner",
            [
                Column("Échéance", self._due_text, colour=self._due_colour),
                Column("Suite à donner", lambda r: " ".join(r.text.split())),
                Column("Responsable", lambda r: r.owner_name or "—"),
                Column("Réunion", lambda r: f"{format_date(r.meeting_date)} — {r.body}"),
            ],
            stretch=[1, 3],
            empty_text=f"Aucune suite à donner dans les {FOLLOW_UP_DAYS} prochains jours.",
            caption=f"En retard ou à faire dans les {FOLLOW_UP_DAYS} prochains jours",
            on_activate=lambda r: self.context.open_item("meetings", r.meeting_id),
        )
        self.done_button = QPushButton("&Marquer comme fait")
        self.done_button.setToolTip("La suite sélectionnée est faite (Ctrl+Z pour annuler)")
        self.done_button.clicked.connect(self.mark_follow_up_done)
        self.follow_ups.heading_row.addWidget(self.done_button)
        self.follow_ups.table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_done_button()
        )
        self.indicators: DashboardCard[indicators.IndicatorRow] = DashboardCard(
            "Indicateurs hors trajectoire",
            [
                Column("Indicateur", lambda r: r.name),
                Column("Dernière valeur", self._latest_text),
                Column("Cible", self._target_text),
            ],
            stretch=[0],
            empty_text="Aucun indicateur hors trajectoire.",
            caption=CAPTIONS["indicators"][0],
            on_activate=lambda r: self.context.open_item("indicators", r.id),
        )
        self.budget = BudgetCard()
        self.budget.plans_table.activated.connect(self._open_plan_budget)
        self.call_deadlines: DashboardCard[calls.Deadline] = DashboardCard(
            f"Échéances des appels à projets ({CALL_DAYS} jours)",
            [Column("Date", lambda r: r.day), Column("Jours restants", days_left_text),
             Column("Échéance", lambda r: r.kind), Column("Appel à projets", call_text)],
            stretch=[3], empty_text=f"Aucune échéance d'appel à projets dans les {CALL_DAYS} "
            "prochains jours.", caption=CAPTIONS["calls"][0],
            on_activate=lambda r: self.context.open_item("calls", r.call_id),
        )

        # Follow-ups carry the longest texts: they get the whole width.
        self.grid = grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(self.late_actions, 0, 0)
        grid.addWidget(self.next_meetings, 0, 1)
        grid.addWidget(self.follow_ups, 1, 0, 1, 2)
        grid.addWidget(self.indicators, 2, 0)
        grid.addWidget(self.budget, 2, 1)
        grid.addWidget(self.call_deadlines, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # Cards take the height of their rows; what is left stays below them.
        grid.setRowStretch(4, 1)

        self.body = body = QWidget()
        body.setObjectName("dashboardBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(4)
        layout.addWidget(self.territory)
        # The plan's choice on the left, under the name: in sight however wide the cards.
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.plan_label)
        top.addWidget(self.plan_combo)
        top.addSpacing(8)
        top.addWidget(self.subtitle, 1)
        layout.addLayout(top)
        layout.addSpacing(10)
        layout.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setFocusProxy(self.late_actions.table)
        self._today = clock.today()

    # --- layout ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._settle_layout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._settle_layout()

    def _settle_layout(self) -> None:
        """Wrapped rows change a card's height, which may change its columns' widths: lay
        the cards out until they agree, now, rather than over the next few frames."""
        layout = self.body.layout()
        if layout is None:
            return
        for _ in range(3):
            layout.invalidate()
            layout.activate()

    # --- cells ---------------------------------------------------------------------------
    def _code_text(self, row: actions.ActionRow) -> str:
        """« Charte pour une… — 1.2 » when several plans are shown: codes repeat."""
        if not self._several_plans:
            return row.code
        return f"{short_title(self._plan_titles.get(row.plan_id, ''))} — {row.code}"

    def _why_text(self, row: actions.ActionRow) -> str:
        """The first reason (a card is a glance); the others are counted, and the pointer
        resting on the line reads them all."""
        reasons = self._why_late.get(row.id, [])
        if not reasons:
            return format_date(row.end_date)
        more = len(reasons) - 1
        return reasons[0] + (f" (et {more} autre{'s' if more > 1 else ''})" if more else "")

    def _late_tip(self, row: actions.ActionRow) -> str:
        plan = self._plan_titles.get(row.plan_id, "")
        return f"{row.code} {row.title} — {plan}\n{why_late_text(self._why_late.get(row.id, ()))}"

    @staticmethod
    def _meeting_time(row: meetings.MeetingRow) -> str:
        if row.start_time is None:
            return "—"
        if row.end_time is None:
            return format_hour(row.start_time)
        return f"{format_hour(row.start_time)} – {format_hour(row.end_time)}"

    def _due_text(self, row: meeting_outcomes.FollowUpRow) -> str:
        text = format_date(row.due_date)
        return f"{text} · en retard" if row.due_date and row.due_date < self._today else text

    def _due_colour(self, row: meeting_outcomes.FollowUpRow) -> QColor | None:
        return LATE if row.due_date and row.due_date < self._today else None

    @staticmethod
    def _latest_text(row: indicators.IndicatorRow) -> str:
        value = quantity(row.latest_value, row.unit)
        return f"{value}\nau {format_date(row.latest_date)}" if row.latest_date else value

    @staticmethod
    def _target_text(row: indicators.IndicatorRow) -> str:
        value = quantity(row.target_value, row.unit)
        return f"{value}\nd'ici le {format_date(row.target_date)}" if row.target_date else value

    # --- Page interface --------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.context.db
        self._today = clock.today()
        territory = plans.get_territory(db)
        self.territory.setText(territory.name if territory else "Collectivité à renseigner")
        today = self._today
        day = FRENCH.toString(QDate(today.year, today.month, today.day), "dddd d MMMM yyyy")
        plan_rows = plans.list_plans(db)
        plan_id = self._fill_plans(plan_rows)
        self._plan_titles = {row.id: row.title for row in plan_rows}
        self._several_plans = plan_id is None and len(plan_rows) > 1
        plan_text = (self._plan_titles[plan_id] if plan_id is not None
                     else plan_rows[0].title if len(plan_rows) == 1
                     else f"{len(plan_rows)} plans" if plan_rows else "aucun plan")
        self.subtitle.setText(f"Situation au {day} · {plan_text} · "
                              "double-cliquez sur une ligne (ou Entrée) pour l'ouvrir")
        late = actions.list_actions(db, actions.ActionFilter(
            plan_id=plan_id, status=DisplayStatus.LATE), today=today)
        # Why, for the lines shown only: one query.
        self._why_late = late_reasons(db, [row.id for row in late[:MAX_CARD_ROWS]], today)
        self.late_actions.set_rows(late)
        # The plan chosen filters every card (what concerns it: services.dashboard).
        scope = plan_scope(db, plan_id) if plan_id is not None else None
        self.next_meetings.set_rows(self._next_meetings(scope))
        due = meeting_outcomes.follow_ups_due(db, today=today, within_days=FOLLOW_UP_DAYS)
        self.follow_ups.set_rows(due if scope is None else
                                 [row for row in due if row.id in scope.follow_up_ids])
        off_track = indicators.off_track_indicators(db)
        self.indicators.set_rows(off_track if scope is None else
                                 [row for row in off_track if row.id in scope.indicator_ids])
        self.budget.set_budgets(budgets_by_plan(db, plan_id))
        deadlines = calls.upcoming_deadlines(db, today, CALL_DAYS)
        self.call_deadlines.set_rows(deadlines if scope is None else
                                     [row for row in deadlines if row.call_id in scope.call_ids])
        for key, card in (("meetings", self.next_meetings), ("indicators", self.indicators),
                          ("calls", self.call_deadlines)):
            card.caption.setText(CAPTIONS[key][scope is not None])
        self._update_done_button()

    def _next_meetings(self, scope: PlanScope | None) -> list[meetings.MeetingRow]:
        db = self.context.db
        if scope is None:
            return meetings.next_meetings(db, today=self._today, limit=NEXT_MEETINGS)
        planned = meetings.list_meetings(db, meetings.MeetingFilter(
            date_from=self._today, state=MeetingState.PLANNED))
        return [row for row in planned if row.body_id in scope.body_ids][:NEXT_MEETINGS]

    # --- the plan shown --------------------------------------------------------------------
    def _fill_plans(self, plan_rows: Sequence[plans.PlanRow]) -> int | None:
        """« Tous les plans » then each plan; the one chosen last time stays chosen (all
        plans if it is gone). Returns the plan shown (None: all)."""
        saved = str(QSettings().value(PLAN_SETTING, ""))
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self.plan_combo.add_plan(ALL_PLANS, None)
        for row in plan_rows:
            self.plan_combo.add_plan(row.title, row.id)
        index = self.plan_combo.findData(int(saved)) if saved.isdigit() else -1
        self.plan_combo.setCurrentIndex(max(index, 0))
        self.plan_combo.blockSignals(False)
        self.plan_combo.setToolTip(self.plan_combo.currentText())
        return self.plan_id()

    def plan_id(self) -> int | None:
        value = self.plan_combo.currentData()
        return value if isinstance(value, int) else None

    def _plan_chosen(self) -> None:
        plan_id = self.plan_id()
        QSettings().setValue(PLAN_SETTING, "" if plan_id is None else str(plan_id))
        self.refresh()

    def _open_plan_budget(self, index: QModelIndex) -> None:
        """Entrée on a plan's budget line shows that plan on the dashboard."""
        if index.isValid():
            row = self.budget.per_plan.row_at(index.row())
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(row.plan_id))

    def show_item(self, item_id: int | None) -> None:
        """The dashboard has no item of its own; it shows itself refreshed."""
        self.refresh()

    # --- follow-ups ------------------------------------------------------------------------
    def _update_done_button(self) -> None:
        self.done_button.setEnabled(self.follow_ups.current_row() is not None
                                    and self.follow_ups.table.selectionModel().hasSelection())

    def mark_follow_up_done(self) -> None:
        """Tick the selected follow-up done (one undoable step) and move to the next one."""
        row = self.follow_ups.current_row()
        if row is None:
            return
        position = self.follow_ups.table.currentIndex().row()
        db = self.context.db
        meeting_outcomes.set_follow_up_done(db, row.id, True)
        command = EditCommand(
            f"Marquer comme fait : {row.text[:40]}",
            lambda item_id, done: meeting_outcomes.set_follow_up_done(db, item_id, done),
            row.id, False, True, self.refresh,
        )
        command.spot = Spot(f"suite marquée comme faite « {shorten(row.text)} »", self)
        self.context.undo_stack.push(command)
        self.refresh()
        self.follow_ups.select_row(min(position, self.follow_ups.model.rowCount() - 1))
        self._update_done_button()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                f"Suite marquée comme faite : {row.text} (Ctrl+Z pour annuler)", 8000)
