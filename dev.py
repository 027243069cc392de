#!/usr/bin/env python3
"""One command for each developer task, on any machine that has Python >= 3.11.

    python3 dev.py demo    set up, then open the window on a fresh copy of the demo territory
    python3 dev.py test    set up, then run the whole test suite, the linter and the type checker
    python3 dev.py bench   set up, then run the benchmark on the large territory
    python3 dev.py bundle  set up, then build the bundled program, smoke-test it and compile
                           its installer (installer/build.py; makensis must be installed)

"Set up" creates `.venv/` beside this file and installs Charte into it with its test and
build tools; it is redone only when pyproject.toml changes.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MARKER = VENV / ".installed-from"


def venv_bin(name: str) -> Path:
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    return folder / (f"{name}.exe" if os.name == "nt" else name)


def set_up() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script may run on an old Python)
        sys.exit("Charte demande Python 3.11 ou plus récent.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if MARKER.exists() and MARKER.read_text() == wanted:
        return
    if not venv_bin("python").exists():
        print("Création de l'environnement .venv…", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installation de Charte et de ses outils de test et de construction…", flush=True)
    python = str(venv_bin("python"))
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test,build]"],
                   check=True)
    MARKER.write_text(wanted)


def run(*command: str | Path) -> int:
    return subprocess.run([str(part) for part in command], cwd=ROOT).returncode


def demo() -> int:
    return run(venv_bin("charte-desktop"), "--demo")


# The whole suite again on the server: tests/conftest.py keeps the tests that make a base
# there (the `db` and `demo_db` fixtures, not marked `file_only`), and only them.
SERVER_SUITES = ("tests",)


def run_on_server() -> int:
    environment = dict(os.environ, CHARTE_TEST_ENGINE="postgresql")
    return subprocess.run([str(venv_bin("python")), "-m", "pytest", "-q", *SERVER_SUITES],
                          cwd=ROOT, env=environment).returncode


def test() -> int:
    """The tests, the linter and the type checker, each run whatever the others say: one
    report of everything to fix. Fails if any fails."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the window's tests need no screen
    results = {
        "pytest": run(venv_bin("python"), "-m", "pytest", "-q"),
        # With a test server (CI starts one: .ci/postgres.sh), the use cases and what is
        # built on them run again on PostgreSQL: the `db` fixture makes a base there.
        **({"pytest (PostgreSQL)": run_on_server()} if os.environ.get("CHARTE_TEST_SERVER")
           else {}),
        "ruff": run(venv_bin("ruff"), "check", "src", "tests", "bench", "installer",
                    "resources", "dev.py"),
        "mypy": run(venv_bin("mypy")),  # what it checks: [tool.mypy] in pyproject.toml
    }
    failed = [name for name, code in results.items() if code]
    print(f"Échec : {', '.join(failed)}." if failed else "Tests, ruff et mypy : tout passe.")
    return 1 if failed else 0


def bench() -> int:
    return run(venv_bin("python"), ROOT / "bench" / "bench.py")


def bundle() -> int:
    return run(venv_bin("python"), ROOT / "installer" / "build.py")


TASKS = {"demo": demo, "test": test, "bench": bench, "bundle": bundle}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        sys.exit(f"utilisation : python3 dev.py {{{','.join(TASKS)}}}")
    set_up()
    sys.exit(TASKS[sys.argv[1]]())
