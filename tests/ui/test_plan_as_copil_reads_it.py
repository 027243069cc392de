"""The plan as the COPIL reads it (issue 18), from the keyboard: why an action is late
wherever « En retard » shows, the dashboard per plan, the pilots in the Pilote filter, and
a calendar as tall as the list it replaces."""

from datetime import timedelta
from decimal import Decimal
from html import escape

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import ActionStatus, DisplayStatus
from charte_desktop.formatting import format_money
from charte_desktop.services.actions import ActionFields, ActionFilter, create_action, list_actions
from charte_desktop.services.dashboard import budgets_by_plan
from charte_desktop.services.directory import ContactFields, create_contact
from charte_desktop.services.late_reasons import late_reasons
from charte_desktop.services.plans import PlanFields, create_plan, list_plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.dashboard import DashboardPage
from tests.query_counter import count_selects
from tests.ui.keyboard import focused, key, press_alt, reach
from tests.ui.test_timeline import bar_centre

STATUS_COLUMN = 2
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def show(qtbot: QtBot, db: Database, screen: str) -> tuple[MainWindow, object]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window, window.show_screen(screen)


def second_plan(db: Database) -> tuple[int, int, int]:
    """« Plan vélo », with one late action « 1.2 » (a code the demo's plan has too), piloted
    by someone who pilots nothing else; and a contact who pilots nothing at all."""
    plan = create_plan(db, PlanFields(title="Plan vélo 2026-2030")).id
    cyclist = create_contact(db, ContactFields(first_name="Zoé", last_name="Vélocité")).id
    create_contact(db, ContactFields(first_name="Aimé", last_name="Sanspilotage"))
    action = create_action(db, ActionFields(
        plan_id=plan, code="1.2", title="Jalonner les itinéraires cyclables",
        status=ActionStatus.IN_PROGRESS, pilot_id=cyclist, budget_planned="12000",
        end_date=clock.today() - timedelta(days=10))).id
    return plan, action, cyclist


# --- Why late ----------------------------------------------------------------------------


