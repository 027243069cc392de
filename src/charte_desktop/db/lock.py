"""One Charte window or process per file, decided before anything touches the file.

An OS lock on a lock file beside the database ("charte.sqlite.lock"), held as long as the
file is open: `fcntl.flock` on POSIX, `msvcrt.locking` on Windows. The operating system
drops it when the process ends, however it ends, so a lock file left by a crashed Charte
is free: it is stale and simply taken over. The lock file's content (user, computer,
process, time, as JSON) only serves the refusal message.

Windows locks are mandatory: a locked byte cannot be read by others. The lock is thus taken
on one byte far beyond the JSON text, which stays readable.
"""

import contextlib
import errno
import getpass
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from charte_desktop import clock
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason

if TYPE_CHECKING:
    from charte_desktop.db.server import ServerAddress

LOCK_SUFFIX = ".lock"
_LOCK_OFFSET = 1 << 20  # the locked byte, far beyond the JSON content (Windows)
_MAX_CONTENT = 4096

# Locks held by this process, by normalised database path: a second window is refused
# whatever the platform does with two locks of one process.
_held: dict[str, "FileLock"] = {}
_held_guard = threading.Lock()


@dataclass(frozen=True)
class LockOwner:
    """Who holds a file open: shown in the refusal message, never trusted for the lock."""

    user: str
    host: str
    pid: int
    since: datetime  # local time, aware

    def to_json(self) -> str:
        return json.dumps(
            {
                "application": "Charte",
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(timespec="seconds"),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, content: str) -> "LockOwner | None":
        """The owner written in a lock file; None when unreadable (being written, foreign)."""
        try:
            data: Any = json.loads(content)
            since = datetime.fromisoformat(data["since"])
            if since.tzinfo is None:
                since = since.astimezone()
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), since)
        except (ValueError, TypeError, KeyError):
            return None

    @classmethod
    def current(cls) -> "LockOwner":
        try:
            user = getpass.getuser()
        except Exception:  # no login name (some services, containers)
            user = os.environ.get("USERNAME") or os.environ.get("USER") or "?"
        host = socket.gethostname() or os.environ.get("COMPUTERNAME") or "?"
        return cls(user, host, os.getpid(), clock.now().astimezone().replace(microsecond=0))


def lock_path_for(db_path: Path) -> Path:
    """The lock file of a database: beside it, its name plus ".lock"."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _key(db_path: Path) -> str:
    return os.path.normcase(os.path.realpath(db_path))


def _since_text(since: datetime, now: datetime | None = None) -> str:
    """"depuis 14h05" today, "depuis le 12/03/2026 à 14h05" another day."""
    now = now or clock.now().astimezone()
    local = since.astimezone(now.tzinfo)
    hour = f"{local.hour}h{local.minute:02d}"
    if local.date() == now.date():
        return f"depuis {hour}"
    return f"depuis le {local:%d/%m/%Y} à {hour}"


def already_open_message(db_path: Path, owner: LockOwner | None) -> str:
    """The French refusal: who holds the file when the lock file says so."""
    if owner is None:
        where = " (dans une autre fenêtre ou sur un autre poste)"
    else:
        where = f" (par {owner.user} sur {owner.host}, {_since_text(owner.since)})"
    return (
        f"Le fichier « {db_path} » est déjà ouvert dans Charte{where}. "
        "Fermez l'autre fenêtre, ou ouvrez une copie."
    )


# --- OS locks ------------------------------------------------------------------------------

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:  # EACCES / EDEADLOCK: another handle holds it
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):  # held elsewhere
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)


def _read_content(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, _MAX_CONTENT).decode("utf-8", errors="replace")


def _read_owner(lock_path: Path) -> LockOwner | None:
    try:
        with lock_path.open("rb") as handle:
            return LockOwner.from_json(handle.read(_MAX_CONTENT).decode("utf-8", "replace"))
    except OSError:
        return None


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file locked through `fd` (not deleted, not replaced)."""
    try:
        on_disk = path.stat()
    except OSError:
        return False
    opened = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (opened.st_dev, opened.st_ino)


class FileLock:
    """The lock on one Charte file, held until `release()` (or the process ends)."""

    def __init__(self, db_path: Path, lock_path: Path, fd: int, owner: LockOwner,
                 stale_owner: LockOwner | None) -> None:
        self.db_path = db_path
        self.lock_path = lock_path
        self.owner = owner
        # Who held it last when the lock file was left by a process that ended without
        # releasing it (a crash, a power cut): worth a line in a log, nothing more.
        self.stale_owner = stale_owner
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let another window or process open the file; the lock file is removed."""
        with _held_guard:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
            if _held.get(_key(self.db_path)) is self:
                del _held[_key(self.db_path)]
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        if sys.platform == "win32":
            # An open file cannot be deleted on Windows: unlock and close first. Another
            # process that has it open then keeps it; that is harmless.
            _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
        else:
            # Deleted while still locked: whoever opened it meanwhile sees, once it gets the
            # lock, that the path no longer names its file and tries again.
            with contextlib.suppress(OSError):
                if _same_file(fd, self.lock_path):
                    self.lock_path.unlink()
            _unlock(fd)
            os.close(fd)

    def __enter__(self) -> "FileLock":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "held" if self.held else "released"
        return f"FileLock({str(self.db_path)!r}, {state})"


def acquire_lock(db_path: Path) -> FileLock:
    """Lock `db_path` for this process, or raise CharteError if Charte already has it open.

    Only the lock file beside it is created or written: the database file itself is not
    opened, so a refusal leaves it byte-identical. A lock file whose OS lock nobody holds
    (left by a crash) is stale and taken over.
    """
    db_path = Path(db_path)
    key = _key(db_path)
    lock_path = lock_path_for(db_path)
    with _held_guard:
        mine = _held.get(key)
        if mine is not None:
            raise CharteError(already_open_message(db_path, mine.owner))
        for _attempt in range(5):
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
            except OSError as exc:
                raise CharteError(
                    f"Charte ne peut pas ouvrir le fichier « {db_path} » : il ne peut pas "
                    f"créer à côté le fichier « {lock_path.name} » qui évite de l'ouvrir "
                    f"deux fois ({os_reason(exc)}). Vérifiez que vous pouvez écrire dans ce "
                    "dossier, ou ouvrez une copie."
                ) from None
            try:
                if not _try_lock(fd):
                    raise CharteError(already_open_message(db_path, _read_owner(lock_path)))
                if sys.platform != "win32" and not _same_file(fd, lock_path):
                    _unlock(fd)  # released and deleted by its holder meanwhile: again
                    os.close(fd)
                    continue
                stale_owner = LockOwner.from_json(_read_content(fd))
                owner = LockOwner.current()
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, owner.to_json().encode("utf-8"))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.close(fd)
                raise
            lock = FileLock(db_path, lock_path, fd, owner, stale_owner)
            _held[key] = lock
            return lock
    raise CharteError(already_open_message(db_path, _read_owner(lock_path)))


@contextmanager
def locked_if_exists(db_path: "Path | ServerAddress") -> Iterator[None]:
    """Hold the file's lock while replacing or writing it, so that a file open in a Charte
    window is never replaced under it (a new file has no one to protect).

    A read-only file is refused first: every writing command says so, in one place. A
    server is shared by design: there is no lock to take, the server orders the writes.
    """
    from charte_desktop.db.read_only import refuse_if_read_only

    if not isinstance(db_path, Path) or not db_path.exists():
        yield
        return
    refuse_if_read_only(Path(db_path))
    with acquire_lock(db_path):
        yield
