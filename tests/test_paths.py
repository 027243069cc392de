"""The default file lives in the user's local data folder."""

from pathlib import Path

import pytest

from charte_desktop import paths


def test_default_database_is_in_the_local_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.default_database_path() == tmp_path / "Charte" / "charte.sqlite"


def test_windows_folder_is_local_appdata_not_roaming(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    captured: dict[str, object] = {}

    def fake_user_data_path(*args: object, **kwargs: object) -> Path:
        captured.update(kwargs)
        return Path("/x")

    monkeypatch.setattr(platformdirs, "user_data_path", fake_user_data_path)
    paths.data_folder()
    assert captured["roaming"] is False and captured["appauthor"] is False
