"""The officer's settings shared by the window and the command line.

A small JSON file, `reglages.json`, in the user's local data folder. Reading never fails:
a missing, unreadable or hand-edited file gives the defaults (field by field), because a
settings problem must never stop the officer from opening their record. Writing is atomic
(temporary file, then `os.replace`) and keeps keys this version does not know.
"""

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charte_desktop.paths import data_folder

SETTINGS_FILE_NAME = "reglages.json"

# Bounds a hand-edited file cannot go beyond (a value outside them falls back to default).
_INT_BOUNDS: dict[str, tuple[int, int]] = {
    "backup_interval_hours": (1, 24 * 366),
    "keep_daily": (0, 3660),
    "keep_weekly": (0, 520),
    "keep_monthly": (0, 1200),
}


@dataclass
class AppSettings:
    """Backup settings; `backup_folder=None` means the default folder of each file."""

    backup_folder: Path | None = None
    backup_interval_hours: int = 24
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    word_template: Path | None = None  # the officer's own .docx template, if chosen


def settings_path() -> Path:
    return data_folder() / SETTINGS_FILE_NAME


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_settings(path: Path | None = None) -> AppSettings:
    """The saved settings, or the defaults for anything missing or invalid. Never raises."""
    data = _read_json(path or settings_path())
    settings = AppSettings()
    folder = data.get("backup_folder")
    if isinstance(folder, str) and folder.strip():
        settings.backup_folder = Path(folder)
    template = data.get("word_template")
    if isinstance(template, str) and template.strip():
        settings.word_template = Path(template)
    for name, (low, high) in _INT_BOUNDS.items():
        value = data.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            setattr(settings, name, value)
    return settings


def save_settings(settings: AppSettings, path: Path | None = None) -> None:
    """Write the settings atomically: the old file stays whole if anything fails.

    Raises OSError when the folder cannot be written (the caller tells the officer).
    """
    target = path or settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    data = _read_json(target)  # keep keys written by other parts or newer versions
    data.update(
        backup_folder=str(settings.backup_folder) if settings.backup_folder else None,
        backup_interval_hours=settings.backup_interval_hours,
        keep_daily=settings.keep_daily,
        keep_weekly=settings.keep_weekly,
        keep_monthly=settings.keep_monthly,
        word_template=str(settings.word_template) if settings.word_template else None,
    )
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
