"""The same use cases give the same answers on a file and on a server: lengths, booleans,
empty values, sorting, search, new ids after a copy."""

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from charte_desktop.db import Database, open_database
from charte_desktop.db.publish import publish
from charte_desktop.db.server import ServerAddress
from charte_desktop.errors import CharteError
from charte_desktop.services import actions, directory


@pytest.fixture(params=["fichier", "serveur"])
def db(request: pytest.FixtureRequest, demo: Path) -> Iterator[Database]:
    if request.param == "fichier":
        with open_database(demo) as database:
            yield database
        return
    base: ServerAddress = request.getfixturevalue("empty_base")
    publish(demo, base)
    with open_database(base) as database:
        yield database


def test_a_too_long_title_is_refused_in_french_on_both(db: Database) -> None:
    action = actions.list_actions(db)[0]
    fields = actions.action_form_fields(db, action.id)
    with pytest.raises(CharteError) as refused:
        actions.update_action(db, action.id, replace(fields, title="é" * 400))
    assert "300" in refused.value.message
    assert actions.get_action(db, action.id).title == action.title


def test_booleans_and_empty_values_read_back_alike(db: Database) -> None:
    contact = directory.list_contacts(db)[0]
    fields = directory.contact_fields(db, contact.id)
    directory.update_contact(db, contact.id, replace(fields, first_name="", email=""))
    again = directory.contact_fields(db, contact.id)
    assert (again.first_name, again.email) == ("", "")
    action = actions.list_actions(db)[0]
    fields = actions.action_form_fields(db, action.id)
    actions.update_action(db, action.id, replace(fields, progress_from_milestones=False))
    assert actions.action_form_fields(db, action.id).progress_from_milestones is False


def test_lists_sort_alike(db: Database, demo: Path) -> None:
    with open_database(demo, read_only=True) as file_db:
        assert [r.id for r in actions.list_actions(db)] == \
            [r.id for r in actions.list_actions(file_db)]
        assert [r.id for r in directory.list_contacts(db)] == \
            [r.id for r in directory.list_contacts(file_db)]
