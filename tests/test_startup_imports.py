"""The window starts, and opens a file, without importing SQLAlchemy.

SQLAlchemy alone takes about half a second to import: the window paints its first screen
from raw sqlite3 while it loads. So the modules the window imports at start, and opening a
file the window's way (lock, checks, backup), must leave it (and Alembic, openpyxl,
python-docx) unloaded until a use case first asks for a session. Each check runs in a fresh
interpreter, which is the only place where "not imported yet" means anything.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import charte_desktop

SOURCE = Path(charte_desktop.__file__).resolve().parents[1]

START_UP_MODULES = (
    "charte_desktop.cli.main",
    "charte_desktop.cli.window_launcher",
    "charte_desktop.ui.app",
    "charte_desktop.ui.main_window",
    "charte_desktop.ui.list_page",
    "charte_desktop.ui.table_model",
    "charte_desktop.ui.context",
    "charte_desktop.ui.file_session",
    "charte_desktop.ui.error_reporting",
    "charte_desktop.ui.i18n",
    "charte_desktop.db",
    "charte_desktop.db.files",
    "charte_desktop.db.backups",
    "charte_desktop.db.copying",
    "charte_desktop.db.lock",
    "charte_desktop.db.health",
    "charte_desktop.db.damaged",
    "charte_desktop.formatting",
    "charte_desktop.settings",
    "charte_desktop.db.enums",
    "charte_desktop.colours",
    "charte_desktop.ui.colours",
    "charte_desktop.ui.core_loader",
    "charte_desktop.ui.pages.actions_frame",
    "charte_desktop.ui.pages.actions_preview",
    "charte_desktop.services.first_screen",
)

# Run first in the child: notes, for each heavy package, the lines of our code that were
# executing when it was first imported, and offers `assert_light(step)`.
SPY = '''
import sys, traceback
HEAVY = ("sqlalchemy", "alembic", "openpyxl", "docx")
culprits = {}

class Spy:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in HEAVY and top not in culprits:
            culprits[top] = [
                f"{frame.filename}:{frame.lineno}: {frame.line}"
                for frame in traceback.extract_stack() if "charte_desktop" in frame.filename
            ]
        return None

sys.meta_path.insert(0, Spy())

def assert_light(step):
    loaded = sorted({m.partition(".")[0] for m in sys.modules} & set(HEAVY))
    if loaded:
        chains = "\\n".join(
            f"{top} first imported by:\\n    " + "\\n    ".join(culprits.get(top, ["?"]))
            for top in loaded
        )
        sys.exit(f"{step} imported {', '.join(loaded)}\\n{chains}")
'''


def run_fresh(body: str) -> subprocess.CompletedProcess[str]:
    """`body` run after SPY in a new interpreter on this checkout's code."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (str(SOURCE), env.get("PYTHONPATH", "")) if part
    )
    return subprocess.run([sys.executable, "-c", SPY + body], capture_output=True, text=True,
                          env=env, timeout=120)


def test_window_start_up_modules_import_neither_sqlalchemy_nor_documents() -> None:
    body = (
        "import importlib\n"
        f"for name in {list(START_UP_MODULES)!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert_light(f'import {name}')\n"
    )
    result = run_fresh(body)
    assert result.returncode == 0, result.stderr


def test_opening_a_file_the_windows_way_leaves_sqlalchemy_until_first_query(
    demo: Path, private_data_folder: Path
) -> None:
    # No backup yet in the data folder: opening makes one, which must stay raw sqlite3 too.
    body = (
        "from pathlib import Path\n"
        "from charte_desktop.ui.file_session import close_file, open_file, "
        "warn_about_location\n"
        f"path = Path({str(demo)!r})\n"
        "opened = open_file(None, path)\n"
        "assert opened is not None\n"
        "assert warn_about_location(None, opened) is None\n"
        "backups = sorted(p.name for p in opened.backup_folder.iterdir())\n"
        "assert_light('open_file')\n"
        "from charte_desktop.services.plans import list_plans\n"
        "plans = [plan.title for plan in list_plans(opened.db)]\n"
        "assert 'sqlalchemy' in sys.modules\n"
        "close_file(opened)\n"
        "import json\n"
        "print(json.dumps({'backups': backups, 'plans': plans}))\n"
    )
    result = run_fresh(body)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert len(seen["backups"]) == 1  # the backup at opening was made, the raw way
    assert seen["plans"]  # the lazily made engine reads the demo territory's plan


def test_open_database_makes_its_engine_on_first_use(demo: Path) -> None:
    body = (
        "from pathlib import Path\n"
        "from charte_desktop.db import open_database\n"
        f"path = Path({str(demo)!r})\n"
        "reader = open_database(path, read_only=True)\n"
        "reader.close()\n"  # never used: nothing to release, nothing to import
        "db = open_database(path)\n"
        "assert_light('open_database')\n"
        "from charte_desktop.services.plans import list_plans\n"
        "assert list_plans(db)\n"
        "assert db.engine is db.engine\n"
        "db.close()\n"
        "reader = open_database(path, read_only=True)\n"
        "assert list_plans(reader)\n"
        "with reader.session() as session:\n"
        "    assert session.connection().exec_driver_sql('PRAGMA query_only').scalar() == 1\n"
        "reader.close()\n"
    )
    result = run_fresh(body)
    assert result.returncode == 0, result.stderr
