"""Creating and opening Charte files: settings, refusals that leave files untouched."""

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from charte_desktop import clock
from charte_desktop.db import Database, create_database, open_database
from charte_desktop.db.enums import ActionStatus
from charte_desktop.db.fileguard import APPLICATION_ID
from charte_desktop.db.models import Action, Circle, Plan, Policy, PriorityCriterion
from charte_desktop.db.read_only import ReadOnlyFileError
from charte_desktop.errors import CharteError
from tests.bad_files import BAD_FILES


def pragma(db: Database, name: str) -> object:
    with db.session() as session:
        return session.execute(text(f"PRAGMA {name}")).scalar()


@pytest.mark.file_only
def test_new_file_is_marked_and_safe(db: Database) -> None:
    assert pragma(db, "application_id") == APPLICATION_ID
    assert pragma(db, "foreign_keys") == 1
    assert pragma(db, "journal_mode") == "delete"
    assert pragma(db, "synchronous") == 2  # FULL


def test_new_file_holds_reference_lists(db: Database) -> None:
    with db.session() as session:
        circles = session.scalars(select(Circle.name).order_by(Circle.position)).all()
        policies = set(session.scalars(select(Policy.code)))
        criteria = session.scalars(select(PriorityCriterion.name)).all()
    assert circles[:3] == ["Partenaires publics", "Monde associatif", "Entreprises"]
    assert len(circles) == 9
    assert {"PCAET", "PDM", "PLU(i)", "SCoT", "PLH", "CRTE"} <= policies
    assert "Volonté politique" in criteria


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"), db.session() as session:
        session.add(Action(plan_id=999, code="1.1", title="Orpheline"))


def test_failed_use_case_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        session.add(Plan(title="Charte"))
        session.flush()
        raise RuntimeError("crash in the middle of a save")
    with db.session() as session:
        assert session.scalars(select(Plan)).all() == []


def test_existing_file_is_not_replaced_without_consent(db_path: Path) -> None:
    create_database(db_path).close()
    before = db_path.read_bytes()
    with pytest.raises(CharteError, match="existe déjà"):
        create_database(db_path)
    assert db_path.read_bytes() == before


def test_failed_replacement_keeps_old_file_and_leaves_no_debris(db_path: Path) -> None:
    create_database(db_path).close()
    before = db_path.read_bytes()

    def failing_fill(database: Database) -> None:
        raise RuntimeError("disk trouble")

    with pytest.raises(RuntimeError):
        create_database(db_path, overwrite=True, fill=failing_fill)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_create_in_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(CharteError, match="n'existe pas"):
        create_database(tmp_path / "nulle-part" / "charte.sqlite")


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_refused_untouched(case: str, tmp_path: Path) -> None:
    build, words = BAD_FILES[case]
    path = build(tmp_path)
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(CharteError, match=words):
        open_database(path)
    assert (path.read_bytes() if path.exists() else None) == before
    # No journal or other file appears beside it.
    assert not list(tmp_path.glob("*-journal"))


@pytest.mark.file_only
def test_read_only_database_cannot_write(db: Database, db_path: Path) -> None:
    db.close()
    before = db_path.read_bytes()
    with open_database(db_path, read_only=True) as reader:
        with (
            pytest.raises(ReadOnlyFileError, match=r"est en lecture seule : Charte l'a ouvert "
                                                   "pour le consulter seulement"),
            reader.session() as session,
        ):
            session.add(Plan(title="Ne doit pas être écrit"))
        with reader.session() as session:
            assert session.scalars(select(Plan)).all() == []
    assert db_path.read_bytes() == before


def test_timestamps_are_utc_aware(db: Database) -> None:
    with db.session() as session:
        plan = Plan(title="Charte")
        session.add(plan)
    with db.session() as session:
        stored = session.get(Plan, plan.id)
        assert stored is not None
        assert stored.created_at.tzinfo is not None
        assert abs((clock.now() - stored.created_at).total_seconds()) < 60


