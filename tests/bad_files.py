"""Builders of files Charte must refuse untouched: shared by db and command-line tests."""

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from charte_desktop.db import create_database


def empty_file(folder: Path) -> Path:
    path = folder / "vide.sqlite"
    path.write_bytes(b"")
    return path


def text_file(folder: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("Compte rendu du COPIL\n" * 20, encoding="utf-8")
    return path


def foreign_sqlite(folder: Path) -> Path:
    path = folder / "autre.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    connection.close()
    return path


def _charte_file(folder: Path, name: str) -> Path:
    path = folder / name
    create_database(path).close()
    return path


def truncated_file(folder: Path) -> Path:
    path = _charte_file(folder, "tronque.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def truncated_mid_page(folder: Path) -> Path:
    path = _charte_file(folder, "coupe.sqlite")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 1000])
    return path


def newer_version_file(folder: Path) -> Path:
    path = _charte_file(folder, "futur.sqlite")
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    return path


def missing_file(folder: Path) -> Path:
    return folder / "absent.sqlite"


def copy_of(path: Path, folder: Path) -> Path:
    target = folder / f"copie-{path.name}"
    shutil.copyfile(path, target)
    return target


# (builder, words the French message must contain)
BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (missing_file, "introuvable"),
    "empty": (empty_file, "est vide"),
    "text": (text_file, "n'est pas une base de données Charte"),
    "foreign": (foreign_sqlite, "d'une autre application"),
    "truncated": (truncated_file, "tronqué"),
    "truncated_mid_page": (truncated_mid_page, "tronqué"),
    "newer": (newer_version_file, "version plus récente"),
}
