"""Backups: taken through the backup API and checked, listed, rotated, restored."""

import os
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from charte_desktop.db import create_database
from charte_desktop.db.backups import (
    REASON_LABELS,
    BackupInfo,
    backup_if_due,
    default_backup_folder,
    list_backups,
    make_backup,
    restore_backup,
    rotate,
)
from charte_desktop.db.fileguard import APPLICATION_ID
from charte_desktop.db.health import check_file
from charte_desktop.db.schema_version import HEAD_REVISION
from charte_desktop.errors import CharteError
from tests.backup_helpers import (
    all_rows,
    copy_file,
    corrupt_an_index_page,
    count,
    valid_on_windows,
)
from tests.bad_files import BAD_FILES

NOW = datetime(2026, 11, 21, 19, 30, tzinfo=UTC)






def test_backup_is_a_sound_charte_file_with_the_same_rows(demo: Path, folder: Path) -> None:
    before = demo.read_bytes()
    backup = make_backup(demo, folder, reason="ouverture", now=NOW)
    assert backup.parent == folder
    assert backup.name == "charte-2026-11-21-193000-ouverture.sqlite"
    report = check_file(backup)
    assert report.sound and report.up_to_date
    assert sqlite3.connect(backup).execute("PRAGMA application_id").fetchone()[0] \
        == APPLICATION_ID
    assert all_rows(backup) == all_rows(demo)
    assert demo.read_bytes() == before  # the source is only read
    assert sorted(p.name for p in folder.iterdir()) == [backup.name]  # no temporary left


