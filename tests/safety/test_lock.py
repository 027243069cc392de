"""One instance per file: a second window or process is refused before touching the file."""

import os
import signal
import socket
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from charte_desktop.db import create_database
from charte_desktop.db.lock import (
    LockOwner,
    _since_text,
    acquire_lock,
    already_open_message,
    lock_path_for,
)
from charte_desktop.errors import CharteError

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="tests the fcntl branch")
ROOT = Path(__file__).resolve().parents[2]

# Holds the lock until its stdin closes (or it is killed).
HOLDER = """
import sys
from pathlib import Path
from charte_desktop.db.lock import acquire_lock
lock = acquire_lock(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.read()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "charte.sqlite"
    create_database(path).close()
    return path


def start_holder(path: Path, user: str = "camille") -> subprocess.Popen[str]:
    environment = dict(os.environ, LOGNAME=user, USER=user, USERNAME=user)
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_second_acquisition_in_the_same_process_is_refused(file: Path) -> None:
    with acquire_lock(file) as lock:
        assert lock.held
        with pytest.raises(CharteError) as refusal:
            acquire_lock(file)
        assert "est déjà ouvert dans Charte" in refusal.value.message
        assert f"sur {socket.gethostname()}" in refusal.value.message
        assert "Fermez l'autre fenêtre, ou ouvrez une copie." in refusal.value.message
        # Another spelling of the same file is the same file.
        relative = Path(os.path.relpath(file))
        with pytest.raises(CharteError):
            acquire_lock(relative)
    assert not lock.held


def test_release_then_acquire_again(file: Path) -> None:
    lock = acquire_lock(file)
    assert lock_path_for(file).exists()
    lock.release()
    lock.release()  # twice is harmless
    assert not lock_path_for(file).exists()
    with acquire_lock(file) as again:
        assert again.held
        assert again.stale_owner is None


def test_lock_file_names_the_holder(file: Path) -> None:
    with acquire_lock(file):
        owner = LockOwner.from_json(lock_path_for(file).read_text(encoding="utf-8"))
    assert owner is not None
    assert owner.pid == os.getpid()
    assert owner.host == socket.gethostname()


@posix_only
def test_another_process_holding_the_file_is_named_and_the_file_untouched(file: Path) -> None:
    holder = start_holder(file, user="camille")
    try:
        before = snapshot(file)
        with pytest.raises(CharteError) as refusal:
            acquire_lock(file)
        message = refusal.value.message
        assert message.startswith(f"Le fichier « {file} » est déjà ouvert dans Charte (par camille")
        assert f"sur {socket.gethostname()}, depuis " in message
        assert snapshot(file) == before
        assert not Path(f"{file}-journal").exists()
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        assert holder.stdout.readline().strip() == "released"
        holder.wait(30)
    # Closed in the other process: free here.
    with acquire_lock(file) as lock:
        assert lock.stale_owner is None


@posix_only
def test_lock_left_by_a_killed_process_is_stale_and_taken_over(file: Path) -> None:
    holder = start_holder(file, user="dominique")
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    assert lock_path_for(file).exists()  # left behind, with its content
    with acquire_lock(file) as lock:
        assert lock.stale_owner is not None
        assert lock.stale_owner.pid == holder.pid
        assert lock.stale_owner.user == "dominique"
        assert lock.owner.pid == os.getpid()


def test_unreadable_lock_file_without_holder_is_taken_over(file: Path) -> None:
    lock_path_for(file).write_bytes(b"\x00garbage")
    with acquire_lock(file) as lock:
        assert lock.stale_owner is None
        written = LockOwner.from_json(lock_path_for(file).read_text(encoding="utf-8"))
        assert written is not None and written.since == lock.owner.since


def test_refusal_when_the_lock_file_cannot_be_created(tmp_path: Path) -> None:
    missing = tmp_path / "absent" / "charte.sqlite"
    with pytest.raises(CharteError, match="ne peut pas créer"):
        acquire_lock(missing)


def test_message_wording() -> None:
    now = datetime(2026, 3, 12, 16, 30).astimezone()
    today = LockOwner("Camille", "PC-URBA", 42, now.replace(hour=14, minute=5))
    assert _since_text(today.since, now) == "depuis 14h05"
    assert _since_text(today.since - timedelta(days=1), now) == "depuis le 11/03/2026 à 14h05"
    message = already_open_message(Path("charte.sqlite"), None)
    assert message == (
        "Le fichier « charte.sqlite » est déjà ouvert dans Charte (dans une autre fenêtre "
        "ou sur un autre poste). Fermez l'autre fenêtre, ou ouvrez une copie."
    )
