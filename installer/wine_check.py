"""The installer, run for real: installed, upgraded and uninstalled under Wine.

`python installer/build.py wine` (part of `python3 dev.py bundle`, hence of CI) compiles two
installers (the project's version, then a higher one) and, in a fresh Wine prefix without a
screen, checks what an officer or the IT department would see on Windows:
  1. silent install (/S): the program in %LOCALAPPDATA%\\Programs\\Charte, its Start-menu
     and desktop shortcuts, one « Charte » entry under HKCU with version and publisher;
  2. the higher version over it: still one entry, the new version, and a file only the old
     version had is gone (the officer's data, created in between, is untouched);
  3. silent uninstall: program, shortcuts and entry gone, the data kept;
  4. reinstall, then silent uninstall with /REMOVEDATA (« Mes données »): the data goes too.
Every check reads the prefix's files and `wine reg query`; a failure names what is missing.
The payload is what the installer carries; it need not run under Wine (the Linux bundle is
a stand-in for the Windows one), since the check is about the installer's behaviour.
"""

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

WINE_PACKAGE = "wine64"  # Debian: about 20 packages with --no-install-recommends
WINE_TIMEOUT_S = 180  # a message box waiting for a click would otherwise hang CI
UNINSTALL_ROOT = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall"
UNINSTALL_KEY = UNINSTALL_ROOT + r"\Charte"
SETTINGS_KEY = r"HKCU\Software\Charte"  # QSettings("Charte", "Charte"), see charte.nsi
APP_EXE = "Charte.exe"
UNINSTALLER = "Désinstaller Charte.exe"
PUBLISHER = "Charte"
# The officer's data, as the app names it (paths.py, settings.py, db/backups.py).
DATA_FILE = "charte.sqlite"
SETTINGS_FILE = "reglages.json"
BACKUPS = "sauvegardes"
BACKUP_FILE = "charte-2026-03-14-0930.sqlite"
# In _internal/, like everything of a PyInstaller bundle but the executable.
OLD_ONLY_FILE = "_internal/seulement-dans-l-ancienne-version.txt"


class WineCheckError(Exception):
    """The check could not run, or found problems: the message says which, in French."""


@dataclass(frozen=True)
class Wine:
    wine: Path
    wineserver: Path


def find_wine(which: Callable[[str], str | None] = shutil.which,
              folders: Iterable[Path] = (Path("/usr/lib/wine"),)) -> Wine | None:
    """Wine 64-bit and its server. Debian's wine64 puts them in /usr/lib/wine, off the PATH
    (the `wine` package adds the /usr/bin wrappers)."""
    folders = list(folders)

    def first(*names: str) -> Path | None:
        for name in names:
            found = which(name)
            if found:
                return Path(found)
            for folder in folders:
                if (folder / name).is_file():
                    return folder / name
        return None

    wine = first("wine64", "wine")
    server = first("wineserver64", "wineserver")
    return Wine(wine, server) if wine and server else None


