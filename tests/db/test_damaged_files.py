"""Opening: damaged files set aside with the newest good backup proposed; a backup before
every migration; a migration failing midway leaves the file exactly as it was."""

import re
import shutil
import sqlite3
import types
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest

from charte_desktop.db import files as files_module
from charte_desktop.db import migrate as migrate_module
from charte_desktop.db import open_database
from charte_desktop.db import schema_version as schema_version_module
from charte_desktop.db.backups import list_backups, make_backup
from charte_desktop.db.damaged import DamagedFileError, set_aside
from charte_desktop.db.schema_version import HEAD_REVISION, KNOWN_REVISIONS
from charte_desktop.errors import CharteError
from tests.backup_helpers import all_rows, copy_file, corrupt_an_index_page
from tests.bad_files import BAD_FILES

NOW = datetime(2026, 11, 21, 19, 30, tzinfo=UTC)






def test_damaged_file_is_set_aside_and_newest_good_backup_proposed(
    demo: Path, folder: Path
) -> None:
    make_backup(demo, folder, reason="ouverture", now=NOW - timedelta(days=3))
    good = make_backup(demo, folder, reason="fermeture", now=NOW - timedelta(days=1))
    damaged_backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    corrupt_an_index_page(damaged_backup)  # newer, but unsound: not proposed
    corrupt_an_index_page(demo)
    damaged = demo.read_bytes()
    with pytest.raises(DamagedFileError) as caught:
        open_database(demo, backup_folder=folder)
    error = caught.value
    assert isinstance(error, CharteError)
    assert not demo.exists()
    assert error.set_aside.parent == demo.parent
    assert re.fullmatch(r"charte\.endommage-\d{4}-\d\d-\d\d-\d{6}\.sqlite", error.set_aside.name)
    assert error.set_aside.read_bytes() == damaged  # never modified
    assert error.newest_good_backup == good
    assert "mis de côté" in error.message and str(error.set_aside) in error.message
    assert str(good) in error.message and "\n" not in error.message
    assert re.search(r"du \d\d/\d\d/\d{4} à \d\dh\d\d", error.message)
    assert len(list(folder.iterdir())) == 3  # no backup of a damaged file


def test_damaged_file_without_backup_says_so(demo: Path, folder: Path) -> None:
    corrupt_an_index_page(demo)
    with pytest.raises(DamagedFileError, match="Aucune sauvegarde en bon état") as caught:
        open_database(demo, backup_folder=folder)
    assert caught.value.newest_good_backup is None and caught.value.set_aside.exists()
    assert not folder.exists()


def test_default_backup_folder_is_searched(demo: Path) -> None:
    from charte_desktop.db.backups import default_backup_folder

    good = make_backup(demo, default_backup_folder(demo), reason="fermeture", now=NOW)
    corrupt_an_index_page(demo)
    with pytest.raises(DamagedFileError) as caught:
        open_database(demo)
    assert caught.value.newest_good_backup == good


def test_set_aside_never_overwrites(demo: Path) -> None:
    first = set_aside(demo, now=NOW)
    copy_file(first, demo)
    second = set_aside(demo, now=NOW)
    assert first != second and first.exists() and second.exists()
    assert second.name == "charte.endommage-2026-11-21-193000-2.sqlite"


def test_read_only_open_of_a_damaged_file_writes_nothing(demo: Path, folder: Path) -> None:
    corrupt_an_index_page(demo)
    before = demo.read_bytes()
    with pytest.raises(CharteError, match="endommagé") as caught:
        open_database(demo, read_only=True, backup_folder=folder)
    assert not isinstance(caught.value, DamagedFileError)
    assert demo.read_bytes() == before
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]
    assert not folder.exists()


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_still_refused_untouched(case: str, tmp_path: Path, folder: Path) -> None:
    build, words = BAD_FILES[case]
    path = build(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(CharteError, match=words) as caught:
        open_database(path, backup_folder=folder)
    assert not isinstance(caught.value, DamagedFileError)
    assert (path.read_bytes() if path.exists() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # nothing set aside
    assert not folder.exists()


def test_healthy_file_at_head_opens_without_backup(demo: Path, folder: Path) -> None:
    open_database(demo, backup_folder=folder).close()
    assert not folder.exists()


# --- Migrations: a fake next revision beside the real scripts --------------------------

MIGRATION = '''
import sqlalchemy as sa
from alembic import op

revision = "9999_essai"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("contact", sa.Column("surnom", sa.Text(), nullable=True))
    op.create_table("essai", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("UPDATE contact SET surnom = 'x'")
    op.execute("DELETE FROM action_note")
    {failure}


def downgrade() -> None:
    pass
'''


def use_fake_revision(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, fail: bool) -> None:
    real = Path(str(resources.files("charte_desktop.db") / "migrations"))
    scripts = tmp_path / f"scripts-{'echec' if fail else 'ok'}"
    migrations = scripts / "migrations"
    shutil.copytree(real, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    failure = "raise RuntimeError('coupure au milieu de la migration')" if fail else "pass"
    (migrations / "versions" / "9999_essai.py").write_text(
        MIGRATION.format(failure=failure, head=HEAD_REVISION), encoding="utf-8")
    monkeypatch.setattr(migrate_module, "resources",
                        types.SimpleNamespace(files=lambda _package: scripts))
    known = (*KNOWN_REVISIONS, "9999_essai")
    monkeypatch.setattr(schema_version_module, "KNOWN_REVISIONS", known)
    monkeypatch.setattr(migrate_module, "HEAD_REVISION", known[-1])
    monkeypatch.setattr(files_module, "HEAD_REVISION", known[-1])


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def test_backup_at_the_old_version_before_migrating(
    demo: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows_before = all_rows(demo)
    use_fake_revision(monkeypatch, tmp_path, fail=False)
    open_database(demo, backup_folder=folder).close()
    assert revision_of(demo) == "9999_essai"
    (backup,) = list_backups(folder)
    assert backup.reason == "avant mise à jour du fichier" and backup.revision == HEAD_REVISION
    assert all_rows(backup.path) == rows_before
    assert "surnom" not in str(all_rows(backup.path).keys())


def test_read_only_open_of_an_old_file_migrates_nothing(
    demo: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = demo.read_bytes()
    use_fake_revision(monkeypatch, tmp_path, fail=False)
    with pytest.raises(CharteError, match="version précédente"):
        open_database(demo, read_only=True, backup_folder=folder)
    assert demo.read_bytes() == before and not folder.exists()


def test_failing_migration_leaves_the_file_byte_identical_and_is_retried(
    demo: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = demo.read_bytes()
    use_fake_revision(monkeypatch, tmp_path, fail=True)
    with pytest.raises(CharteError, match=r"mise à jour du fichier .* a échoué") as caught:
        open_database(demo, backup_folder=folder)
    assert "n'a pas été modifié" in caught.value.message
    assert "coupure au milieu" in caught.value.message  # it failed after its DDL
    assert demo.read_bytes() == before
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]  # no journal left
    (backup,) = list_backups(folder)
    assert backup.revision == HEAD_REVISION and str(backup.path) in caught.value.message

    use_fake_revision(monkeypatch, tmp_path, fail=False)  # the next start tries again
    with open_database(demo, backup_folder=folder) as database:
        assert database.path == demo
    assert revision_of(demo) == "9999_essai"
    assert len(list_backups(folder)) == 2
    assert all_rows(demo)["essai"] == []
