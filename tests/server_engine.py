"""The `db` fixture on a PostgreSQL server: CHARTE_TEST_ENGINE=postgresql (with
CHARTE_TEST_SERVER) runs the use-case tests again on a real server, each test on a new
base copied from a template (an empty Charte file published once per run)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from charte_desktop.db import Database
from charte_desktop.db.server import ServerAddress, parse_address

ENGINE_VARIABLE = "CHARTE_TEST_ENGINE"
TEMPLATE = "charte_template_tests"
_template_made: list[bool] = []


def on_server() -> bool:
    return os.environ.get(ENGINE_VARIABLE) == "postgresql"


def admin_connection(address: ServerAddress):  # type: ignore[no-untyped-def]
    """An autocommit psycopg connection, to create and drop test bases."""
    import psycopg

    return psycopg.connect(host=address.host, port=address.port, user=address.user,
                           password=address.password, dbname=address.base, autocommit=True)


def _make_template(server: ServerAddress, folder: Path) -> None:
    from charte_desktop.db import create_database
    from charte_desktop.db.publish import publish

    with admin_connection(server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {TEMPLATE}")
    empty = folder / "vide.sqlite"
    create_database(empty).close()
    publish(empty, ServerAddress(server.host, server.port, TEMPLATE, server.user,
                                 server.password))


def drop_base(server: ServerAddress, name: str) -> None:
    """Drop a test base; tried again while a server process (autovacuum, which a
    non-superuser may not stop) still works in it, then left to the throwaway cluster."""
    import time

    import psycopg

    for _attempt in range(30):
        try:
            with admin_connection(server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectInUse):
            time.sleep(0.1)


def _copy_template(server: ServerAddress, name: str, template: str = TEMPLATE) -> None:
    """CREATE DATABASE … TEMPLATE, tried again while the server still closes a session on
    the template (« source database is being accessed by other users »)."""
    import time

    import psycopg

    for attempt in range(20):
        try:
            with admin_connection(server) as admin:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 19:
                raise
            time.sleep(0.1)


@contextmanager
def server_database(folder: Path) -> Iterator[Database]:
    """A new base holding what `create_database` gives a new file, on the test server."""
    from charte_desktop.db.server_database import open_server

    server = parse_address(os.environ["CHARTE_TEST_SERVER"])
    if not _template_made:
        _make_template(server, folder)
        _template_made.append(True)
    name = f"charte_t_{uuid.uuid4().hex[:12]}"
    _copy_template(server, name)
    base = ServerAddress(server.host, server.port, name, server.user, server.password)
    database = open_server(base)
    try:
        yield database
    finally:
        database.close()
        drop_base(server, name)


_demo_templates: dict[str, str] = {}


def _demo_template(server: ServerAddress, demo: Path) -> str:
    """A base holding this demo file, published once per run: each test's base is then a
    copy of it (CREATE DATABASE … TEMPLATE takes a fraction of a publication's time)."""
    import hashlib

    from charte_desktop.db.publish import publish

    key = hashlib.sha256(demo.read_bytes()).hexdigest()[:12]
    if key not in _demo_templates:
        name = f"charte_demo_{key}"
        with admin_connection(server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        publish(demo, ServerAddress(server.host, server.port, name, server.user,
                                    server.password))
        _demo_templates[key] = name
    return _demo_templates[key]


@contextmanager
def published_demo(demo: Path) -> Iterator[Database]:
    """The demo file published to a new base of the test server, opened; dropped after."""
    from charte_desktop.db.server_database import open_server

    server = parse_address(os.environ["CHARTE_TEST_SERVER"])
    name = f"charte_t_{uuid.uuid4().hex[:12]}"
    _copy_template(server, name, _demo_template(server, demo))
    base = ServerAddress(server.host, server.port, name, server.user, server.password)
    try:
        database = open_server(base)
        try:
            yield database
        finally:
            database.close()
    finally:
        drop_base(server, name)
