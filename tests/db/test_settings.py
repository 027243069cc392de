"""Settings: defaults whatever the file holds, atomic saves, unknown keys kept."""

import json
import os
from pathlib import Path

import pytest

from charte_desktop.settings import AppSettings, load_settings, save_settings, settings_path


def test_defaults() -> None:
    settings = AppSettings()
    assert settings.backup_folder is None and settings.backup_interval_hours == 24
    assert (settings.keep_daily, settings.keep_weekly, settings.keep_monthly) == (7, 4, 12)


def test_file_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert settings_path() == tmp_path / "donnees" / "Charte" / "reglages.json"


def test_missing_file_gives_defaults() -> None:
    assert load_settings() == AppSettings()


def test_round_trip_in_the_default_place(tmp_path: Path) -> None:
    chosen = AppSettings(backup_folder=tmp_path / "clé USB" / "sauvegardes",
                         backup_interval_hours=6, keep_daily=10, keep_weekly=8,
                         keep_monthly=24)
    save_settings(chosen)
    assert load_settings() == chosen
    assert json.loads(settings_path().read_text(encoding="utf-8"))["keep_daily"] == 10
    assert sorted(p.name for p in settings_path().parent.iterdir()) == ["reglages.json"]


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe\x00garbage", b"[1, 2]", b"null", b'"texte"',
     json.dumps({"backup_folder": 3, "backup_interval_hours": "24", "keep_daily": -1,
                 "keep_weekly": True, "keep_monthly": 10**9}).encode()],
)
def test_unreadable_or_invalid_file_gives_defaults(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "reglages.json"
    path.write_bytes(content)
    assert load_settings(path) == AppSettings()


def test_a_folder_in_place_of_the_file_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "reglages.json").mkdir()
    assert load_settings(tmp_path / "reglages.json") == AppSettings()


def test_valid_fields_are_kept_beside_invalid_ones(tmp_path: Path) -> None:
    path = tmp_path / "reglages.json"
    path.write_text(json.dumps({"keep_daily": 3, "keep_weekly": "beaucoup"}), encoding="utf-8")
    assert load_settings(path) == AppSettings(keep_daily=3)


def test_save_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "reglages.json"
    path.write_text(json.dumps({"dernier_fichier": "C:\\charte.sqlite"}), encoding="utf-8")
    save_settings(AppSettings(keep_monthly=6), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["dernier_fichier"] == "C:\\charte.sqlite" and data["keep_monthly"] == 6


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "reglages.json"
    save_settings(AppSettings(keep_daily=2), path)
    before = path.read_bytes()

    def failing_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        save_settings(AppSettings(keep_daily=9), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reglages.json"]
