"""`check`, `backup` and `publish` when the location is a server (postgresql://…)."""

import sys
from pathlib import Path

from charte_desktop.cli.output import terminal_text
from charte_desktop.db.server import ServerAddress


def check(address: ServerAddress) -> int:
    from charte_desktop.db.server_health import check_server

    report = check_server(address)
    if report.problems:
        print(terminal_text(f"La base « {address.label} » a des problèmes : "
                            + " ; ".join(report.problems) + "."), file=sys.stderr)
        return 1
    version = "à jour" if report.up_to_date else "sera mise à jour à la prochaine ouverture"
    print(terminal_text(
        f"Base « {address.label} » saine : tables et colonnes conformes, {report.rows} "
        f"lignes relues, schéma {report.revision} ({version})."))
    return 0


def backup(address: ServerAddress, to: Path | None) -> int:
    from charte_desktop.db.publish import backup_server, server_backup_folder
    from charte_desktop.settings import load_settings

    folder = to or load_settings().backup_folder or server_backup_folder(address)
    print(backup_server(address, folder))
    return 0


def publish(path: Path, address: ServerAddress) -> int:
    from charte_desktop.db.publish import publish as copy_to_server

    copied = copy_to_server(path, address)
    rows = sum(table.rows for table in copied)
    print(terminal_text(
        f"Fichier « {path} » publié dans « {address.label} » : {len(copied)} tables, "
        f"{rows} lignes, chacune vérifiée."))
    return 0