@pytest.fixture(scope="module")
def money_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with create_database(tmp_path_factory.mktemp("money") / "m.sqlite") as database:
        with database.session() as session:
            session.add(Plan(id=1, title="Budget"))
        yield database


@settings(max_examples=80, deadline=None)
@given(cents=st.integers(min_value=0, max_value=10**12))
def test_money_is_exact_to_the_cent(money_db: Database, cents: int) -> None:
    amount = Decimal(cents) / 100
    with money_db.session() as session:
        session.execute(text("DELETE FROM action"))
        session.add(Action(plan_id=1, code="1", title="A", budget_planned=amount,
                           status=ActionStatus.TO_START))
    with money_db.session() as session:
        stored = session.scalars(select(Action.budget_planned)).one()
        raw = session.execute(text("SELECT budget_planned FROM action")).scalar()
    assert stored == amount
    assert raw == cents  # integer cents in the file, never a binary float


@pytest.mark.file_only
def test_enum_values_are_checked_by_the_file(db: Database) -> None:
    with db.session() as session:
        plan = Plan(title="Charte")
        session.add(plan)
    with pytest.raises(Exception, match="CHECK"), db.session() as session:
        session.execute(
            text("INSERT INTO action (plan_id, code, title, description, status, progress, "
                 "progress_from_milestones, budget_planned, budget_committed, budget_spent, "
                 "created_at, updated_at) VALUES (:p, '1', 't', '', 'bogus', 0, 0, 0, 0, 0, "
                 "'', '')"),
            {"p": plan.id},
        )


def test_sqlite_error_on_corrupt_page_is_reported(tmp_path: Path, db_path: Path) -> None:
    """A file whose header is fine but whose schema page is garbage is refused in French."""
    create_database(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(CharteError, match="endommagé"):
        open_database(db_path)
    assert db_path.read_bytes() == before
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_dry_run_checks_without_keeping_anything(db: Database) -> None:
    from charte_desktop.services.plans import PlanFields, create_plan

    with db.dry_run():
        plan = create_plan(db, PlanFields(title="Essai"))
        assert plan.id is not None
        with pytest.raises(CharteError, match="Intitulé du plan"):
            create_plan(db, PlanFields(title="  "))
    with db.session() as session:
        assert session.scalars(select(Plan)).all() == []
    create_plan(db, PlanFields(title="Charte"))
    with db.session() as session:
        assert session.scalars(select(Plan.title)).all() == ["Charte"]


def test_memo_is_kept_until_a_write(db: Database) -> None:
    from charte_desktop.services.plans import PlanFields, create_plan, list_plans

    reads: list[int] = []

    def load() -> int:
        reads.append(1)
        return len(list_plans(db))

    assert db.memo("plans", load) == 0
    assert db.memo("plans", load) == 0
    list_plans(db)  # a read does not invalidate
    assert db.memo("plans", load) == 0 and len(reads) == 1
    with db.dry_run():
        create_plan(db, PlanFields(title="Essai"))  # not kept: still valid
    assert db.memo("plans", load) == 0 and len(reads) == 1
    create_plan(db, PlanFields(title="Charte"))
    assert db.memo("plans", load) == 1 and len(reads) == 2


def test_a_file_left_mid_save_is_not_called_truncated(db_path: Path) -> None:
    """After a crash mid-save, the header may announce pages the file does not hold yet;
    with the crash journal beside it, the file is "not closed properly", not "truncated"."""
    from tests.bad_files import truncated_mid_page

    path = truncated_mid_page(db_path.parent)
    Path(f"{path}-journal").write_bytes(b"\0" * 512)
    before = path.read_bytes()
    with pytest.raises(CharteError, match="n'a pas été fermé correctement"):
        open_database(path, read_only=True)
    assert path.read_bytes() == before
    from charte_desktop.db.fileguard import inspect_header

    inspect_header(path, check_size=False)  # ours, whatever the journal will undo
