"""Damaged Charte files: found by SQLite's integrity check, set aside, never overwritten.

A file whose header says "Charte" but whose pages are broken is renamed beside itself
("<nom>.endommage-<date>.sqlite") so that nothing ever writes over it or deletes it, and
the officer is offered the newest backup that passes the checks.
"""

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from charte_desktop import clock
from charte_desktop.db.integrity_text import french_integrity
from charte_desktop.db.sqlite_connection import connect_sqlite
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason, sqlite_reason

SET_ASIDE_MARK = ".endommage-"
STAMP_FORMAT = "%Y-%m-%d-%H%M%S"


class DamagedFileError(CharteError):
    """The file failed the integrity check and was set aside under `set_aside`.

    `newest_good_backup` is the newest backup that passes the checks, if any: the window
    offers to restore it.
    """

    def __init__(
        self, message: str, *, set_aside: Path, newest_good_backup: Path | None
    ) -> None:
        super().__init__(message)
        self.set_aside = set_aside
        self.newest_good_backup = newest_good_backup


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_journal(path: Path) -> bool:
    """Whether a rollback journal lies beside `path`: a write is under way, or a crash
    interrupted one (then SQLite must roll it back before anyone reads the file)."""
    try:
        return journal_of(path).stat().st_size > 0
    except OSError:
        return False


def roll_back_hot_journal(path: Path) -> None:
    """Let SQLite undo a write interrupted by a crash (a read-only connection cannot).

    Harmless when the journal belongs to a write still under way: this is a plain read.
    """
    connection = connect_sqlite(path)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        pass  # the integrity check that follows reports what is wrong
    finally:
        connection.close()


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file itself is broken (not busy, not unreachable)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def unusable_now(path: Path, error: sqlite3.Error) -> CharteError:
    """The French message for a file SQLite cannot read right now, without it being damaged."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name == "SQLITE_READONLY_ROLLBACK":
        return CharteError(
            f"Le fichier « {path} » n'a pas été fermé correctement (arrêt brutal pendant un "
            "enregistrement) : ouvrez-le une fois dans Charte pour qu'il soit remis en ordre."
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return CharteError(
            f"Le fichier « {path} » est occupé par un autre programme : réessayez dans un "
            "instant."
        )
    return CharteError(f"Le fichier « {path} » ne peut pas être lu ({sqlite_reason(error)}).")


def integrity_problem(path: Path) -> str | None:
    """SQLite's integrity check on a read-only connection: None when sound, else the first
    problem, in French.

    The full check, not the quick one, which skips the indexes: a file with a broken index
    would open, then have every backup refused. It costs about as much (0.09 s for the
    large demo). The CHECK constraints, which a read-only connection skips, are looked
    for by `known_values` at opening.
    Raises CharteError, without calling the file damaged, when it cannot be read for
    another reason (busy, left open by a crash, unreachable).
    """
    try:
        connection = connect_sqlite(path, read_only=True)
    except sqlite3.Error as exc:
        if is_damage(exc):
            return french_integrity(str(exc))
        raise unusable_now(path, exc) from None
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        rows = connection.execute("PRAGMA integrity_check(1)").fetchall()
    except sqlite3.Error as exc:
        if is_damage(exc):
            return french_integrity(str(exc))
        raise unusable_now(path, exc) from None
    finally:
        connection.close()
    if rows and rows[0][0] == "ok":
        return None
    lines = [line for row in rows for line in str(row[0]).splitlines()]
    problems = [line for line in lines if line.strip() and not line.startswith("***")]
    return french_integrity(problems[0]) if problems else "vérification d'intégrité en échec"


def set_aside(path: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged file beside itself under a name never used before.

    Its rollback journal, if any, moves with it so the pair stays consistent.
    """
    stamp = (now or clock.now()).astimezone(UTC).strftime(STAMP_FORMAT)
    base = f"{path.stem}{SET_ASIDE_MARK}{stamp}"
    target = path.with_name(f"{base}.sqlite")
    number = 1
    while target.exists() or journal_of(target).exists():
        number += 1
        target = path.with_name(f"{base}-{number}.sqlite")
    try:
        os.rename(path, target)
    except OSError as exc:
        raise CharteError(
            f"Le fichier « {path} » est endommagé et n'a pas pu être mis de côté "
            f"({os_reason(exc)}) : il n'a pas été modifié. Fermez les programmes qui "
            "l'utilisent puis réessayez."
        ) from None
    journal = journal_of(path)
    if journal.exists():
        # Should this fail, the file itself is safe; a restore moves the journal away.
        with contextlib.suppress(OSError):
            os.rename(journal, journal_of(target))
    return target
