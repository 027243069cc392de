"""Tableau de bord (issue 18): the plan chosen filters every card, a long plan title is
readable, and the page fits the 1366 × 768 laptop without scrolling sideways."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from charte_desktop.db import Database
from charte_desktop.db.enums import BodyKind
from charte_desktop.services import actions, bodies, meeting_outcomes, meetings, plans
from charte_desktop.ui.main_window import MainWindow
from charte_desktop.ui.pages.dashboard import DashboardPage
from tests.fixed_day import TEST_DAY
from tests.ui.keyboard import key, press_alt

LONG_TITLE = ("Plan climat-air-énergie territorial du Val d'Aubrance, volet mobilité et "
              "qualité de l'air 2026-2032")


def second_plan(db: Database) -> dict[str, int]:
    """A plan with its own action, groupe projet, meeting and follow-up."""
    plan = plans.create_plan(db, plans.PlanFields(LONG_TITLE))
    action = actions.create_action(db, actions.ActionFields(
        plan_id=plan.id, code="PC-1", title="Rénover les écoles"))
    group = bodies.create_body(db, bodies.BodyFields(
        BodyKind.PROJECT_GROUP, "Groupe projet « Écoles »", action_id=action.id))
    meeting = meetings.create_meeting(db, meetings.MeetingFields(
        group.id, TEST_DAY + timedelta(days=5)), invite_members=False)
    follow_up = meeting_outcomes.create_follow_up(db, meeting_outcomes.FollowUpFields(
        meeting.id, "Chiffrer la rénovation", due_date=TEST_DAY + timedelta(days=3)))
    return {"plan": plan.id, "meeting": meeting.id, "follow_up": follow_up.id}


def open_dashboard(qtbot: QtBot, db: Database) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(db, screen="dashboard")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    return window, page


def choose_plan(window: MainWindow, page: DashboardPage, plan_id: int | None) -> None:
    """Alt+P, then the arrows down the list of plans (« Tous les plans » first)."""
    press_alt(window, Qt.Key.Key_P)
    assert QApplication.focusWidget() is page.plan_combo
    key(Qt.Key.Key_Home)
    for _ in range(page.plan_combo.findData(plan_id)):
        key(Qt.Key.Key_Down)
    assert page.plan_id() == plan_id


def test_the_plan_chosen_filters_meetings_follow_ups_and_indicators(
        qtbot: QtBot, demo_db: Database) -> None:
    ids = second_plan(demo_db)
    charter = next(p.id for p in plans.list_plans(demo_db) if p.id != ids["plan"])
    window, page = open_dashboard(qtbot, demo_db)
    every = {"meetings": {r.id for r in page.next_meetings.rows()},
             "follow_ups": {r.id for r in page.follow_ups.rows()},
             "indicators": {r.id for r in page.indicators.rows()}}
    assert ids["meeting"] in every["meetings"] and ids["follow_up"] in every["follow_ups"]
    assert every["indicators"]

    choose_plan(window, page, ids["plan"])
    assert {r.id for r in page.next_meetings.rows()} == {ids["meeting"]}
    assert {r.id for r in page.follow_ups.rows()} == {ids["follow_up"]}
    assert page.indicators.rows() == []  # the demo's indicators are the charter's
    assert page.next_meetings.caption.text().startswith("Instances du plan")

    choose_plan(window, page, charter)
    meetings_shown = {r.id for r in page.next_meetings.rows()}
    assert ids["meeting"] not in meetings_shown and meetings_shown
    assert ids["follow_up"] not in {r.id for r in page.follow_ups.rows()}
    assert {r.id for r in page.indicators.rows()} == every["indicators"]

    choose_plan(window, page, None)
    assert {r.id for r in page.next_meetings.rows()} == every["meetings"]
    assert page.next_meetings.caption.text() == "Réunions prévues à partir d'aujourd'hui"


def test_a_long_plan_title_is_whole_in_the_tip_and_the_page_fits_the_laptop(
        qtbot: QtBot, demo_db: Database) -> None:
    ids = second_plan(demo_db)
    window, page = open_dashboard(qtbot, demo_db)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    for plan_id in (None, ids["plan"]):
        choose_plan(window, page, plan_id)
        QApplication.processEvents()
        assert scroll.horizontalScrollBar().maximum() == 0, "la page défile de côté"
    assert page.plan_combo.toolTip() == LONG_TITLE
    assert page.plan_combo.itemText(page.plan_combo.currentIndex()) == LONG_TITLE
    # The list that drops down is wide enough for the whole title.
    width = page.plan_combo.fontMetrics().horizontalAdvance(LONG_TITLE)
    assert page.plan_combo.view().minimumWidth() >= width