def test_the_late_status_says_why_when_the_pointer_rests_on_it(
        qtbot: QtBot, demo_db: Database) -> None:
    _, page = show(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    model = page.action_list.model
    rows = model.rows()
    late = [i for i, row in enumerate(rows) if row.status is DisplayStatus.LATE]
    with count_selects(demo_db) as selects:  # read when first asked, once for all rows
        tips = {i: model.index(i, STATUS_COLUMN).data(TOOLTIP) for i in late}
    assert len(selects) == 1
    reasons = late_reasons(demo_db, [rows[i].id for i in late])
    assert late and all(reasons[rows[i].id] for i in late)
    for i, tip in tips.items():
        assert tip == "\n".join(["En retard", *reasons[rows[i].id]])
        assert tip.split("\n")[1].startswith(("Échéance dépassée le ", "Jalon « "))
    on_time = next(i for i, row in enumerate(rows) if row.status is DisplayStatus.IN_PROGRESS)
    assert model.index(on_time, STATUS_COLUMN).data(TOOLTIP) == "En cours"


def test_a_late_bar_of_the_calendar_says_why(qtbot: QtBot, demo_db: Database) -> None:
    window, page = show(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    page.action_list.focus_table()
    press_alt(window, Qt.Key.Key_A)  # « C&alendrier »
    assert page.action_list.views.currentWidget() is page.calendar
    late = next(row for row in list_actions(demo_db) if row.status is DisplayStatus.LATE)
    text = page.calendar.view.tooltip_at(bar_centre(qtbot, page.calendar.view, late.id))
    reasons = late_reasons(demo_db, [late.id])[late.id]
    assert reasons and all(f"<br>{escape(reason)}<br>" in text for reason in reasons)


def test_the_calendar_takes_the_room_of_the_list(qtbot: QtBot, demo_db: Database) -> None:
    """On the 1366 × 768 laptop: the list's height at least, rather than a strip."""
    window, page = show(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    listing = page.action_list
    list_height, details_height = listing.table.height(), page.details.height()
    assert details_height > 100
    listing.focus_table()
    press_alt(window, Qt.Key.Key_A)  # « C&alendrier »
    qtbot.waitUntil(lambda: page.details.height() == 0)
    assert page.calendar.view.height() >= list_height, (page.calendar.view.height(),
                                                         list_height)
    press_alt(window, Qt.Key.Key_T)  # « Lis&te »: the details come back as they were
    assert listing.views.currentWidget() is listing.table
    assert (listing.table.height(), page.details.height()) == (list_height, details_height)


# --- The Pilote filter -------------------------------------------------------------------


def test_the_pilote_filter_lists_the_plans_pilots(qtbot: QtBot, demo_db: Database) -> None:
    _, cycling_action, cyclist = second_plan(demo_db)
    _window, page = show(qtbot, demo_db, "actions")
    assert isinstance(page, ActionsPage)
    pilot = page.action_list.filters["pilot_id"]
    first_plan = page.plan_id()
    reach(pilot.combo)  # Tab fills the choices
    offered = [pilot.combo.itemText(i) for i in range(1, pilot.combo.count())]
    names = {row.pilot_name for row in list_actions(demo_db, ActionFilter(plan_id=first_plan))
             if row.pilot_name}
    assert len(offered) == len(names)
    assert {text.split(" (")[0] for text in offered} == names
    assert not any("Sanspilotage" in text or "Vélocité" in text for text in offered)

    key(Qt.Key.Key_Down)  # the first pilot: the list shows their actions only
    chosen = pilot.value()
    assert {row.pilot_id for row in page.action_list.visible_rows()} == {chosen}

    reach(page.plan_combo)  # the other plan: its pilots only
    while page.plan_id() == first_plan:
        key(Qt.Key.Key_Down if page.plan_combo.currentIndex() == 0 else Qt.Key.Key_Up)
    reach(pilot.combo)
    assert [pilot.combo.itemText(i) for i in range(pilot.combo.count())] == [
        "Tous", "Zoé Vélocité"]
    key(Qt.Key.Key_Down)
    assert pilot.value() == cyclist
    assert [row.id for row in page.action_list.visible_rows()] == [cycling_action]


# --- The dashboard per plan --------------------------------------------------------------


def test_the_dashboard_shows_all_plans_apart_or_one_chosen_with_keys(
        qtbot: QtBot, demo_db: Database) -> None:
    cycling, cycling_action, _ = second_plan(demo_db)
    window, page = show(qtbot, demo_db, "dashboard")
    assert isinstance(page, DashboardPage)
    assert page.plan_combo.currentText() == "Tous les plans"

    # All plans: each late line names its plan; each plan has its budget line, no sum.
    codes = [page.late_actions.model.index(i, 0).data()
             for i in range(page.late_actions.model.rowCount())]
    assert all(" — " in code for code in codes)
    titles = {row.id: row.title for row in list_plans(demo_db)}
    assert {code.split(" — ")[0] for code in codes} <= {
        title if len(title) <= 24 else title[:23].rsplit(" ", 1)[0] + "…"
        for title in titles.values()}
    budgets = budgets_by_plan(demo_db)
    assert page.budget.plans_table.isVisible() and not page.budget.single.isVisible()
    assert [row.plan_id for row in page.budget.per_plan.rows()] == [b.plan_id for b in budgets]
    assert [page.budget.per_plan.index(i, 1).data() for i in range(len(budgets))] == [
        format_money(b.totals.planned) for b in budgets]
    assert format_money(Decimal("12000")) in [
        page.budget.per_plan.index(i, 1).data() for i in range(len(budgets))]

    # Alt+P, then the arrow: « Plan vélo » alone, codes without their plan.
    press_alt(window, Qt.Key.Key_P)
    assert focused() is page.plan_combo
    while page.plan_id() != cycling:
        key(Qt.Key.Key_Down)
    assert [row.id for row in page.late_actions.rows()] == [cycling_action]
    assert page.late_actions.model.index(0, 0).data() == "1.2"
    assert page.late_actions.model.index(0, 3).data() == (
        f"Échéance dépassée le {clock.today() - timedelta(days=10):%d/%m/%Y}")
    assert page.budget.single.isVisible() and not page.budget.plans_table.isVisible()
    assert page.budget.planned[0].text() == format_money(Decimal("12000"))
    assert "Plan vélo 2026-2030" in page.subtitle.text()

    # Remembered: the next window opens on the same plan.
    assert QSettings().value("dashboard/plan") == str(cycling)
    _, again = show(qtbot, demo_db, "dashboard")
    assert isinstance(again, DashboardPage) and again.plan_id() == cycling