def test_backup_during_an_open_write_transaction_is_consistent(
    demo: Path, folder: Path
) -> None:
    titles_before = all_rows(demo)["action"]
    writer = sqlite3.connect(demo, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE action SET title = 'pas encore enregistré'")
    writer.execute("DELETE FROM action_note")
    try:
        backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert check_file(backup).sound
    assert all_rows(backup)["action"] == titles_before  # the committed state, whole
    assert count(demo, "action_note") == 0 and count(backup, "action_note") > 0


def test_failing_check_keeps_no_copy_and_no_temporary(demo: Path, folder: Path) -> None:
    corrupt_an_index_page(demo)
    before = demo.read_bytes()
    with pytest.raises(CharteError, match="Sauvegarde impossible") as caught:
        make_backup(demo, folder, reason="ouverture", now=NOW)
    assert "vérification d'intégrité" in caught.value.message
    assert list(folder.iterdir()) == []
    assert demo.read_bytes() == before


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_are_not_backed_up_and_stay_untouched(
    case: str, tmp_path: Path, folder: Path
) -> None:
    build, _ = BAD_FILES[case]
    path = build(tmp_path)
    before = path.read_bytes() if path.exists() else None
    if case == "newer":  # a newer Charte's file can still be copied: it is whole
        assert all_rows(make_backup(path, folder, reason="manuelle")) == all_rows(path)
        assert path.read_bytes() == before
        return
    with pytest.raises(CharteError):
        make_backup(path, folder, reason="manuelle")
    assert (path.read_bytes() if path.exists() else None) == before
    assert not folder.exists() or list(folder.iterdir()) == []


def test_names_are_valid_on_windows_and_never_reused(demo: Path, folder: Path) -> None:
    names = [make_backup(demo, folder, reason=reason, now=NOW).name
             for reason in REASON_LABELS]
    names.append(make_backup(demo, folder, reason="ouverture", now=NOW).name)
    assert len(set(names)) == len(names)
    assert all(valid_on_windows(name) for name in names), names
    assert "charte-2026-11-21-193000-ouverture-2.sqlite" in names
    with pytest.raises(ValueError):
        make_backup(demo, folder, reason="n'importe quoi")


def test_default_folder_separates_files_with_the_same_name(tmp_path: Path) -> None:
    first = default_backup_folder(tmp_path / "a" / "charte.sqlite")
    second = default_backup_folder(tmp_path / "b" / "charte.sqlite")
    assert first != second
    assert first.parent == tmp_path / "donnees" / "Charte" / "sauvegardes"
    stem, digest = first.name.rsplit("-", 1)
    assert stem == "charte" and len(digest) == 8 and int(digest, 16) >= 0
    assert default_backup_folder(tmp_path / "a" / ".." / "a" / "charte.sqlite") == first


def fake_backup(folder: Path, moment: datetime, reason: str) -> Path:
    """Rotation reads names only: empty stand-ins keep the simulated year fast."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"charte-{moment:%Y-%m-%d-%H%M%S}-{reason}.sqlite"
    path.write_bytes(b"")
    return path


def expected_after_policy(created: list[datetime], daily: int, weekly: int,
                          monthly: int) -> set[datetime]:
    """The policy written out independently: newest per period, for the N latest periods."""
    newest_first = sorted(created, reverse=True)
    kept = {newest_first[0]}
    for count_, period in ((daily, lambda d: d.date()),
                           (weekly, lambda d: d.isocalendar()[:2]),
                           (monthly, lambda d: (d.year, d.month))):
        periods: dict[object, datetime] = {}
        for moment in newest_first:
            periods.setdefault(period(moment), moment)
        kept.update(list(periods.values())[:count_])
    return kept


def test_rotation_over_a_year_of_daily_backups(tmp_path: Path) -> None:
    folder = tmp_path / "rotation"
    other = folder / "notes personnelles.txt"
    folder.mkdir()
    other.write_text("à garder", encoding="utf-8")
    manual = fake_backup(folder, datetime(2026, 1, 3, 9, tzinfo=UTC), "manuelle")
    before_update = fake_backup(folder, datetime(2026, 2, 3, 9, tzinfo=UTC), "mise-a-jour")
    created: list[datetime] = []
    day = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(365):
        for hour, reason in ((8, "ouverture"), (18, "fermeture")):
            moment = day + timedelta(hours=hour)
            fake_backup(folder, moment, reason)
            created.append(moment)
            deleted = rotate(folder, keep_daily=7, keep_weekly=4, keep_monthly=12, now=moment)
            assert moment.strftime("%Y-%m-%d-%H%M%S") not in " ".join(p.name for p in deleted)
        day += timedelta(days=1)
    remaining = {p.name for p in folder.iterdir()}
    expected = expected_after_policy(created, 7, 4, 12)
    assert remaining == {
        *(f"charte-{m:%Y-%m-%d-%H%M%S}-{'ouverture' if m.hour == 8 else 'fermeture'}.sqlite"
          for m in expected),
        other.name, manual.name, before_update.name,
    }
    assert 7 <= len(expected) <= 7 + 4 + 12
    assert f"charte-{max(created):%Y-%m-%d-%H%M%S}-fermeture.sqlite" in remaining


def test_rotation_never_deletes_the_newest(tmp_path: Path) -> None:
    folder = tmp_path / "rotation"
    moments = [NOW - timedelta(days=d) for d in range(5)]
    for moment in moments:
        fake_backup(folder, moment, "ouverture")
    deleted = rotate(folder, keep_daily=0, keep_weekly=0, keep_monthly=0, now=NOW)
    assert len(deleted) == 4
    assert [p.name for p in folder.iterdir()] == [
        f"charte-{NOW:%Y-%m-%d-%H%M%S}-ouverture.sqlite"]
    assert rotate(tmp_path / "absent", keep_daily=1, keep_weekly=1, keep_monthly=1) == []


def test_backup_if_due_respects_the_interval(demo: Path, folder: Path) -> None:
    day = timedelta(hours=24)
    first = backup_if_due(demo, folder, interval=day, now=NOW)
    assert first is not None and first.exists()
    assert backup_if_due(demo, folder, interval=day, now=NOW + timedelta(hours=23)) is None
    second = backup_if_due(demo, folder, interval=day, now=NOW + timedelta(hours=24))
    assert second is not None and second != first
    assert len(list_backups(folder)) == 2


def test_list_backups_summaries_and_unreadable_ones(demo: Path, folder: Path) -> None:
    older = make_backup(demo, folder, reason="mise-a-jour", now=NOW - timedelta(days=2))
    newer = make_backup(demo, folder, reason="fermeture", now=NOW)
    broken = folder / "charte-2026-11-20-120000-manuelle.sqlite"
    broken.write_text("pas une base", encoding="utf-8")
    truncated = folder / "charte-2026-11-20-110000-ouverture.sqlite"
    truncated.write_bytes(older.read_bytes()[:8192])
    (folder / "autre chose.sqlite").write_bytes(older.read_bytes())  # not ours: not listed
    infos = list_backups(folder)
    assert [i.path for i in infos] == [newer, broken, truncated, older]
    first = infos[0]
    assert isinstance(first, BackupInfo) and first.readable
    assert first.created_at == NOW and first.created_at.tzinfo is not None
    assert first.reason == "à la fermeture" and first.size == newer.stat().st_size
    assert first.revision == HEAD_REVISION
    assert (first.actions, first.meetings, first.contacts, first.indicators) == tuple(
        count(demo, table) for table in ("action", "meeting", "contact", "indicator"))
    assert first.actions and first.meetings and first.contacts and first.indicators
    assert infos[3].reason == "avant mise à jour du fichier"
    assert not infos[1].readable and infos[1].reason == "manuelle"
    assert not infos[2].readable and infos[2].actions is None
    assert list_backups(folder / "absent") == []


def test_restore_backs_up_the_current_file_first(demo: Path, folder: Path) -> None:
    backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    writer = sqlite3.connect(demo)
    writer.execute("DELETE FROM action_note")
    writer.execute("UPDATE action SET title = 'modifié après la sauvegarde'")
    writer.commit()
    writer.close()
    current = all_rows(demo)
    saved = restore_backup(backup, demo, folder=folder, now=NOW + timedelta(hours=1))
    assert saved is not None and saved.parent == folder
    assert saved.name.endswith("-restauration.sqlite")
    assert all_rows(saved) == current
    assert all_rows(demo) == all_rows(backup)
    assert check_file(demo).sound
    assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name]  # no debris


def test_restore_onto_a_new_path_needs_no_first_backup(demo: Path, folder: Path,
                                                       tmp_path: Path) -> None:
    backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    target = tmp_path / "nouveau" / "charte.sqlite"
    target.parent.mkdir()
    assert restore_backup(backup, target, folder=folder) is None
    assert all_rows(target) == all_rows(demo)


def bad_backups(tmp_path: Path, demo: Path) -> dict[str, Path]:
    damaged = copy_file(demo, tmp_path / "abimee" / "charte-2026-01-01-000000-manuelle.sqlite")
    corrupt_an_index_page(damaged)
    broken_reference = copy_file(demo, tmp_path / "refs" / "sauvegarde.sqlite")
    connection = sqlite3.connect(broken_reference)
    connection.execute("UPDATE meeting SET body_id = 99999")
    connection.commit()
    connection.close()
    cases = {name: build(tmp_path / name) for name, (build, _) in BAD_FILES.items()
             if not (tmp_path / name).mkdir()}
    return {"damaged": damaged, "broken_reference": broken_reference, **cases}


def test_unsound_foreign_or_newer_backups_are_refused_untouched(
    demo: Path, folder: Path, tmp_path: Path
) -> None:
    before = demo.read_bytes()
    for name, backup in bad_backups(tmp_path, demo).items():
        backup_before = backup.read_bytes() if backup.exists() else None
        with pytest.raises(CharteError, match="Restauration refusée") as caught:
            restore_backup(backup, demo, folder=folder)
        assert "\n" not in caught.value.message, name
        assert demo.read_bytes() == before, name
        assert (backup.read_bytes() if backup.exists() else None) == backup_before, name
        assert sorted(p.name for p in demo.parent.iterdir()) == [demo.name], name
        assert not folder.exists(), name


def test_restore_never_replaces_a_file_of_another_application(
    demo: Path, folder: Path, tmp_path: Path
) -> None:
    backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    for name in ("foreign", "text"):
        target = BAD_FILES[name][0](tmp_path)
        before = target.read_bytes()
        with pytest.raises(CharteError, match="n'est pas un fichier Charte"):
            restore_backup(backup, target, folder=folder)
        assert target.read_bytes() == before
    assert len(list(folder.iterdir())) == 1


def test_restore_onto_a_damaged_file_sets_it_aside(demo: Path, folder: Path) -> None:
    backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    corrupt_an_index_page(demo)
    damaged = demo.read_bytes()
    saved = restore_backup(backup, demo, folder=folder, now=NOW)
    assert saved == demo.with_name("charte.endommage-2026-11-21-193000.sqlite")
    assert saved.read_bytes() == damaged
    assert all_rows(demo) == all_rows(backup)


def test_restore_of_a_file_left_open_after_a_crash(demo: Path, folder: Path) -> None:
    """A hot journal beside the target is rolled back before the target is saved."""
    backup = make_backup(demo, folder, reason="manuelle", now=NOW)
    script = (
        "import os, sqlite3\n"
        f"c = sqlite3.connect({str(demo)!r}, isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN')\n"
        "c.execute('UPDATE action SET description = description || randomblob(3000)')\n"
        "os._exit(9)\n"
    )
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert demo.with_name(demo.name + "-journal").exists()
    saved = restore_backup(backup, demo, folder=folder, now=NOW + timedelta(minutes=1))
    assert saved is not None and check_file(saved).sound
    assert all_rows(saved) == all_rows(backup)  # the interrupted write was undone
    assert sorted(os.listdir(demo.parent)) == [demo.name]


def test_restore_into_the_same_file_is_refused(demo: Path, folder: Path) -> None:
    with pytest.raises(CharteError, match="même"):
        restore_backup(demo, demo, folder=folder)


@pytest.fixture
def empty_charte(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "vierge.sqlite"
    create_database(path).close()
    yield path


def test_backup_of_a_new_file_lists_zero_counts(empty_charte: Path, folder: Path) -> None:
    make_backup(empty_charte, folder, reason="manuelle", now=NOW)
    (info,) = list_backups(folder)
    assert (info.actions, info.meetings, info.contacts, info.indicators) == (0, 0, 0, 0)
