"""Tableau de bord: the cards show what the use cases say, and each line opens its item."""

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.models import FollowUp
from charte_desktop.formatting import format_money
from charte_desktop.services.actions import late_actions
from charte_desktop.services.dashboard import budget_totals
from charte_desktop.services.indicators import off_track_indicators
from charte_desktop.services.late_reasons import late_reasons
from charte_desktop.services.meeting_outcomes import follow_ups_due
from charte_desktop.services.meetings import next_meetings
from charte_desktop.services.plans import get_territory
from charte_desktop.ui.main_window import SCREENS, MainWindow
from charte_desktop.ui.pages.actions_page import ActionsPage
from charte_desktop.ui.pages.dashboard import DashboardCard, DashboardPage


def open_dashboard(qtbot: QtBot, db: Database) -> tuple[MainWindow, DashboardPage]:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    return window, page


def row_of(key: str) -> int:
    return next(i for i, screen in enumerate(SCREENS) if screen[0] == key)


def double_click(qtbot: QtBot, card: DashboardCard[Any], row: int) -> None:
    """A real double click: QTest's mouseDClick alone sends no first press in Qt 6."""
    centre = card.table.visualRect(card.model.index(row, 1)).center()
    qtbot.mouseClick(card.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(card.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def record_opened(page: DashboardPage) -> list[tuple[str, int | None]]:
    """Note what the dashboard asks to open, then open it for real."""
    opened: list[tuple[str, int | None]] = []
    real_open = page.context.open_item

    def open_item(key: str, item_id: int | None) -> None:
        opened.append((key, item_id))
        real_open(key, item_id)

    page.context.open_item = open_item
    return opened


def test_cards_show_what_needs_attention(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_dashboard(qtbot, demo_db)
    territory = get_territory(demo_db)
    assert territory is not None and page.territory.text() == territory.name

    expected = {
        page.late_actions: [r.id for r in late_actions(demo_db)],
        page.next_meetings: [r.id for r in next_meetings(demo_db)],
        page.follow_ups: [r.id for r in follow_ups_due(demo_db)],
        page.indicators: [r.id for r in off_track_indicators(demo_db)],
    }
    for card, ids in expected.items():
        assert ids, f"the demo should fill « {card.heading_text} »"
        assert [row.id for row in card.rows()] == ids
        assert card.heading.text() == f"{card.heading_text} ({len(ids)})"
        assert card.body.currentWidget() is card.table

    assert page.late_actions.heading.text().startswith("Actions en retard (")
    first = late_actions(demo_db)[0]
    assert page.late_actions.model.index(0, 0).data() == first.code
    # Why it is late, rather than only its end date.
    reasons = late_reasons(demo_db, [first.id])[first.id]
    assert page.late_actions.model.index(0, 3).data() == f"{reasons[0]} (et 1 autre)"
    tip = page.late_actions.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.split("\n")[1:] == ["En retard", *reasons]


def test_budget_card_in_euros_with_spent_bar(qtbot: QtBot, demo_db: Database) -> None:
    _, page = open_dashboard(qtbot, demo_db)
    totals = budget_totals(demo_db)
    assert totals.planned > 0
    assert page.budget.planned[0].text() == format_money(totals.planned)
    assert page.budget.committed[0].text() == format_money(totals.committed)
    assert page.budget.spent[0].text() == format_money(totals.spent)
    assert page.budget.spent[0].text().endswith("\u00a0€") and "," in page.budget.spent[0].text()
    assert page.budget.progress.value() == totals.spent_percent
    assert page.budget.progress.text() == (
        f"{totals.spent_percent}\u00a0% du budget prévu dépensé"
    )


def test_empty_cards_say_so(qtbot: QtBot, db: Database) -> None:
    _, page = open_dashboard(qtbot, db)
    assert page.territory.text() == "Collectivité à renseigner"
    assert page.late_actions.heading.text() == "Actions en retard (0)"
    for card, sentence in (
        (page.late_actions, "Aucune action en retard."),
        (page.next_meetings, "Aucune réunion prévue."),
        (page.follow_ups, "Aucune suite à donner dans les 14 prochains jours."),
        (page.indicators, "Aucun indicateur hors trajectoire."),
    ):
        assert card.body.currentWidget() is card.empty
        assert card.empty.text() == sentence
    assert page.budget.progress.text() == "Aucun budget prévu"
    assert not page.done_button.isEnabled()


def test_double_click_on_a_late_action_opens_it_in_the_plan(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_dashboard(qtbot, demo_db)
    target = page.late_actions.rows()[-1]
    double_click(qtbot, page.late_actions, len(page.late_actions.rows()) - 1)
    actions_page = window.current_page()
    assert isinstance(actions_page, ActionsPage)
    assert window.sidebar.currentRow() == row_of("actions")
    assert actions_page.action_list.current_id() == target.id


def test_enter_on_a_late_action_opens_it_too(qtbot: QtBot, demo_db: Database) -> None:
    window, page = open_dashboard(qtbot, demo_db)
    target = page.late_actions.rows()[0]
    page.late_actions.select_row(0)
    page.late_actions.table.setFocus()
    qtbot.keyClick(page.late_actions.table, Qt.Key.Key_Return)
    actions_page = window.current_page()
    assert isinstance(actions_page, ActionsPage)
    assert actions_page.action_list.current_id() == target.id


def test_meeting_and_follow_up_open_the_meetings_screen(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_dashboard(qtbot, demo_db)
    opened = record_opened(page)
    meeting = page.next_meetings.rows()[0]
    double_click(qtbot, page.next_meetings, 0)
    assert opened == [("meetings", meeting.id)]
    assert window.sidebar.currentRow() == row_of("meetings")
    assert type(window.current_page()).__name__ == "MeetingsPage"

    window.show_screen("dashboard")
    follow_up = page.follow_ups.rows()[1]
    double_click(qtbot, page.follow_ups, 1)
    assert opened[-1] == ("meetings", follow_up.meeting_id)
    assert window.sidebar.currentRow() == row_of("meetings")


def test_off_track_indicator_opens_the_indicators_screen(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_dashboard(qtbot, demo_db)
    opened = record_opened(page)
    indicator = page.indicators.rows()[0]
    double_click(qtbot, page.indicators, 0)
    assert opened == [("indicators", indicator.id)]
    assert window.sidebar.currentRow() == row_of("indicators")
    assert type(window.current_page()).__name__ == "IndicatorsPage"


def test_ticking_a_follow_up_done_saves_it_and_can_be_undone(
    qtbot: QtBot, demo_db: Database
) -> None:
    window, page = open_dashboard(qtbot, demo_db)
    before = page.follow_ups.rows()
    assert not page.done_button.isEnabled()
    page.follow_ups.select_row(0)
    assert page.done_button.isEnabled()
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)

    with demo_db.session() as session:
        done = session.scalars(select(FollowUp.done).where(FollowUp.id == before[0].id)).one()
    assert done is True
    assert [r.id for r in page.follow_ups.rows()] == [r.id for r in before[1:]]
    assert page.follow_ups.heading.text() == f"Suites à donner ({len(before) - 1})"
    # The next follow-up is selected, ready to be ticked in turn.
    assert page.follow_ups.current_row() == before[1]
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    window.undo_stack.undo()
    assert [r.id for r in page.follow_ups.rows()] == [r.id for r in before]
    assert [r.id for r in follow_ups_due(demo_db)] == [r.id for r in before]


def test_a_long_list_shows_its_first_rows_and_counts_the_rest(qtbot: QtBot) -> None:
    from charte_desktop.ui.pages.dashboard import MAX_CARD_ROWS
    from charte_desktop.ui.table_model import Column

    card: DashboardCard[int] = DashboardCard(
        "Actions en retard", [Column("N°", lambda n: n)], stretch=[0],
        empty_text="Aucune action en retard.",
    )
    qtbot.addWidget(card)
    card.set_rows(list(range(MAX_CARD_ROWS + 4)))
    assert card.rows() == list(range(MAX_CARD_ROWS))
    # Counted as the lists count when some rows are left out.
    assert card.heading.text() == f"Actions en retard ({MAX_CARD_ROWS} sur {MAX_CARD_ROWS + 4})"
    assert card.more.text().startswith("… et 4 autres")
    card.set_rows([1])
    assert card.more.isHidden()
