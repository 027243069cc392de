"""The pilots of a plan: who pilots at least one of its actions, by last name, no one twice."""

from charte_desktop.db import Database
from charte_desktop.services.actions import ActionFields, create_action
from charte_desktop.services.directory import (
    ContactFields,
    OrganisationFields,
    create_contact,
    create_organisation,
)
from charte_desktop.services.pilots import Pilot, list_pilots
from charte_desktop.services.plans import PlanFields, create_plan


def test_pilots_of_one_plan_or_of_all(db: Database) -> None:
    ademe = create_organisation(db, OrganisationFields(name="ADEME")).id
    zoe = create_contact(db, ContactFields(last_name="Vélocité", first_name="Zoé")).id
    eric = create_contact(db, ContactFields(last_name="Arnaud", first_name="Éric",
                                            organisation_id=ademe)).id
    create_contact(db, ContactFields(last_name="Sanspilotage", first_name="Aimé"))
    charte = create_plan(db, PlanFields(title="Charte")).id
    velo = create_plan(db, PlanFields(title="Plan vélo")).id
    for code, plan, pilot in (("1", charte, zoe), ("2", charte, zoe), ("3", charte, eric),
                              ("1", velo, zoe), ("2", velo, None)):
        create_action(db, ActionFields(plan_id=plan, code=code, title=f"Action {code}",
                                       pilot_id=pilot))
    assert list_pilots(db, charte) == [Pilot(eric, "Éric Arnaud", "ADEME"),
                                       Pilot(zoe, "Zoé Vélocité", "")]
    assert list_pilots(db, velo) == [Pilot(zoe, "Zoé Vélocité", "")]
    assert [p.id for p in list_pilots(db)] == [eric, zoe]
    assert list_pilots(db, create_plan(db, PlanFields(title="Vide")).id) == []
