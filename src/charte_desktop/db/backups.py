"""Backups of a Charte file: taken, listed, rotated and restored safely.

Every copy goes through SQLite's backup API from a read-only connection into a temporary
file in the destination folder, is checked there (`PRAGMA integrity_check`) and only then
renamed into place: a backup that exists under its final name is whole and sound.

Backup names are valid on Windows and sort by date:
`charte-2026-11-21-193000-ouverture.sqlite` (time in UTC, so that names never repeat nor go
backwards when clocks change).
"""

import hashlib
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from charte_desktop import clock
from charte_desktop.db.damaged import (
    STAMP_FORMAT,
    has_journal,
    integrity_problem,
    journal_of,
    roll_back_hot_journal,
    set_aside,
    unusable_now,
)
from charte_desktop.db.fileguard import inspect_header
from charte_desktop.db.health import check_file
from charte_desktop.db.integrity_text import french_integrity
from charte_desktop.db.other_writer import is_charte_file, refuse_while_written
from charte_desktop.db.read_only import refuse_if_read_only
from charte_desktop.db.schema_version import KNOWN_REVISIONS
from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.errors import CharteError
from charte_desktop.paths import data_folder
from charte_desktop.system_errors import os_reason, sqlite_reason

BACKUP_FOLDER_NAME = "sauvegardes"
BACKUP_PREFIX = "charte"

# Why a backup was taken: the key goes in the file name, the label is shown to the officer.
REASON_OPEN = "ouverture"
REASON_CLOSE = "fermeture"
REASON_UPGRADE = "mise-a-jour"
REASON_RESTORE = "restauration"
REASON_MANUAL = "manuelle"
REASON_IMPORT = "import"
REASON_LABELS: dict[str, str] = {
    REASON_OPEN: "à l'ouverture",
    REASON_CLOSE: "à la fermeture",
    REASON_UPGRADE: "avant mise à jour du fichier",
    REASON_RESTORE: "avant restauration",
    REASON_MANUAL: "manuelle",
    REASON_IMPORT: "avant import",
}
# Only automatic backups are rotated: the others are rare and taken for a reason.
ROTATED_REASONS = frozenset({REASON_OPEN, REASON_CLOSE})

_NAME = re.compile(
    rf"^{BACKUP_PREFIX}-(?P<stamp>\d{{4}}-\d{{2}}-\d{{2}}-\d{{6}})"
    r"-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-(?P<number>\d+))?\.sqlite$"
)

if TYPE_CHECKING:
    from charte_desktop.settings import AppSettings

_COUNTED_TABLES = ("action", "meeting", "contact", "indicator")


@dataclass(frozen=True)
class BackupInfo:
    """One backup as the "Restaurer une sauvegarde" list shows it."""

    path: Path
    created_at: datetime  # aware, UTC
    reason_key: str
    reason: str  # French label
    size: int
    readable: bool
    revision: str | None = None
    actions: int | None = None
    meetings: int | None = None
    contacts: int | None = None
    indicators: int | None = None


@dataclass(frozen=True)
class _Entry:
    path: Path
    created_at: datetime
    reason_key: str


def format_moment(moment: datetime) -> str:
    """"21/11/2026 à 20h30", in the computer's local time."""
    local = moment.astimezone()
    return f"{local:%d/%m/%Y} à {local:%Hh%M}"


