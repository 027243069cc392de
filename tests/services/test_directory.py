"""The directory: circles, organisations, contacts and the list the officer searches."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from charte_desktop.db import Database
from charte_desktop.db.defaults import DEFAULT_CIRCLES
from charte_desktop.db.models import Action, Circle, Contact, Funding, Organisation, Plan
from charte_desktop.errors import CharteError
from charte_desktop.services import directory
from charte_desktop.services.directory import (
    CircleFields,
    ContactFields,
    ContactFilter,
    OrganisationFields,
)
from tests.query_counter import count_selects


def circle_id(db: Database, name: str) -> int:
    with db.session() as session:
        return session.scalars(select(Circle.id).where(Circle.name == name)).one()


def add_funding(db: Database, funder_id: int, amounts: list[str]) -> None:
    """One action per amount, each funded by `funder_id`."""
    with db.session() as session:
        plan = Plan(title="Plan de mobilité")
        session.add(plan)
        session.flush()
        for index, amount in enumerate(amounts, start=1):
            action = Action(plan_id=plan.id, code=f"1.{index}", title=f"Action {index}")
            session.add(action)
            session.flush()
            session.add(Funding(action_id=action.id, funder_id=funder_id, amount=Decimal(amount)))


# --- Circles ---------------------------------------------------------------------------


def test_new_file_lists_default_circles_in_order(db: Database) -> None:
    assert [c.name for c in directory.list_circles(db)] == list(DEFAULT_CIRCLES)


def test_circle_name_is_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_circle(db, CircleFields(name="  "))
    assert error.value.field == "name"
    assert error.value.message == "Le champ « Nom du cercle » est obligatoire."


def test_circle_name_is_unique_ignoring_case_and_accents(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_circle(db, CircleFields(name="elus"))
    assert error.value.field == "name"
    assert error.value.message == "Le cercle « Élus » existe déjà."


def test_circle_can_be_renamed_and_keep_its_own_name(db: Database) -> None:
    circle = directory.create_circle(db, CircleFields(name="Chambres consulaires", position=9))
    directory.update_circle(db, circle.id, CircleFields(name="Chambres consulaires", position=2))
    assert directory.get_circle(db, circle.id).position == 2
    with pytest.raises(CharteError) as error:
        directory.update_circle(db, circle.id, CircleFields(name="Financeurs"))
    assert error.value.field == "name"


def test_deleting_a_circle_keeps_its_organisations(db: Database) -> None:
    circle = directory.create_circle(db, CircleFields(name="Bailleurs"))
    org = directory.create_organisation(db, OrganisationFields("Habitat 44", circle.id))
    directory.delete_circle(db, circle.id)
    assert directory.get_organisation(db, org.id).circle_id is None


# --- Organisations ---------------------------------------------------------------------


def test_organisation_name_is_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_organisation(db, OrganisationFields(name=""))
    assert error.value.field == "name"
    assert "« Nom de la structure »" in error.value.message


def test_organisation_circle_must_exist(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_organisation(db, OrganisationFields("ADEME", circle_id=999))
    assert error.value.field == "circle_id"


def test_organisation_is_created_and_updated(db: Database) -> None:
    public = circle_id(db, "Partenaires publics")
    org = directory.create_organisation(
        db, OrganisationFields(" Région Pays de la Loire ", public, "Nantes\n", "notes")
    )
    assert org.name == "Région Pays de la Loire"
    assert org.address == "Nantes"
    directory.update_organisation(db, org.id, OrganisationFields("Région PDL", None))
    updated = directory.get_organisation(db, org.id)
    assert (updated.name, updated.circle_id, updated.address) == ("Région PDL", None, "")


def test_list_organisations_gives_circle_and_contact_count_in_one_query(db: Database) -> None:
    funders = circle_id(db, "Financeurs")
    ademe = directory.create_organisation(db, OrganisationFields("ADEME", funders))
    asso = directory.create_organisation(db, OrganisationFields("Vélo Cité"))
    directory.create_contact(db, ContactFields("Martin", organisation_id=ademe.id))
    directory.create_contact(db, ContactFields("Durand", organisation_id=ademe.id))
    with count_selects(db) as selects:
        rows = directory.list_organisations(db)
    assert len(selects) == 1
    assert [(r.name, r.circle, r.circle_id, r.contact_count) for r in rows] == [
        ("ADEME", "Financeurs", funders, 2),
        ("Vélo Cité", "", None, 0),
    ]
    assert rows[1].id == asso.id


def test_deleting_an_organisation_that_funds_actions_is_refused(db: Database) -> None:
    org = directory.create_organisation(db, OrganisationFields("Département"))
    add_funding(db, org.id, ["1000", "2500.50"])
    with pytest.raises(CharteError) as error:
        directory.delete_organisation(db, org.id)
    assert error.value.message == (
        "La structure « Département » finance 2 actions : retirez d'abord ces financements."
    )
    assert directory.get_organisation(db, org.id).name == "Département"


def test_deleting_an_organisation_funding_one_action_says_so_in_the_singular(
    db: Database,
) -> None:
    org = directory.create_organisation(db, OrganisationFields("Région"))
    add_funding(db, org.id, ["500"])
    with pytest.raises(CharteError, match="finance 1 action : retirez"):
        directory.delete_organisation(db, org.id)


def test_deleting_an_organisation_keeps_its_contacts(db: Database) -> None:
    org = directory.create_organisation(db, OrganisationFields("Office de tourisme"))
    contact = directory.create_contact(db, ContactFields("Leroy", organisation_id=org.id))
    directory.delete_organisation(db, org.id)
    with pytest.raises(CharteError, match="introuvable"):
        directory.get_organisation(db, org.id)
    assert directory.get_contact(db, contact.id).organisation_id is None


# --- Contacts --------------------------------------------------------------------------


def test_contact_last_name_is_required(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_contact(db, ContactFields(last_name=" ", first_name="Marie"))
    assert error.value.field == "last_name"
    assert error.value.message == "Le champ « Nom » est obligatoire."


def test_contact_email_is_checked(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_contact(db, ContactFields("Dupont", email="marie.dupont@mairie"))
    assert error.value.field == "email"
    assert "« Courriel »" in error.value.message
    contact = directory.create_contact(db, ContactFields("Dupont", email=" m.d@cc-val.fr "))
    assert contact.email == "m.d@cc-val.fr"


def test_contact_references_must_exist(db: Database) -> None:
    with pytest.raises(CharteError) as error:
        directory.create_contact(db, ContactFields("Dupont", organisation_id=404))
    assert error.value.field == "organisation_id"
    with pytest.raises(CharteError) as error:
        directory.create_contact(db, ContactFields("Dupont", circle_id=404))
    assert error.value.field == "circle_id"


def test_bad_update_changes_nothing(db: Database) -> None:
    contact = directory.create_contact(db, ContactFields("Dupont", "Marie", email="m@x.fr"))
    with pytest.raises(CharteError):
        directory.update_contact(db, contact.id, ContactFields("Durand", email="pas un mail"))
    kept = directory.get_contact(db, contact.id)
    assert (kept.last_name, kept.email) == ("Dupont", "m@x.fr")


def test_get_contact_loads_organisation_and_circle(db: Database) -> None:
    elected = circle_id(db, "Élus")
    org = directory.create_organisation(db, OrganisationFields("Mairie de Lorient"))
    contact = directory.create_contact(
        db, ContactFields("Le Goff", "Yann", "Maire", org.id, elected)
    )
    loaded = directory.get_contact(db, contact.id)
    assert loaded.organisation is not None and loaded.organisation.name == "Mairie de Lorient"
    assert loaded.circle is not None and loaded.circle.name == "Élus"
    assert loaded.full_name == "Yann Le Goff"


def test_deleting_a_contact(db: Database) -> None:
    contact = directory.create_contact(db, ContactFields("Dupont"))
    directory.delete_contact(db, contact.id)
    with pytest.raises(CharteError) as error:
        directory.get_contact(db, contact.id)
    assert "Le contact n°" in error.value.message


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    """A small directory: organisations in circles, contacts with and without own circle."""
    public = circle_id(db, "Partenaires publics")
    assos = circle_id(db, "Monde associatif")
    elected = circle_id(db, "Élus")
    ddt = directory.create_organisation(db, OrganisationFields("DDT du Morbihan", public))
    velo = directory.create_organisation(db, OrganisationFields("Vélo Cité", assos))
    contacts = {
        # In a public organisation, no own circle: effective circle is the organisation's.
        "martin": ContactFields("Martin", "Paul", "Chef de service", ddt.id, email="p@ddt.fr"),
        # Own circle (elected) wins over the organisation's (association).
        "eluard": ContactFields("Éluard", "Émilie", "Présidente", velo.id, elected),
        # No organisation, own circle only.
        "durand": ContactFields("durand", "Zoé", "Habitante", None, elected),
        # Neither.
        "dupont": ContactFields("Dupont", "Anne", email="anne.dupont@orange.fr"),
        "dupont2": ContactFields("Dupont", "Aline", "Bénévole", velo.id),
    }
    ids = {key: directory.create_contact(db, fields).id for key, fields in contacts.items()}
    return ids | {
        "ddt": ddt.id,
        "velo": velo.id,
        "public": public,
        "assos": assos,
        "elected": elected,
    }


def names(rows: list[directory.ContactRow]) -> list[str]:
    return [row.name for row in rows]


def test_contacts_are_sorted_by_last_then_first_name_ignoring_case_and_accents(
    db: Database, people: dict[str, int]
) -> None:
    assert names(directory.list_contacts(db)) == [
        "Aline Dupont",
        "Anne Dupont",
        "Zoé durand",
        "Émilie Éluard",
        "Paul Martin",
    ]


def test_contact_row_carries_names_organisation_and_effective_circle(
    db: Database, people: dict[str, int]
) -> None:
    rows = {row.id: row for row in directory.list_contacts(db)}
    martin = rows[people["martin"]]
    assert martin == directory.ContactRow(
        id=people["martin"],
        name="Paul Martin",
        first_name="Paul",
        last_name="Martin",
        function="Chef de service",
        organisation_id=people["ddt"],
        organisation="DDT du Morbihan",
        circle_id=people["public"],
        circle="Partenaires publics",
        email="p@ddt.fr",
        phone="",
    )
    eluard = rows[people["eluard"]]
    assert (eluard.circle_id, eluard.circle) == (people["elected"], "Élus")
    dupont = rows[people["dupont"]]
    assert (dupont.organisation, dupont.circle, dupont.circle_id) == ("", "", None)


def test_circle_filter_uses_own_circle_else_the_organisations(
    db: Database, people: dict[str, int]
) -> None:
    by_circle = {
        key: names(directory.list_contacts(db, ContactFilter(circle_id=people[key])))
        for key in ("public", "assos", "elected")
    }
    assert by_circle == {
        "public": ["Paul Martin"],
        "assos": ["Aline Dupont"],  # Émilie Éluard's own circle wins
        "elected": ["Zoé durand", "Émilie Éluard"],
    }


def test_organisation_filter(db: Database, people: dict[str, int]) -> None:
    rows = directory.list_contacts(db, ContactFilter(organisation_id=people["velo"]))
    assert names(rows) == ["Aline Dupont", "Émilie Éluard"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DUPONT", ["Aline Dupont", "Anne Dupont"]),
        ("emilie", ["Émilie Éluard"]),  # accents and case ignored
        ("morbihan", ["Paul Martin"]),  # organisation name
        ("orange.fr", ["Anne Dupont"]),  # e-mail
        ("bénévole", ["Aline Dupont"]),  # function
        ("velo cite", ["Aline Dupont", "Émilie Éluard"]),  # every word must be found
        ("dupont anne", ["Anne Dupont"]),  # words in any order
        ("personne", []),
        ("  ", ["Aline Dupont", "Anne Dupont", "Zoé durand", "Émilie Éluard", "Paul Martin"]),
    ],
)
def test_text_filter(db: Database, people: dict[str, int], text: str, expected: list[str]) -> None:
    assert names(directory.list_contacts(db, ContactFilter(text=text))) == expected


def test_filters_combine(db: Database, people: dict[str, int]) -> None:
    rows = directory.list_contacts(
        db, ContactFilter(circle_id=people["elected"], organisation_id=people["velo"], text="é")
    )
    assert names(rows) == ["Émilie Éluard"]


def test_list_contacts_runs_one_query(db: Database, people: dict[str, int]) -> None:
    with count_selects(db) as selects:
        directory.list_contacts(db, ContactFilter(circle_id=people["assos"], text="a"))
    assert len(selects) == 1


def test_contact_rows_are_frozen(db: Database, people: dict[str, int]) -> None:
    row = directory.list_contacts(db)[0]
    with pytest.raises(AttributeError):
        row.name = "X"  # type: ignore[misc]


def test_organisation_of_deleted_contact_counts_fewer(db: Database) -> None:
    org = directory.create_organisation(db, OrganisationFields("CCI"))
    first = directory.create_contact(db, ContactFields("A", organisation_id=org.id))
    directory.create_contact(db, ContactFields("B", organisation_id=org.id))
    directory.delete_contact(db, first.id)
    assert directory.list_organisations(db)[0].contact_count == 1
    with db.session() as session:
        assert session.scalar(select(Contact.id).where(Contact.id == first.id)) is None
        assert session.get(Organisation, org.id) is not None


def test_a_person_in_held_minutes_cannot_be_deleted(demo: Path) -> None:
    """Minutes already sent keep every name: deleting such a person is refused."""
    from charte_desktop.db import open_database
    from charte_desktop.db.enums import AttendanceState, MeetingState
    from charte_desktop.db.models import Attendance, Meeting

    with open_database(demo) as database:
        with database.session() as session:
            attendee = session.scalars(
                select(Attendance.contact_id)
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Meeting.state == MeetingState.HELD,
                       Attendance.state == AttendanceState.PRESENT)
            ).first()
        assert attendee is not None
        with pytest.raises(CharteError, match=r"figure dans les présences de .* tenue"):
            directory.delete_contact(database, attendee)
        assert directory.get_contact(database, attendee).id == attendee


def test_contact_keeps_its_civility_and_elected_title(db: Database) -> None:
    from charte_desktop.db.enums import Civility

    contact = directory.create_contact(db, ContactFields(
        last_name="Moreau", first_name="Claire", civility=Civility.MADAME,
        title="  Vice-présidente "))
    stored = directory.get_contact(db, contact.id)
    assert (stored.civility, stored.title) == (Civility.MADAME, "Vice-présidente")
    plain = directory.create_contact(db, ContactFields(last_name="Martin"))
    assert directory.civilities_and_titles(db) == {
        contact.id: (Civility.MADAME, "Vice-présidente")}
    assert directory.get_contact(db, plain.id).civility is Civility.NONE
    with pytest.raises(CharteError, match="Titre \\(élu·e\\)") as refused:
        directory.update_contact(db, contact.id, ContactFields(
            last_name="Moreau", civility=Civility.MADAME, title="x" * 121))
    assert refused.value.field == "title"
    with pytest.raises(CharteError, match="Civilité"):
        directory.update_contact(db, contact.id, ContactFields(
            last_name="Moreau", civility="docteur"))  # type: ignore[arg-type]
    assert directory.get_contact(db, contact.id).title == "Vice-présidente"
