"""`charte-desktop demo FILE [--size small|large] [--force]`."""

import sys
from pathlib import Path

from sqlalchemy import func, select

from charte_desktop.db import Database, create_database
from charte_desktop.db.lock import locked_if_exists
from charte_desktop.db.models import Action, Contact, Indicator, Meeting


def _summary(db: Database) -> str:
    with db.session() as session:
        counts = [
            session.scalar(select(func.count()).select_from(model))
            for model in (Action, Meeting, Indicator, Contact)
        ]
    return "{} actions, {} réunions, {} indicateurs, {} contacts".format(*counts)


def run_demo(path: Path, *, size: str, force: bool) -> int:
    from charte_desktop.demo import fill_large_demo, fill_small_demo

    fill = fill_large_demo if size == "large" else fill_small_demo
    if size == "large":
        print("Génération du grand territoire de démonstration…", file=sys.stderr)
    with locked_if_exists(path):  # --force never replaces a file open in Charte
        db = create_database(path, overwrite=force, fill=lambda database: fill(database))
    try:
        print(f"Territoire de démonstration écrit dans « {path} » : {_summary(db)}.")
    finally:
        db.close()
    return 0