def default_backup_folder(db_path: Path) -> Path:
    """The data folder's `sauvegardes/<nom>-<empreinte>`: one folder per file.

    The 8-character fingerprint of the file's full path keeps apart the backups of two
    files with the same name in different folders.
    """
    full = os.path.normcase(str(db_path.resolve()))
    # surrogateescape: a name with bytes that are not UTF-8 (Linux) gets its own digest;
    # every other path keeps the digest, hence the folder, it always had.
    digest = hashlib.sha256(full.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return data_folder() / BACKUP_FOLDER_NAME / f"{db_path.stem}-{digest}"


def chosen_backup_folder(db_path: Path, settings: "AppSettings | None" = None) -> Path:
    """The folder chosen in Paramètres, else the file's own default folder."""
    from charte_desktop.settings import load_settings

    return (settings or load_settings()).backup_folder or default_backup_folder(db_path)


def utc(now: datetime | None) -> datetime:
    return (now or clock.now()).astimezone(UTC)


def _unreadable(source: Path, error: sqlite3.Error, what: str) -> CharteError:
    message = unusable_now(source, error).message
    return CharteError(f"{what} impossible : {message[:1].lower()}{message[1:]}")


# SQLite errors that come from writing the copy (disk full, read-only or failing medium):
# the destination is to blame, not the file being copied.
_DESTINATION_ERRORS = frozenset({
    sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM,
})
_SOURCE_READ_ERRORS = frozenset({266, 522})  # SQLITE_IOERR_READ, SQLITE_IOERR_SHORT_READ


def _writing_failed(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return False
    return code & 0xFF in _DESTINATION_ERRORS and code not in _SOURCE_READ_ERRORS


def _unwritable(destination: Path, error: sqlite3.Error, what: str) -> CharteError:
    return CharteError(f"{what} impossible dans « {destination.parent} » : "
                       f"{sqlite_reason(error)}. Aucune copie n'a été gardée.")


def _copy_checked(source: Path, destination: Path, *, what: str) -> None:
    """Copy `source` into the (empty) file `destination` with the backup API, then check it.

    Raises CharteError, in French, when the source cannot be read, the destination cannot
    be written (each blamed for its own fault) or the copy is unsound.
    """
    try:
        reader = connect_sqlite(source, read_only=True)
    except sqlite3.Error as exc:
        raise _unreadable(source, exc, what) from None
    try:
        # Wait for a writer that is committing rather than fail at once.
        reader.execute("PRAGMA busy_timeout = 5000")
        try:
            writer = sqlite3.connect(destination, isolation_level=None)
        except sqlite3.Error as exc:
            raise _unwritable(destination, exc, what) from None
        try:
            writer.execute("PRAGMA synchronous = FULL")
            reader.backup(writer)  # all pages in one step: one consistent snapshot
            rows = writer.execute("PRAGMA integrity_check(5)").fetchall()
        except sqlite3.Error as exc:
            if _writing_failed(exc):
                raise _unwritable(destination, exc, what) from None
            raise
        finally:
            writer.close()
    except sqlite3.Error as exc:
        raise _unreadable(source, exc, what) from None
    finally:
        reader.close()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    if problems:
        raise CharteError(
            f"{what} impossible : la copie de « {source} » ne passe pas la vérification "
            f"d'intégrité ({french_integrity(problems[0].splitlines()[-1])}). Aucune copie "
            "n'a été gardée."
        )


def temp_in(folder: Path, prefix: str) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CharteError(
            f"Impossible d'écrire dans le dossier « {folder} » : {os_reason(exc)}."
        ) from None
    os.close(handle)
    return Path(name)


def free_name(folder: Path, moment: datetime, reason: str) -> Path:
    base = f"{BACKUP_PREFIX}-{moment:{STAMP_FORMAT}}-{reason}"
    target = folder / f"{base}.sqlite"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{base}-{number}.sqlite"
    return target


def make_backup(db_path: Path, folder: Path, *, reason: str, now: datetime | None = None) -> Path:
    """Back up `db_path` into `folder` (created if needed); return the backup's path."""
    if reason not in REASON_LABELS:
        raise ValueError(f"unknown backup reason: {reason!r}")
    inspect_header(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CharteError(
            f"Impossible de créer le dossier de sauvegarde « {folder} » : "
            f"{os_reason(exc)}."
        ) from None
    temp = temp_in(folder, f".{BACKUP_PREFIX}-sauvegarde-")
    try:
        _copy_checked(db_path, temp, what="Sauvegarde")
        target = free_name(folder, utc(now), reason)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CharteError(
            f"Sauvegarde impossible dans « {folder} » : {os_reason(exc)}."
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def backup_created_at(path: Path) -> datetime:
    """When a backup was taken (aware, UTC): from its name, else its modification time."""
    match = _NAME.match(path.name)
    if match is not None:
        try:
            return datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _scan(folder: Path) -> list[_Entry]:
    """Our backups in `folder` (by name only), newest first; other files are ignored."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    entries: list[_Entry] = []
    for name in names:
        match = _NAME.match(name)
        path = folder / name
        if match is None or not path.is_file():
            continue
        try:
            created = backup_created_at(path)
        except OSError:
            continue
        entries.append(_Entry(path, created, match["reason"]))
    entries.sort(key=lambda entry: (entry.created_at, entry.path.name), reverse=True)
    return entries


def _describe(entry: _Entry) -> BackupInfo:
    label = REASON_LABELS.get(entry.reason_key, entry.reason_key)
    try:
        size = entry.path.stat().st_size
    except OSError:
        size = 0
    unreadable = BackupInfo(entry.path, entry.created_at, entry.reason_key, label, size, False)
    try:
        inspect_header(entry.path)
        connection = connect_sqlite(entry.path, read_only=True)
    except (CharteError, sqlite3.Error):
        return unreadable
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        counts = [
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in _COUNTED_TABLES
        ]
    except sqlite3.Error:
        return unreadable
    finally:
        connection.close()
    return BackupInfo(
        entry.path, entry.created_at, entry.reason_key, label, size, True,
        revision[0] if revision else None, *counts,
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first, each with a summary read without writing.

    A backup that cannot be read is listed with `readable=False`; this never raises.
    """
    return [_describe(entry) for entry in _scan(folder)]


def newest_good_backup(folder: Path) -> Path | None:
    """The newest backup that passes the integrity and foreign-key checks, if any."""
    for entry in _scan(folder):
        try:
            report = check_file(entry.path)
        except CharteError:
            continue
        if report.sound and report.revision in KNOWN_REVISIONS:
            return entry.path
    return None


def rotate(
    folder: Path, *, keep_daily: int, keep_weekly: int, keep_monthly: int,
    now: datetime | None = None,
) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps; return what was deleted.

    Kept: the newest backup of each of the `keep_daily` most recent days that have one,
    of each of the `keep_weekly` most recent ISO weeks, of each of the `keep_monthly` most
    recent months (days, weeks and months in `now`'s time zone, the computer's by default);
    the newest backup of all and the newest automatic one; any backup dated after `now`
    (the clock went back). Backups taken before an update, before a restore or by hand,
    and files that are not backups, are never deleted.
    """
    moment = now or clock.now().astimezone()
    zone = moment.tzinfo
    entries = _scan(folder)
    automatic = [e for e in entries if e.reason_key in ROTATED_REASONS]
    if not automatic:
        return []
    keep = {entries[0].path, automatic[0].path}
    keep.update(e.path for e in automatic if e.created_at > moment)
    periods = (
        (keep_daily, lambda d: d.date()),
        (keep_weekly, lambda d: d.isocalendar()[:2]),
        (keep_monthly, lambda d: (d.year, d.month)),
    )
    for count, period in periods:
        seen: set[object] = set()
        for entry in automatic:  # newest first: the first of each period is kept
            key = period(entry.created_at.astimezone(zone))
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            keep.add(entry.path)
    deleted: list[Path] = []
    for entry in automatic:
        if entry.path not in keep:
            try:
                entry.path.unlink()
            except OSError:
                continue  # retried at the next rotation
            deleted.append(entry.path)
    return deleted


def backup_if_due(
    db_path: Path, folder: Path, *, interval: timedelta, now: datetime | None = None,
    reason: str = REASON_OPEN,
) -> Path | None:
    """Back up `db_path` unless the newest backup in `folder` is younger than `interval`."""
    moment = utc(now)
    for entry in _scan(folder):
        if entry.created_at <= moment:  # one dated in the future does not count
            if moment - entry.created_at < interval:
                return None
            break
    return make_backup(db_path, folder, reason=reason, now=moment)


def _keep_current(target: Path, folder: Path, now: datetime | None) -> Path | None:
    """Save the file about to be replaced: a backup when sound, else set aside beside it.

    Sound as `check` says: a file holding values the backup's check refuses (written by
    another program) could not be backed up, and must not stop the restore meant to fix it.
    """
    if not target.exists() or target.stat().st_size == 0:
        return None
    if not is_charte_file(target):
        raise CharteError(
            f"Restauration refusée : « {target} » n'est pas un fichier Charte et ne sera pas "
            "remplacé. Choisissez un autre fichier de destination."
        )
    if has_journal(target):
        roll_back_hot_journal(target)
    if integrity_problem(target) is None:
        try:
            sound = check_file(target).sound
        except CharteError:
            sound = False
        if sound:
            return make_backup(target, folder, reason=REASON_RESTORE, now=now)
    return set_aside(target, now=now)


def _move_orphan_journal(target: Path, now: datetime | None) -> None:
    """Never let a journal left by an old file apply to the restored one."""
    journal = journal_of(target)
    if not journal.exists():
        return
    if journal.stat().st_size == 0:
        journal.unlink()
        return
    os.rename(journal, journal.with_name(f"{journal.name}.orphelin-{utc(now):{STAMP_FORMAT}}"))


def restore_backup(
    backup: Path, target: Path, *, folder: Path, now: datetime | None = None
) -> Path | None:
    """Replace `target` (closed by the caller) by a checked copy of `backup`.

    Refuses, leaving every file untouched, a backup that is damaged, not a Charte file or
    from a newer Charte. The current `target` is kept first: backed up into `folder` when
    sound (returned), or set aside beside itself when damaged (that path is returned).
    """
    if target.exists() and backup.resolve() == target.resolve():
        raise CharteError("Restauration refusée : la sauvegarde et le fichier sont le même.")
    try:
        report = check_file(backup)
    except CharteError as error:
        raise CharteError(f"Restauration refusée : {error.message[:1].lower()}"
                          f"{error.message[1:]}") from None
    if report.revision is None or not report.sound:
        problems = report.problems
        detail = f" ({problems[0].splitlines()[-1]})" if problems else ""
        raise CharteError(
            f"Restauration refusée : la sauvegarde « {backup} » est endommagée{detail}. "
            "Rien n'a été modifié."
        )
    if not target.parent.is_dir():
        raise CharteError(f"Le dossier « {target.parent} » n'existe pas.")
    refuse_if_read_only(target)
    refuse_while_written(target)
    temp = temp_in(target.parent, f".{target.name}.restauration-")
    try:
        _copy_checked(backup, temp, what="Restauration")
        saved = _keep_current(target, folder, now)
        refuse_while_written(target)  # again: a program may have started meanwhile
        _move_orphan_journal(target, now)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise CharteError(
            f"Restauration impossible dans « {target} » : {os_reason(exc)}."
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return saved
