"""The installer's inputs agree with the app: version, data folder, settings key, icon."""

import re
import struct
from pathlib import Path

import pytest
from installer.version_resource import (
    check_version_file_text,
    numeric_version,
    project_version,
    version_file_text,
)

import charte_desktop
from charte_desktop.paths import APP_NAME

ROOT = Path(__file__).resolve().parent.parent
NSIS_SCRIPT = (ROOT / "installer" / "charte.nsi").read_bytes().decode("utf-8-sig")


def nsis_define(name: str) -> str:
    found = re.search(rf'^!define {name} "([^"]*)"', NSIS_SCRIPT, re.MULTILINE)
    assert found, name
    return found.group(1)


def test_the_bundle_and_installer_carry_the_version_the_app_shows() -> None:
    version = project_version()
    assert version == charte_desktop.__version__  # « À propos » and the installer agree
    strings = check_version_file_text(version_file_text(version))
    assert strings["ProductVersion"] == strings["FileVersion"] == version
    assert strings["OriginalFilename"] == "Charte.exe"


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)),
    ("2.3", (2, 3, 0, 0)),
    ("1.4.2rc1", (1, 4, 2, 0)),
    ("1.0.0.dev3+g1234", (1, 0, 0, 0)),
    ("3.2.1.7", (3, 2, 1, 7)),
])
def test_windows_gets_four_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert numeric_version(version) == numbers


@pytest.mark.parametrize("version", ["dev", "70000.1"])
def test_a_version_windows_cannot_hold_is_refused(version: str) -> None:
    with pytest.raises(ValueError):
        numeric_version(version)


def test_the_uninstaller_removes_the_data_folder_the_app_uses() -> None:
    # platformdirs' local data folder on Windows is %LOCALAPPDATA%\<APP_NAME> (paths.py).
    assert nsis_define("DATA_DIR") == rf"$LOCALAPPDATA\{APP_NAME}"
    # QSettings("Charte", "Charte") lives under HKCU\Software\Charte (ui/app.py).
    assert nsis_define("QT_SETTINGS_KEY") == r"Software\Charte"
    assert 'Section /o "un.Mes données' in NSIS_SCRIPT  # kept unless ticked
    assert "RequestExecutionLevel user" in NSIS_SCRIPT
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\Charte"' in NSIS_SCRIPT


def test_the_icon_holds_every_size_windows_asks_for() -> None:
    data = (ROOT / "resources" / "charte.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for index in range(count):
        width, height, *_rest, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index:22 + 16 * index])
        assert offset + length <= len(data)
        sizes.add(width or 256)
        assert width == height
    assert {16, 24, 32, 48, 256} <= sizes
    png = (ROOT / "src" / "charte_desktop" / "resources" / "charte.png").read_bytes()
    assert png.startswith(b"\x89PNG") and struct.unpack(">II", png[16:24]) == (256, 256)
