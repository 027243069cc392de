"""Read-only health check of a Charte file: integrity, foreign keys, schema version."""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.db.fileguard import inspect_header
from charte_desktop.db.files import read_revision
from charte_desktop.db.schema_version import HEAD_REVISION, refuse_unknown_revision
from charte_desktop.db.sqlite_connection import connect_sqlite

MAX_PROBLEMS = 20


@dataclass
class HealthReport:
    path: Path
    revision: str | None
    integrity_problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return self.revision == HEAD_REVISION

    @property
    def sound(self) -> bool:
        return (
            self.revision is not None
            and not self.integrity_problems
            and not self.foreign_key_problems
        )


def check_file(path: Path) -> HealthReport:
    """Run SQLite's integrity and foreign-key checks without writing a byte.

    Raises CharteError for files that are not Charte files at all (see fileguard);
    a Charte file with problems gets a report listing them.
    """
    inspect_header(path)
    revision = read_revision(path)
    refuse_unknown_revision(revision, str(path))
    report = HealthReport(path, revision)
    connection = connect_sqlite(path, read_only=True)
    try:
        rows = connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
        report.integrity_problems = [row[0] for row in rows if row[0] != "ok"]
        # integrity_check does not look at foreign keys: check them separately.
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            report.foreign_key_problems.append(
                f"table « {table} », ligne {rowid} : référence vers « {parent} » absente"
            )
            if len(report.foreign_key_problems) >= MAX_PROBLEMS:
                break
    except sqlite3.DatabaseError as exc:
        report.integrity_problems.append(str(exc))
    finally:
        connection.close()
    return report
