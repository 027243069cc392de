"""A real PostgreSQL server for the tests of issue 21.

`.ci/run` starts one (`.ci/postgres.sh start`) and sets CHARTE_TEST_SERVER to its address
(a role allowed to create bases) and CHARTE_REQUIRE_SERVER=1: the server tests then fail
rather than skip when it is missing. On a developer's machine without a server they skip.
Each test gets a base of its own, created empty and dropped afterwards.
"""

import os
import uuid
from collections.abc import Iterator

import pytest

from charte_desktop.db.server import ServerAddress, parse_address
from tests.server_engine import admin_connection, drop_base

SERVER_VARIABLE = "CHARTE_TEST_SERVER"


def test_server() -> ServerAddress:
    text = os.environ.get(SERVER_VARIABLE)
    if not text:
        if os.environ.get("CHARTE_REQUIRE_SERVER") == "1":
            pytest.fail(f"{SERVER_VARIABLE} n'est pas défini : .ci/postgres.sh start")
        pytest.skip(f"pas de serveur PostgreSQL ({SERVER_VARIABLE})")
    return parse_address(text)


test_server.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture
def server() -> ServerAddress:
    return test_server()


@pytest.fixture
def empty_base(server: ServerAddress) -> Iterator[ServerAddress]:
    """A new empty base on the test server, dropped after the test."""
    name = f"charte_t_{uuid.uuid4().hex[:12]}"
    with admin_connection(server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = ServerAddress(server.host, server.port, name, server.user, server.password)
    yield base
    drop_base(server, name)
