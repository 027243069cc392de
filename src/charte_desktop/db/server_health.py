"""`check` on a server: the base is Charte's, its tables and columns are the models', and
every row reads back through the models' types (an unknown stored value is named)."""

from __future__ import annotations

from dataclasses import dataclass, field

from charte_desktop.db.schema_version import HEAD_REVISION
from charte_desktop.db.server import ServerAddress


@dataclass
class ServerReport:
    revision: str | None
    rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return self.revision == HEAD_REVISION


def check_server(address: ServerAddress) -> ServerReport:
    """Read the whole base without writing (a read-only transaction on the server)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import select

    from charte_desktop.db.models import Base
    from charte_desktop.db.server_database import open_server
    from charte_desktop.db.table_copy import charte_tables

    with open_server(address, read_only=True) as db, db.engine.connect() as connection:
        from charte_desktop.db.migrate import current_revision

        report = ServerReport(current_revision(connection))
        # Tables and columns, not their types: a server stores amounts in BIGINT.
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, Base.metadata)
        report.problems += [_difference(item) for item in differences[:20]]
        for table in charte_tables():
            try:
                report.rows += len(connection.execute(select(table)).all())
            except LookupError:
                report.problems.append(
                    f"table « {table.name} » : valeurs enregistrées inconnues de Charte")
    return report


def _difference(item: object) -> str:
    """One schema difference, named for an administrator (tables and columns)."""
    if isinstance(item, tuple) and item and isinstance(item[0], str):
        kind = item[0]
        target = item[1] if len(item) > 1 else None
        name = getattr(target, "name", None) or getattr(target, "fullname", None)
        if kind.startswith("add_"):
            return f"{kind[4:]} « {name} » manquant(e) sur le serveur"
        if kind.startswith("remove_"):
            return f"{kind[7:]} « {name} » inconnu(e) de Charte sur le serveur"
        return f"{kind} « {name} »"
    return "colonne différente de celle de Charte"
