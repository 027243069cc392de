"""Read-only health check of a Charte file: the verdict a backup would give, and more.

Integrity (CHECK constraints included), foreign keys, the tables and columns its schema
revision must hold, stored values outside their closed lists. Nothing is written.
"""

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from charte_desktop.db.expected_schema import schema_problems
from charte_desktop.db.fileguard import inspect_header
from charte_desktop.db.integrity_text import BREAKS_A_RULE, french_integrity
from charte_desktop.db.known_values import encoding_problems, rule_problems, value_problems
from charte_desktop.db.memory_copy import memory_copy
from charte_desktop.db.schema_version import HEAD_REVISION, read_revision, refuse_unknown_revision
from charte_desktop.db.sqlite_connection import connect_sqlite

MAX_PROBLEMS = 20


@dataclass
class HealthReport:
    path: Path
    revision: str | None
    integrity_problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    schema_problems: list[str] = field(default_factory=list)
    value_problems: list[str] = field(default_factory=list)
    rule_problems: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return self.revision == HEAD_REVISION

    @property
    def problems(self) -> list[str]:
        """Every problem, the most telling first (a named value before SQLite's word)."""
        return [*self.value_problems, *self.rule_problems, *self.schema_problems,
                *self.integrity_problems, *self.foreign_key_problems]

    @property
    def sound(self) -> bool:
        return self.revision is not None and not self.problems

    def verdict(self) -> str | None:
        """One French line on what is wrong with the file; None when it is sound."""
        problems = self.problems
        if self.revision is None:
            return f"Le fichier « {self.path} » est incomplet : il ne contient pas de base Charte."
        if not problems:
            return None
        what = content_heading(self.value_problems, self.rule_problems,
                               self.schema_problems) or "est endommagé"
        more = f" (et {len(problems) - 1} autre(s) problème(s))" if len(problems) > 1 else ""
        return f"Le fichier « {self.path} » {what} : {lower_first(problems[0])}{more}."


def content_heading(unknown: list[str], broken: list[str], missing: list[str]) -> str | None:
    """What the file's first content problem is about: the start of a French verdict."""
    if unknown:
        return "contient des valeurs inconnues de Charte"
    if broken:
        return "contient des valeurs que Charte n'accepte pas"
    if missing:
        return "n'a pas la structure attendue par Charte"
    return None


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _integrity_problems(path: Path, connection: sqlite3.Connection) -> list[str]:
    """integrity_check on a writable copy in memory: on a read-only connection SQLite
    skips the CHECK constraints, which the copy made by a backup does not."""
    try:
        copy = memory_copy(path)
    except sqlite3.DatabaseError:
        copy = None  # pages too broken to copy: check the file itself
    try:
        rows = (copy or connection).execute(
            f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    finally:
        if copy is not None:
            copy.close()
    return [french_integrity(str(row[0])) for row in rows if row[0] != "ok"]


def content_problems(connection: sqlite3.Connection,
                     revision: str) -> tuple[list[str], list[str], list[str]]:
    """(unknown stored values, rows breaking a rule, missing tables or columns): a few
    cheap queries, run at every opening."""
    return (value_problems(connection, MAX_PROBLEMS), rule_problems(connection, MAX_PROBLEMS),
            schema_problems(connection, revision))


def check_file(path: Path, *, every_text: bool = False) -> HealthReport:
    """Run every check without writing a byte; `every_text` also reads every stored
    text for bytes that are not UTF-8 (the `check` command: a backup need not).

    Raises CharteError for files that are not Charte files at all (see fileguard);
    a Charte file with problems gets a report listing them.
    """
    inspect_header(path)
    revision = read_revision(path)
    refuse_unknown_revision(revision, str(path))
    report = HealthReport(path, revision)
    connection = connect_sqlite(path, read_only=True)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        report.integrity_problems = _integrity_problems(path, connection)
        # integrity_check does not look at foreign keys: check them separately.
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check"):
            report.foreign_key_problems.append(
                f"table « {table} », ligne {rowid} : référence vers « {parent} » absente"
            )
            if len(report.foreign_key_problems) >= MAX_PROBLEMS:
                break
        if revision is not None:
            (report.value_problems, report.rule_problems,
             report.schema_problems) = content_problems(connection, revision)
            if every_text:  # about 0.15 s on the large territory: not for each backup
                report.value_problems += encoding_problems(connection, MAX_PROBLEMS)
            if report.value_problems or report.rule_problems:
                # Those rows are named above: SQLite's bare "CHECK failed" would repeat them.
                report.integrity_problems = [
                    line for line in report.integrity_problems
                    if not line.endswith(BREAKS_A_RULE)]
    except sqlite3.DatabaseError as exc:
        report.integrity_problems.append(french_integrity(str(exc)))
    finally:
        connection.close()
    return report
