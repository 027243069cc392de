"""The Wine check of the installer (installer/wine_check.py, `build.py wine`), without Wine:
its checks read a fake prefix and the text `wine reg query` prints."""

import re
from pathlib import Path

import pytest
from installer import build, wine_check
from installer.version_resource import next_version
from installer.wine_check import (
    UNINSTALL_KEY,
    UNINSTALLER,
    Prefix,
    WineCheckError,
    check_data,
    check_installed,
    check_uninstalled,
    check_upgraded,
    make_officer_data,
    parse_reg_query,
)

from charte_desktop.db.backups import BACKUP_FOLDER_NAME
from charte_desktop.paths import DEFAULT_FILE_NAME
from charte_desktop.settings import SETTINGS_FILE_NAME

ROOT = Path(__file__).resolve().parent.parent
NSIS_SCRIPT = (ROOT / "installer" / "charte.nsi").read_bytes().decode("utf-8-sig")
PROGRAM = r"C:\users\agent\AppData\Local\Programs\Charte"


def reg_output(version: str = "0.1.1", *, publisher: str = "Charte",
               key: str = "Charte") -> str:
    """What `wine reg query HKCU\\...\\Uninstall /s` printed in a real run."""
    return f"""
HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{key}
    DisplayIcon    REG_SZ    {PROGRAM}\\Charte.exe,0
    DisplayName    REG_SZ    Charte
    DisplayVersion    REG_SZ    {version}
    EstimatedSize    REG_DWORD    0x9d
    InstallLocation    REG_SZ    {PROGRAM}
    NoModify    REG_DWORD    0x1
    Publisher    REG_SZ    {publisher}
    QuietUninstallString    REG_SZ    "{PROGRAM}\\D\ufffdsinstaller Charte.exe" /S
    UninstallString    REG_SZ    "{PROGRAM}\\D\ufffdsinstaller Charte.exe"

HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Autre
    DisplayName    REG_SZ    Un autre programme
    (Default)    REG_SZ
"""


def fake_prefix(root: Path, *, installed: bool = True) -> Prefix:
    """A prefix after a silent install: what the real run found, for user « agent »."""
    (root / "drive_c" / "users" / "Public").mkdir(parents=True)
    prefix = Prefix(root)
    user = root / "drive_c" / "users" / "agent"
    user.mkdir()
    assert prefix.user == user
    if installed:
        (prefix.program / "_internal").mkdir(parents=True)
        for path in (prefix.program / "Charte.exe", prefix.program / UNINSTALLER,
                     prefix.start_menu_shortcut, prefix.desktop_shortcut):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"x")
    return prefix


def test_reg_query_output_is_read_key_by_key() -> None:
    keys = parse_reg_query(reg_output())
    assert set(keys) == {UNINSTALL_KEY, wine_check.UNINSTALL_ROOT + r"\Autre"}
    entry = keys[UNINSTALL_KEY]
    assert entry["DisplayVersion"] == "0.1.1"
    assert entry["InstallLocation"] == PROGRAM
    assert entry["QuietUninstallString"].endswith('Charte.exe" /S')
    assert keys[wine_check.UNINSTALL_ROOT + r"\Autre"]["(Default)"] == ""
    assert list(wine_check.charte_entries(keys)) == [UNINSTALL_KEY]
    assert parse_reg_query("reg: Unable to find the specified registry key\n") == {}


def test_reg_output_in_the_windows_code_page_is_read_too() -> None:
    assert wine_check.decode("Désinstaller".encode("cp1252")) == "Désinstaller"
    assert wine_check.decode("Désinstaller".encode()) == "Désinstaller"


