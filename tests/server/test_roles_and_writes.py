"""Writing through Charte's use cases on a server; a read-only role consults only."""

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from charte_desktop.db import open_database
from charte_desktop.db.publish import publish
from charte_desktop.db.server import WRITE_REFUSED, ServerAddress
from charte_desktop.errors import CharteError
from charte_desktop.services import actions
from tests.command_line import run_cli


@pytest.fixture
def base(empty_base: ServerAddress, demo: Path) -> ServerAddress:
    publish(demo, empty_base)
    return empty_base


@pytest.fixture
def reader(base: ServerAddress) -> Iterator[ServerAddress]:
    """A role that may read the base and nothing else (the DGS, an elected member)."""
    name = f"lecteur_{uuid.uuid4().hex[:8]}"
    statements = (
        f"CREATE ROLE {name} LOGIN PASSWORD 'lecture'",
        f'GRANT CONNECT ON DATABASE "{base.base}" TO {name}',
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}",
    )
    with psycopg.connect(host=base.host, port=base.port, user=base.user,
                         password=base.password, dbname=base.base, autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)
    yield ServerAddress(base.host, base.port, base.base, name, "lecture")
    with psycopg.connect(host=base.host, port=base.port, user=base.user,
                         password=base.password, dbname=base.base, autocommit=True) as admin:
        admin.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {name}")
        admin.execute(f"REVOKE ALL ON SCHEMA public FROM {name}")
        admin.execute(f'REVOKE ALL ON DATABASE "{base.base}" FROM {name}')
        admin.execute(f"DROP ROLE {name}")


def test_a_new_action_on_the_server_gets_a_free_id(base: ServerAddress) -> None:
    with open_database(base) as db:
        first = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, first.id)
        created = actions.create_action(db, replace(fields, code="9.9",
                                                    title="Action créée sur le serveur"))
        assert created.id > max(row.id for row in actions.list_actions(db) if row.id != created.id)
        assert actions.get_action(db, created.id).title == "Action créée sur le serveur"


def test_a_read_only_role_consults_and_exports_but_cannot_write(
        reader: ServerAddress, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://{reader.user}:lecture@{reader.where}/{reader.base}"
    code, out, err = run_cli(capsys, "list", "actions", url)
    assert (code, err) == (0, "") and out
    code, out, err = run_cli(capsys, "export", "monitoring", url, "-o", tmp_path / "s.xlsx")
    assert (code, err) == (0, "") and (tmp_path / "s.xlsx").exists()
    with open_database(reader) as db:
        action = actions.list_actions(db)[0]
        fields = actions.action_form_fields(db, action.id)
        with pytest.raises(CharteError) as refused:
            actions.update_action(db, action.id, replace(fields, title="Modifiée"))
        assert refused.value.message == WRITE_REFUSED
        assert actions.get_action(db, action.id).title == action.title


def test_a_read_only_role_is_told_who_must_bring_an_older_base_up_to_date(
        base: ServerAddress, reader: ServerAddress) -> None:
    with psycopg.connect(host=base.host, port=base.port, user=base.user,
                         password=base.password, dbname=base.base, autocommit=True) as admin:
        admin.execute("UPDATE alembic_version SET version_num = '0006_funding_calls'")
    with pytest.raises(CharteError) as refused:
        open_database(reader)
    assert refused.value.message == (
        f"La base « {reader.base} » vient d'une version précédente de Charte : un compte qui "
        "peut la modifier doit l'ouvrir une fois pour la mettre à jour ; le vôtre permet "
        "seulement de la consulter.")
