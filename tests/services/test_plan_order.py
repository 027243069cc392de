"""Plans, bodies and calls are listed as a French reader sorts names, the same on a file
and on a server (whose language would otherwise decide), and the preview shown before
the window loads picks the same first plan as the window."""

from datetime import date

from charte_desktop.db import Database
from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.services import dashboard, first_screen, plans
from charte_desktop.services.plan_order import name_order, plan_order
from charte_desktop.services.plans import PlanFields


def test_plans_newest_period_first_then_by_title_capitals_and_accents_aside(
        db: Database) -> None:
    for title, start in (("plan vélo", date(2027, 1, 1)), ("Zones d'activité", None),
                         ("Plan alimentaire", date(2027, 1, 1)),
                         ("Écoles", date(2027, 1, 1)), ("Charte 2021", date(2021, 1, 1))):
        plans.create_plan(db, PlanFields(title=title, period_start=start))
    wanted = ["Écoles", "Plan alimentaire", "plan vélo", "Charte 2021", "Zones d'activité"]
    assert [row.title for row in plans.list_plans(db)] == wanted
    assert [row.plan_title for row in dashboard.budgets_by_plan(db)] == wanted
    if db.server is None:  # the preview reads the file itself, before SQLAlchemy loads
        connection = connect_sqlite(db.path, read_only=True)
        try:
            assert [plan.title for plan in first_screen.read_plans(connection)] == wanted
        finally:
            connection.close()


def test_the_keys_read_a_date_as_the_file_stores_it() -> None:
    assert plan_order("2027-01-01", "Écoles", 3) == plan_order(date(2027, 1, 1), "Écoles", 3)
    assert sorted(["Élus", "zone", "Assemblée"], key=lambda name: name_order(name, 0)) == [
        "Assemblée", "Élus", "zone"]
