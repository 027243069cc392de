"""Writing over a file open in Word: a French message, the old file intact, no leftovers."""

import os
from pathlib import Path

import pytest

from charte_desktop.db import Database
from charte_desktop.errors import CharteError
from charte_desktop.exports.minutes import write_minutes
from charte_desktop.exports.safe_write import write_atomically


def test_locked_target_keeps_the_old_file(
    demo_db: Database, held_meeting_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / "Compte rendu.docx"
    target.write_bytes(b"ancienne version")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(CharteError) as caught:
        write_minutes(demo_db, held_meeting_id, target)
    assert caught.value.message == (
        f"Le fichier « {target} » est ouvert dans un autre programme (Word ?) : "
        "fermez-le puis recommencez."
    )
    assert target.read_bytes() == b"ancienne version"
    assert sorted(p.name for p in folder.iterdir()) == ["Compte rendu.docx"]


def test_windows_sharing_violation_is_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = OSError(13, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]

    def locked(src: object, dst: object) -> None:
        raise error

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(CharteError, match="ouvert dans un autre programme"):
        write_atomically(tmp_path / "a.docx", lambda stream: stream.write(b"x"))
    assert list(tmp_path.iterdir()) == []


def test_failure_while_writing_leaves_nothing(tmp_path: Path) -> None:
    def fail(stream: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "a.docx", fail)
    assert list(tmp_path.iterdir()) == []


def test_write_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    assert write_atomically(target, lambda stream: stream.write(b"new")) == target
    assert target.read_bytes() == b"new" and len(list(tmp_path.iterdir())) == 1


def test_missing_folder_and_folder_target_are_french_errors(tmp_path: Path) -> None:
    with pytest.raises(CharteError, match=r"Le dossier .* n'existe pas"):
        write_atomically(tmp_path / "absent" / "a.docx", lambda stream: stream.write(b"x"))
    with pytest.raises(CharteError, match="est un dossier"):
        write_atomically(tmp_path, lambda stream: stream.write(b"x"))