def test_a_good_install_passes_and_names_its_windows_folder(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    assert prefix.windows_path(prefix.program) == PROGRAM
    assert check_installed(prefix, parse_reg_query(reg_output()), "0.1.1") == []


def test_each_missing_part_of_an_install_is_named(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    prefix.start_menu_shortcut.unlink()
    (prefix.program / "Charte.exe").unlink()
    problems = check_installed(prefix, parse_reg_query(reg_output(publisher="")), "0.1.1")
    assert len(problems) == 3
    assert problems[0].startswith(r"le programme (%LOCALAPPDATA%\Programs\Charte\Charte.exe)"
                                  " manque")
    assert problems[1].startswith("le raccourci du menu Démarrer manque")
    assert problems[2] == ("l'entrée « Charte » n'a pas l'éditeur (Publisher), « Charte » "
                           "attendu")


def test_an_entry_missing_or_wrong_is_named(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    assert check_installed(prefix, {}, "0.1.1") == [
        "aucune entrée « Charte » dans les applications installées "
        r"(HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall)"]
    assert check_installed(prefix, parse_reg_query(reg_output("0.1.0")), "0.1.1") == [
        "l'entrée « Charte » devrait avoir la version (DisplayVersion) « 0.1.1 », "
        "elle a « 0.1.0 »"]
    two = parse_reg_query(reg_output() + reg_output(key="Charte 0.1.0"))
    problems = check_installed(prefix, two, "0.1.1")
    assert len(problems) == 1 and problems[0].startswith("2 entrées « Charte »")


def test_an_upgrade_that_leaves_an_old_file_is_caught(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    keys = parse_reg_query(reg_output())
    assert check_upgraded(prefix, keys, "0.1.1") == []
    (prefix.program / wine_check.OLD_ONLY_FILE).write_text("ancien")
    [problem] = check_upgraded(prefix, keys, "0.1.1")
    assert problem.startswith("un fichier que seule l'ancienne version avait est resté (")
    assert problem.endswith("seulement-dans-l-ancienne-version.txt)")


def test_an_uninstall_keeps_the_data_unless_asked(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path, installed=False)
    make_officer_data(prefix)
    assert check_uninstalled(prefix, {}, True, data_kept=True) == []
    assert check_uninstalled(prefix, {}, False, data_kept=True) == [
        r"les réglages de la fenêtre (HKCU\Software\Charte) ont disparu"]
    problems = check_uninstalled(prefix, {}, True, data_kept=False)
    assert problems[0].startswith("le fichier Charte est resté (")
    assert problems[0].endswith(") malgré /REMOVEDATA")
    assert problems[-1] == (r"les réglages de la fenêtre (HKCU\Software\Charte) sont restés "
                            "malgré /REMOVEDATA")
    assert len(problems) == 5  # file, backup, settings file, folder, registry


def test_data_gone_when_it_should_stay_is_named(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path, installed=False)
    assert [problem.split(" manque")[0] for problem in check_data(prefix, True, kept=True)] \
        == ["le fichier Charte", "sa sauvegarde", "le fichier de réglages"]
    assert check_data(prefix, False, kept=False) == []


def test_what_an_uninstall_left_is_listed(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    (prefix.program / "_internal").rmdir()
    (prefix.program / "Charte.exe").unlink()
    problems = check_uninstalled(prefix, parse_reg_query(reg_output()), False, data_kept=False)
    assert problems[:3] == [
        r"le dossier du programme (%LOCALAPPDATA%\Programs\Charte) est resté "
        f"({prefix.program})",
        f"le raccourci du menu Démarrer est resté ({prefix.start_menu_shortcut})",
        f"le raccourci du bureau est resté ({prefix.desktop_shortcut})",
    ]
    assert problems[3] == f"il y reste : {UNINSTALLER}"
    assert problems[4] == ("l'entrée « Charte » est restée dans les applications installées "
                           f"({UNINSTALL_KEY})")


def test_a_prefix_must_have_one_user(tmp_path: Path) -> None:
    prefix = fake_prefix(tmp_path)
    (tmp_path / "drive_c" / "users" / "autre").mkdir()
    with pytest.raises(WineCheckError, match="un seul utilisateur"):
        _ = prefix.program


def test_the_fake_data_carries_the_names_the_app_uses() -> None:
    assert wine_check.DATA_FILE == DEFAULT_FILE_NAME
    assert wine_check.SETTINGS_FILE == SETTINGS_FILE_NAME
    assert wine_check.BACKUPS == BACKUP_FOLDER_NAME
    assert f'!define UNINSTALLER "{UNINSTALLER}"' in NSIS_SCRIPT
    defined = re.search(r'^!define UNINSTALL_KEY "([^"]*)"', NSIS_SCRIPT, re.MULTILINE)
    assert defined and "HKCU\\" + defined.group(1) == UNINSTALL_KEY


def test_the_installer_is_64_bit_and_takes_the_removedata_switch() -> None:
    assert re.search(r"^  !define TARGET amd64-unicode\n!endif\nTarget \$\{TARGET\}$",
                     NSIS_SCRIPT, re.MULTILINE)
    assert "Unicode true" not in NSIS_SCRIPT  # implied by the target
    on_init = NSIS_SCRIPT[NSIS_SCRIPT.index("Function un.onInit"):]
    on_init = on_init[:on_init.index("FunctionEnd")]
    assert '${un.GetOptions} $R0 "/REMOVEDATA" $R1' in on_init
    assert "SectionSetFlags ${SecUnData} ${SF_SELECTED}" in on_init
    # The section it ticks must be declared before the function that names it.
    assert NSIS_SCRIPT.index('Section /o "un.Mes données') < NSIS_SCRIPT.index("un.onInit")


def test_wine_is_found_beside_the_path_where_debian_puts_it(tmp_path: Path) -> None:
    assert wine_check.find_wine(lambda _name: None, [tmp_path]) is None
    for name in ("wine64", "wineserver64"):
        (tmp_path / name).write_bytes(b"")
    found = wine_check.find_wine(lambda _name: None, [tmp_path])
    assert found == wine_check.Wine(tmp_path / "wine64", tmp_path / "wineserver64")
    on_path = wine_check.find_wine(lambda name: f"/usr/bin/{name}", [])
    assert on_path == wine_check.Wine(Path("/usr/bin/wine64"), Path("/usr/bin/wineserver64"))


def test_without_root_wine_is_not_installed_but_named(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wine_check.os, "geteuid", lambda: 1000)
    with pytest.raises(WineCheckError, match="apt-get install --no-install-recommends wine64"):
        wine_check.install_wine(tmp_path / "apt.log")


def test_the_linux_bundle_is_staged_under_the_windows_name(tmp_path: Path) -> None:
    bundle = tmp_path / "dist" / "Charte"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "Charte").write_bytes(b"ELF")
    (bundle / "_internal" / "libpython.so").write_bytes(b"lib")
    said = wine_check.stage_payload(bundle, tmp_path / "payload")
    assert said.startswith("le programme construit (")
    assert (tmp_path / "payload" / "Charte.exe").read_bytes() == b"ELF"
    assert not (tmp_path / "payload" / "Charte").exists()
    assert (bundle / "Charte").exists()  # the bundle itself is left as it was
    assert (tmp_path / "payload" / "_internal" / "libpython.so").read_bytes() == b"lib"


def test_without_a_bundle_a_stand_in_is_staged(tmp_path: Path) -> None:
    said = wine_check.stage_payload(tmp_path / "absent", tmp_path / "payload")
    assert said.startswith("contenu de substitution (")
    assert (tmp_path / "payload" / "Charte.exe").is_file()
    assert (tmp_path / "payload" / "_internal").is_dir()


@pytest.mark.parametrize(("version", "higher"), [
    ("0.1.0", "0.1.1"), ("2.3", "2.3.1"), ("1.4.2rc1", "1.4.3")])
def test_the_upgrade_installs_a_higher_version(version: str, higher: str) -> None:
    assert next_version(version) == higher


def test_the_version_is_injected_into_the_compile(tmp_path: Path) -> None:
    makensis = tmp_path / "bin" / "makensis"
    linux = build.makensis_command(makensis, "0.1.1", Path("/b/Charte"), Path("/t/i.exe"),
                                   windows=False)
    assert linux[:3] == [str(makensis), "-V2", "-DUNCOMPRESSED"]
    assert linux[3:8] == ["-DVERSION=0.1.1", "-DVERSION_QUAD=0.1.1.0",
                          "-DBUNDLE_DIR=/b/Charte", "-DOUTFILE=/t/i.exe",
                          "-DTARGET=amd64-unicode"]
    assert linux[-1].endswith("charte.nsi")
    windows = build.makensis_command(Path("makensis.exe"), "2.0", Path("b"), Path("i.exe"),
                                     windows=True)
    assert "/DVERSION=2.0" in windows and "/DVERSION_QUAD=2.0.0.0" in windows
    assert "-DUNCOMPRESSED" not in windows


def test_an_nsis_without_64_bit_stubs_builds_a_32_bit_installer(tmp_path: Path) -> None:
    windows = tmp_path / "NSIS" / "makensis.exe"  # the official build: Stubs beside it
    (windows.parent / "Stubs").mkdir(parents=True)
    (windows.parent / "Stubs" / "lzma_solid-x86-unicode").write_bytes(b"")
    assert build.nsis_target(windows) == "x86-unicode"
    (windows.parent / "Stubs" / "lzma_solid-amd64-unicode").write_bytes(b"")
    assert build.nsis_target(windows) == "amd64-unicode"
    debian = tmp_path / "usr" / "bin" / "makensis"  # Debian: /usr/share/nsis/Stubs
    (tmp_path / "usr" / "share" / "nsis" / "Stubs").mkdir(parents=True)
    assert build.nsis_target(debian) == "x86-unicode"
    assert build.nsis_target(tmp_path / "ailleurs" / "makensis") == "amd64-unicode"


def test_the_wine_step_runs_by_default_and_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    for step in ("build_bundle", "run_smoke", "build_installer", "check_under_wine"):
        monkeypatch.setattr(build, step, lambda step=step: ran.append(step))
    assert build.main(["wine"]) == 0
    assert ran == ["check_under_wine"]
    ran.clear()
    assert build.main([]) == 0
    assert ran == ["build_bundle", "run_smoke", "build_installer", "check_under_wine"]


def test_an_unknown_step_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build.main(["vin"])
    assert stopped.value.code == 2
    assert "étape inconnue : vin" in capsys.readouterr().err


def test_wine_that_cannot_be_installed_fails_the_step_and_says_so(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(build, "IS_WINDOWS", False)
    # Whether this machine has NSIS or not: the step goes on to Wine.
    monkeypatch.setattr(build, "find_makensis", lambda: Path("/usr/bin/makensis"))
    monkeypatch.setattr(build, "nsis_target", lambda makensis: "amd64-unicode")
    monkeypatch.setattr(build.wine_check, "find_wine", lambda: None)

    def no_network(log: Path) -> wine_check.Wine:
        raise build.wine_check.WineCheckError("Wine n'a pas pu être installé (pas de réseau)")

    monkeypatch.setattr(build.wine_check, "install_wine", no_network)
    assert build.main(["wine"]) == 1
    assert capsys.readouterr().err == "Échec : Wine n'a pas pu être installé (pas de réseau).\n"
