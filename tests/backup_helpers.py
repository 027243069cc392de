"""Helpers shared by the backup, damaged-file and command-line backup tests."""

import shutil
import sqlite3
from pathlib import Path, PureWindowsPath

from charte_desktop.db import create_database

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                    *(f"LPT{i}" for i in range(1, 10))}


def valid_on_windows(name: str) -> bool:
    pure = PureWindowsPath(name)
    return (
        pure.name == name
        and not WINDOWS_FORBIDDEN & set(name)
        and all(ord(char) >= 32 for char in name)
        and not name.endswith((".", " "))
        and name.split(".")[0].upper() not in WINDOWS_RESERVED
    )


def build_demo(path: Path) -> Path:
    from charte_desktop.demo import fill_small_demo

    create_database(path, fill=lambda database: fill_small_demo(database)).close()
    return path


def copy_file(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two files with equal results hold the same data."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def count(path: Path, table: str) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def corrupt_an_index_page(path: Path) -> None:
    """Break one index b-tree page in the middle of the file: the header stays valid and
    the schema readable, but SQLite's quick check fails."""
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    roots = [row[0] for row in connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name NOT LIKE "
        "'%alembic%' ORDER BY rootpage")]
    connection.close()
    page = roots[len(roots) // 2]
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    data[start + 8:start + page_size] = b"\xff" * (page_size - 8)
    path.write_bytes(bytes(data))
