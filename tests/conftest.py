"""Shared fixtures: every test gets a fresh Charte file in its own temporary folder."""

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from charte_desktop import clock
from charte_desktop.db import Database, create_database
from tests.fixed_day import TEST_DAY

# GUI tests run without a screen, on a virtual one the size of the officer's laptop.
LAPTOP_SCREEN = Path(__file__).parent / "ui" / "laptop_screen.json"
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={LAPTOP_SCREEN}"


@pytest.fixture(autouse=True)
def private_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Settings and backups go to a temporary data folder, never the user's own."""
    folder = tmp_path / "donnees"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    # Windows (the workflow's tests): platformdirs' override of %LOCALAPPDATA%.
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[date]:
    """Charte's clock says TEST_DAY, here and in the programs a test starts (CHARTE_TODAY)."""
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, TEST_DAY.isoformat())
    with clock.fixed(TEST_DAY):
        yield TEST_DAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo territory, built once per test run; tests work on copies."""
    from charte_desktop.demo import fill_small_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    with clock.fixed(TEST_DAY):  # built before the function-scoped fixed_today
        create_database(path, fill=fill_small_demo).close()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo territory's file, in its own folder."""
    target = tmp_path / "travail" / "charte.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A backup folder."""
    return tmp_path / "sauvegardes"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "charte.sqlite"


@pytest.fixture
def db(db_path: Path, request: pytest.FixtureRequest) -> Iterator[Database]:
    """A new Charte file; with CHARTE_TEST_ENGINE=postgresql, a new base on the test
    server instead (tests/server_engine.py), unless the test is marked `file_only`."""
    from tests.server_engine import on_server, server_database

    if on_server() and request.node.get_closest_marker("file_only") is None:
        with server_database(db_path.parent) as database:
            yield database
        return
    database = create_database(db_path)
    yield database
    database.close()


# The fixtures that make a base on the test server when CHARTE_TEST_ENGINE=postgresql.
SERVER_FIXTURES = frozenset({"db", "demo_db"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL pass, the tests that work on a base there, and only them: any
    other would run a second time exactly as on SQLite."""
    from tests.server_engine import on_server

    if not on_server():
        return
    kept, left = [], []
    for item in items:
        on_base = SERVER_FIXTURES & set(getattr(item, "fixturenames", ()))
        (kept if on_base and item.get_closest_marker("file_only") is None
         else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