def install_wine(log: Path) -> Wine:
    """apt-get install wine64 (CI runs as root); a clear error where that cannot be done."""
    how = f"« apt-get install --no-install-recommends {WINE_PACKAGE} »"
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise WineCheckError(f"Wine est introuvable : installez-le ({how}, en root), "
                             "puis relancez « python installer/build.py wine »")
    print(f"Installation de Wine ({WINE_PACKAGE}, une fois ; journal : {log})…", flush=True)
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", WINE_PACKAGE]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        for command in (install, ["apt-get", "update", "-q"], install):
            result = subprocess.run(command, stdout=output, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, check=False,
                                    env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            if command is install and result.returncode == 0:
                break  # the package lists were recent enough
    wine = find_wine()
    if wine is None:
        raise WineCheckError(f"Wine n'a pas pu être installé (pas de réseau, ou dépôt Debian "
                             f"injoignable ?) : l'installateur n'a donc pas été vérifié. "
                             f"Journal : {log}")
    return wine


@dataclass(frozen=True)
class Prefix:
    """Where the installer's work shows in a Wine prefix: drive_c/users/<user>/…"""

    root: Path

    @property
    def user(self) -> Path:
        users = self.root / "drive_c" / "users"
        found = [folder for folder in sorted(users.glob("*"))
                 if folder.is_dir() and folder.name != "Public"]
        if len(found) != 1:
            raise WineCheckError(f"le préfixe Wine devrait avoir un seul utilisateur dans "
                                 f"{users}, il en a {len(found)}")
        return found[0]

    @property
    def program(self) -> Path:
        return self.user / "AppData" / "Local" / "Programs" / "Charte"

    @property
    def data(self) -> Path:
        return self.user / "AppData" / "Local" / "Charte"

    @property
    def start_menu_shortcut(self) -> Path:
        return (self.user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
                / "Programs" / "Charte.lnk")

    @property
    def desktop_shortcut(self) -> Path:
        return self.user / "Desktop" / "Charte.lnk"

    def windows_path(self, path: Path) -> str:
        return "C:\\" + "\\".join(path.relative_to(self.root / "drive_c").parts)


def decode(output: bytes) -> str:
    """`wine reg` writes in the prefix's code page, not always UTF-8."""
    try:
        return output.decode("utf-8")
    except UnicodeDecodeError:
        return output.decode("cp1252", errors="replace")


REG_VALUE = re.compile(r"^\s+(.*?)\s{4}(REG_\w+)(?:\s{4}(.*))?$")


def parse_reg_query(text: str) -> dict[str, dict[str, str]]:
    """`reg query KEY [/s]` → {key: {value name: data}}, keys as HKCU\\…"""
    keys: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if line.startswith("HKEY_"):
            name = line.strip().replace("HKEY_CURRENT_USER", "HKCU", 1)
            current = keys.setdefault(name, {})
        elif current is not None and (found := REG_VALUE.match(line)):
            current[found.group(1)] = found.group(3) or ""
    return keys


def charte_entries(keys: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The Add/Remove programs entries that show as « Charte »."""
    return {key: values for key, values in keys.items()
            if values.get("DisplayName") == "Charte"}


def _missing(paths: dict[str, Path]) -> list[str]:
    return [f"{what} manque ({path})" for what, path in paths.items() if not path.exists()]


def _left(paths: dict[str, Path]) -> list[str]:
    return [f"{what} est resté ({path})" for what, path in paths.items() if path.exists()]


def check_installed(prefix: Prefix, uninstall_keys: dict[str, dict[str, str]],
                    version: str) -> list[str]:
    """What a silent install must leave: the problems found, in French (none: [])."""
    problems = _missing({
        r"le programme (%LOCALAPPDATA%\Programs\Charte\Charte.exe)": prefix.program / APP_EXE,
        "le dossier _internal du programme": prefix.program / "_internal",
        f"le programme de désinstallation « {UNINSTALLER} »": prefix.program / UNINSTALLER,
        "le raccourci du menu Démarrer": prefix.start_menu_shortcut,
        "le raccourci du bureau": prefix.desktop_shortcut,
    })
    entries = charte_entries(uninstall_keys)
    if not entries:
        return [*problems, f"aucune entrée « Charte » dans les applications installées "
                           f"({UNINSTALL_ROOT})"]
    if len(entries) > 1:
        problems.append(f"{len(entries)} entrées « Charte » dans les applications installées "
                        f"au lieu d'une : {', '.join(sorted(entries))}")
    if UNINSTALL_KEY not in entries:
        problems.append(f"l'entrée « Charte » n'est pas sous {UNINSTALL_KEY} (sans droits "
                        "d'administrateur)")
    entry = entries.get(UNINSTALL_KEY) or next(iter(entries.values()))
    expected = {
        "DisplayVersion": (version, "la version"),
        "Publisher": (PUBLISHER, "l'éditeur"),
        "InstallLocation": (prefix.windows_path(prefix.program), "le dossier d'installation"),
    }
    for name, (wanted, what) in expected.items():
        found = entry.get(name)
        if not found:
            problems.append(f"l'entrée « Charte » n'a pas {what} ({name}), « {wanted} » attendu")
        elif found != wanted:
            problems.append(f"l'entrée « Charte » devrait avoir {what} ({name}) « {wanted} », "
                            f"elle a « {found} »")
    quiet = entry.get("QuietUninstallString", "")
    if not (quiet.endswith(" /S") and "installer Charte.exe" in quiet):
        problems.append("l'entrée « Charte » n'a pas de commande de désinstallation "
                        f"silencieuse (QuietUninstallString : « {quiet} »)")
    return problems


def check_upgraded(prefix: Prefix, uninstall_keys: dict[str, dict[str, str]],
                   version: str) -> list[str]:
    """A newer version over an older one: installed as such, nothing of the old left."""
    return [*check_installed(prefix, uninstall_keys, version),
            *_left({"un fichier que seule l'ancienne version avait":
                    prefix.program / OLD_ONLY_FILE})]


def data_paths(prefix: Prefix) -> dict[str, Path]:
    return {"le fichier Charte": prefix.data / DATA_FILE,
            "sa sauvegarde": prefix.data / BACKUPS / BACKUP_FILE,
            "le fichier de réglages": prefix.data / SETTINGS_FILE}


def make_officer_data(prefix: Prefix) -> None:
    """What months of use leave in %LOCALAPPDATA%\\Charte (the registry part: see run)."""
    (prefix.data / BACKUPS).mkdir(parents=True, exist_ok=True)
    for path in data_paths(prefix).values():
        path.write_text("données de l'agent\n", encoding="utf-8")


def check_data(prefix: Prefix, settings_key: bool, *, kept: bool) -> list[str]:
    paths = data_paths(prefix)
    if kept:
        problems = [f"{problem} : les données de l'agent doivent rester"
                    for problem in _missing(paths)]
        if not settings_key:
            problems.append(f"les réglages de la fenêtre ({SETTINGS_KEY}) ont disparu")
        return problems
    problems = [f"{problem} malgré /REMOVEDATA" for problem in _left(paths)]
    if prefix.data.exists():
        problems.append(f"le dossier des données est resté malgré /REMOVEDATA ({prefix.data})")
    if settings_key:
        problems.append(f"les réglages de la fenêtre ({SETTINGS_KEY}) sont restés malgré "
                        "/REMOVEDATA")
    return problems


def check_uninstalled(prefix: Prefix, uninstall_keys: dict[str, dict[str, str]],
                      settings_key: bool, *, data_kept: bool) -> list[str]:
    problems = _left({
        r"le dossier du programme (%LOCALAPPDATA%\Programs\Charte)": prefix.program,
        "le raccourci du menu Démarrer": prefix.start_menu_shortcut,
        "le raccourci du bureau": prefix.desktop_shortcut,
    })
    if prefix.program.exists():
        remaining = sorted(str(path.relative_to(prefix.program))
                           for path in prefix.program.rglob("*"))[:5]
        problems.append(f"il y reste : {', '.join(remaining) or '(dossier vide)'}")
    entries = charte_entries(uninstall_keys)
    if entries:
        problems.append(f"l'entrée « Charte » est restée dans les applications installées "
                        f"({', '.join(sorted(entries))})")
    return problems + check_data(prefix, settings_key, kept=data_kept)


@dataclass(frozen=True)
class Installer:
    path: Path
    version: str


class WinePrefix:
    """A fresh prefix in `folder`, headless, sealed from the user's own home and menus."""

    def __init__(self, wine: Wine, folder: Path) -> None:
        self.wine = wine
        self.prefix = Prefix(folder / "prefix")
        home = folder / "home"  # Wine links the prefix's Desktop to $HOME's
        home.mkdir(parents=True, exist_ok=True)
        self.env = {name: value for name, value in os.environ.items()
                    if name not in ("DISPLAY", "WAYLAND_DISPLAY") and not name.startswith("XDG_")}
        self.env.update(
            WINEPREFIX=str(self.prefix.root), WINEDEBUG="-all", HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
            # No Mono or Gecko download prompt, no .desktop files for the shortcuts.
            WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")

    def server(self, option: str) -> None:
        # No pipe: a server started here runs on in the background and would hold it.
        subprocess.run([str(self.wine.wineserver), option], env=self.env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=WINE_TIMEOUT_S, check=False)

    def start(self) -> None:
        """A Wine server kept running between programs: each then starts in a blink,
        instead of the seconds a new server and Wine's own services take."""
        self.server("-p")

    def stop(self) -> None:
        self.server("-k")

    def run(self, *arguments: str | Path, what: str,
            wait_all: bool = False) -> subprocess.CompletedProcess[bytes]:
        """Run a Windows program; with `wait_all`, also every process it started (the
        uninstaller copies itself to %TEMP% and returns at once): the program then runs
        under a server of its own, which stops once they have all ended (-w waits for
        that), and the kept server comes back after."""
        command = [str(self.wine.wine), *map(str, arguments)]
        try:
            if wait_all:
                self.stop()
            # A file, not a pipe: Wine's own services, started by the first program, run
            # on with the server and would hold a pipe open.
            with tempfile.TemporaryFile() as output:
                code = subprocess.run(command, env=self.env, stdin=subprocess.DEVNULL,
                                      stdout=output, stderr=subprocess.DEVNULL,
                                      timeout=WINE_TIMEOUT_S, check=False).returncode
                output.seek(0)
                result = subprocess.CompletedProcess(command, code, output.read(), b"")
            if wait_all:
                self.server("-w")
                self.start()
        except subprocess.TimeoutExpired as error:
            self.stop()
            raise WineCheckError(f"{what} n'a pas fini en {WINE_TIMEOUT_S} s sous Wine (une "
                                 "fenêtre attend peut-être un clic)") from error
        return result

    def reg_query(self, key: str, *options: str) -> dict[str, dict[str, str]]:
        result = self.run("reg", "query", key, *options, what=f"« reg query {key} »")
        return parse_reg_query(decode(result.stdout)) if result.returncode == 0 else {}

    def uninstall_keys(self) -> dict[str, dict[str, str]]:
        return self.reg_query(UNINSTALL_ROOT, "/s")

    def settings_key(self) -> bool:
        return bool(self.reg_query(SETTINGS_KEY, "/s"))


def _expect(problems: list[str], when: str) -> None:
    if problems:
        raise WineCheckError(f"{when} :\n  - " + "\n  - ".join(problems))


def run_check(wine: Wine, old: Installer, new: Installer, folder: Path) -> list[str]:
    """The four stages in a fresh prefix under `folder`; the summary lines, or
    WineCheckError naming every problem of the first stage that has any."""
    box = WinePrefix(wine, folder)
    prefix = box.prefix
    summary: list[str] = []

    def step(what: str, *arguments: str | Path, wait_all: bool = False) -> None:
        result = box.run(*arguments, what=what, wait_all=wait_all)
        if result.returncode != 0:
            raise WineCheckError(f"{what} a échoué sous Wine (code {result.returncode})")

    try:
        step("la création du préfixe Wine", "wineboot", "--init")
        box.start()  # once the prefix is there
        step(f"l'installation de Charte {old.version}", old.path, "/S")
        if not (prefix.program / OLD_ONLY_FILE).is_file():  # else step 2 would prove nothing
            raise WineCheckError(f"l'installation de {old.version} n'a pas posé "
                                 f"{OLD_ONLY_FILE}, qui doit disparaître à la mise à jour")
        _expect(check_installed(prefix, box.uninstall_keys(), old.version),
                f"installation silencieuse de {old.version}")
        summary.append(f"installation silencieuse de {old.version} (/S) : programme dans "
                       r"%LOCALAPPDATA%\Programs\Charte, raccourcis du menu Démarrer et du "
                       f"bureau, entrée « Charte » {old.version} de l'éditeur « {PUBLISHER} » "
                       "sous HKCU")

        make_officer_data(prefix)
        step("l'écriture des réglages de la fenêtre", "reg", "add", SETTINGS_KEY + r"\Charte",
             "/v", "recent_files", "/d", r"C:\Dossiers\charte.sqlite", "/f")
        step(f"la mise à jour vers {new.version}", new.path, "/S")
        _expect(check_upgraded(prefix, box.uninstall_keys(), new.version)
                + check_data(prefix, box.settings_key(), kept=True),
                f"mise à jour de {old.version} vers {new.version}")
        summary.append(f"mise à jour vers {new.version} par-dessus : une seule entrée, version "
                       f"{new.version}, le fichier propre à {old.version} a disparu, données "
                       "de l'agent intactes")

        uninstaller = prefix.program / UNINSTALLER
        step("la désinstallation silencieuse", uninstaller, "/S", wait_all=True)
        _expect(check_uninstalled(prefix, box.uninstall_keys(), box.settings_key(),
                                  data_kept=True), "désinstallation silencieuse (/S)")
        summary.append("désinstallation silencieuse (/S) : programme, raccourcis et entrée "
                       "supprimés ; fichier Charte, sauvegardes et réglages gardés")

        step(f"la réinstallation de {new.version}", new.path, "/S")
        _expect(check_installed(prefix, box.uninstall_keys(), new.version),
                f"réinstallation de {new.version}")
        step("la désinstallation avec /REMOVEDATA", uninstaller, "/S", "/REMOVEDATA",
             wait_all=True)
        _expect(check_uninstalled(prefix, box.uninstall_keys(), box.settings_key(),
                                  data_kept=False), "désinstallation avec /REMOVEDATA")
        summary.append("réinstallation puis désinstallation avec /REMOVEDATA (« Mes "
                       "données ») : le programme et les données de l'agent supprimés")
    finally:
        box.stop()
    return summary


def stage_payload(bundle: Path, target: Path) -> str:
    """The folder the test installers carry, in the Windows layout (Charte.exe beside
    _internal/), made from the built bundle when there is one (hard links: no copy of
    its 180 Mo when on the same disk), else a few stand-in files. Says which."""
    executable = next((bundle / name for name in (APP_EXE, "Charte")
                       if (bundle / name).is_file()), None)
    if executable is None:
        (target / "_internal").mkdir(parents=True)
        (target / APP_EXE).write_text("programme de substitution\n", encoding="utf-8")
        (target / "_internal" / "base_library.zip").write_bytes(b"substitution\n")
        return (f"contenu de substitution ({bundle} n'existe pas : l'étape « bundle » n'a "
                "pas été lancée), suffisant pour vérifier le comportement de l'installateur")

    def link(source: str, destination: str) -> None:
        try:
            os.link(source, destination)
        except OSError:  # another disk, or links not allowed
            shutil.copy2(source, destination)

    shutil.copytree(bundle, target, copy_function=link, symlinks=True)
    if executable.name != APP_EXE:  # the Linux bundle: named as the installer expects
        (target / executable.name).rename(target / APP_EXE)
    return f"le programme construit ({bundle}, sous le nom {APP_EXE} attendu par l'installateur)"


def make_workspace() -> Path:
    return Path(tempfile.mkdtemp(prefix="charte-wine-"))


def elapsed(start: float) -> str:
    return f"{time.perf_counter() - start:.0f} s"
