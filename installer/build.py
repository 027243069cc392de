#!/usr/bin/env python3
"""Build Charte's bundle and installer: `python installer/build.py [STEP…]` (or
`python3 dev.py bundle`, which runs every step).

Steps, in order (all of them by default):
  bundle     PyInstaller builds installer/charte.spec into dist/Charte/ (prints its size)
  smoke      runs the bundled program's `--smoke` offscreen: window, database, Word, Excel
  installer  makensis compiles installer/charte.nsi around dist/Charte/ into dist/
  wine       (Linux) installs, upgrades and uninstalls that installer silently in a fresh
             Wine prefix and checks the files, shortcuts, registry entry and kept data
             (installer/wine_check.py; installs wine64 first if missing and run as root)

The same script runs on the Windows runner (.github/workflows/windows.yml), where the
installer is the one to ship, and on Linux, where the Linux bundle is a stand-in payload:
that installer (uncompressed, so it takes seconds) only proves the NSIS script compiles
and must not be distributed.
Requires the `build` extra (`pip install -e ".[build]"`) and, for `installer` and `wine`,
makensis (Debian: `apt-get install nsis`; Windows: NSIS, preinstalled on windows-2022).
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "Charte"
IS_WINDOWS = sys.platform == "win32"
EXECUTABLE = BUNDLE / ("Charte.exe" if IS_WINDOWS else "Charte")
SMOKE_TIMEOUT_S = 300  # a modal error box in the bundle would otherwise wait forever
STEPS = ("bundle", "smoke", "installer", "wine")

sys.path.insert(0, str(ROOT))  # run as a script: `installer` is then no package yet
from installer import wine_check  # noqa: E402
from installer.version_resource import (  # noqa: E402
    check_version_file_text,
    next_version,
    project_version,
    quad,
    version_file_text,
)


class BuildError(Exception):
    """A step failed; the message says which and why, in French."""


def seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.0f} s"


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.0f} Mo"


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of a folder, symbolic links not followed."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def build_bundle() -> None:
    start = time.perf_counter()
    print("Construction du programme avec PyInstaller…", flush=True)
    log = WORK / "pyinstaller.log"
    WORK.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        result = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", str(DIST), "--workpath", str(WORK), str(HERE / "charte.spec")],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0:
        sys.stdout.write(log.read_text(encoding="utf-8", errors="replace")[-6000:])
        raise BuildError(f"PyInstaller a échoué (journal complet : {log})")
    if not EXECUTABLE.is_file():
        raise BuildError(f"PyInstaller n'a pas produit {EXECUTABLE}")
    size, count = folder_size(BUNDLE)
    print(f"Programme construit en {seconds(start)} : {BUNDLE} ({count} fichiers, "
          f"{megabytes(size)})")
    strings = check_version_file_text(version_file_text(project_version()))
    print(f"Ressource de version Windows : {strings['ProductName']} "
          f"{strings['ProductVersion']} ({quad(strings['ProductVersion'])})"
          + ("" if IS_WINDOWS else " — vérifiée ici, écrite seulement sous Windows"))


def run_smoke() -> None:
    if not EXECUTABLE.is_file():
        raise BuildError(f"{EXECUTABLE} manque : lancez d'abord l'étape « bundle »")
    start = time.perf_counter()
    print(f"Test de fonctionnement du programme construit : {EXECUTABLE.name} --smoke",
          flush=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # With a test server (CI starts one), the bundle also proves it carries the PostgreSQL
    # driver: it connects and reads a base published there.
    server = os.environ.get("CHARTE_SMOKE_SERVER")
    command = [str(EXECUTABLE), "--smoke"] + ([server] if server else [])
    try:
        result = subprocess.run(command, env=env, capture_output=True,
                                timeout=SMOKE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise BuildError(f"le test de fonctionnement n'a pas fini en {SMOKE_TIMEOUT_S} s "
                         "(une boîte d'erreur attend peut-être un clic)") from error
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8", errors="replace").strip()
        if text:
            print("    " + text.replace("\n", "\n    "))
    if result.returncode != 0:
        raise BuildError(f"le programme construit a échoué à son test de fonctionnement "
                         f"(code {result.returncode})")
    print(f"Test de fonctionnement réussi ({seconds(start)} en tout).")


def find_makensis() -> Path:
    candidates = [os.environ.get("MAKENSIS"), shutil.which("makensis")]
    if IS_WINDOWS:  # NSIS's own installer does not put makensis on the PATH
        candidates += [str(Path(os.environ[variable]) / "NSIS" / "makensis.exe")
                       for variable in ("ProgramFiles(x86)", "ProgramFiles")
                       if variable in os.environ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise BuildError("makensis est introuvable : installez NSIS (Debian : "
                     "« apt-get install nsis » ; Windows : « choco install nsis ») ou "
                     "indiquez son chemin dans la variable MAKENSIS")


def nsis_target(makensis: Path) -> str:
    """amd64-unicode, unless this NSIS lacks its stubs: the official Windows build ships
    only the 32-bit ones (Debian's has both). A folder not found: let makensis judge."""
    for stubs in (makensis.parent / "Stubs", makensis.parent.parent / "share" / "nsis" / "Stubs"):
        if stubs.is_dir():
            return "amd64-unicode" if any(stubs.glob("*-amd64-unicode")) else "x86-unicode"
    return "amd64-unicode"


def makensis_command(makensis: Path, version: str, bundle: Path, target: Path,
                     windows: bool = IS_WINDOWS) -> list[str]:
    """The compile command; the version is injected (/DVERSION), never read by the script."""
    if windows:
        command = [str(makensis), "/OUTPUTCHARSET", "UTF8", "/V2"]
        option = "/"
    else:  # compressing a stand-in takes minutes and proves nothing more
        command, option = [str(makensis), "-V2", "-DUNCOMPRESSED"], "-"
    return [*command, f"{option}DVERSION={version}", f"{option}DVERSION_QUAD={quad(version)}",
            f"{option}DBUNDLE_DIR={bundle}", f"{option}DOUTFILE={target}",
            f"{option}DTARGET={nsis_target(makensis)}", str(HERE / "charte.nsi")]


def compile_installer(bundle: Path, version: str, target: Path, *, verbose: bool) -> None:
    command = makensis_command(find_makensis(), version, bundle, target)
    result = subprocess.run(command, capture_output=True, check=False)
    output = (result.stdout + result.stderr).decode("utf-8", errors="replace").strip()
    if output and (verbose or result.returncode != 0):
        print("    " + output.replace("\n", "\n    "))
    if result.returncode != 0 or not target.is_file():
        raise BuildError(f"makensis a échoué (code {result.returncode})")


def build_installer() -> Path:
    if not EXECUTABLE.is_file():
        raise BuildError(f"{EXECUTABLE} manque : lancez d'abord l'étape « bundle »")
    version = project_version()
    stand_in = "" if IS_WINDOWS else "-essai-linux"  # Linux payload: never to distribute
    target = DIST / f"Charte-{version}-installation{stand_in}.exe"
    start = time.perf_counter()
    makensis = find_makensis()
    print(f"Compilation de l'installateur avec {makensis}…", flush=True)
    if nsis_target(makensis) != "amd64-unicode":
        print("    Attention : ce NSIS n'a pas les modules 64 bits (Stubs\\*-amd64-unicode) : "
              "l'installateur sera en 32 bits. Un NSIS qui les a : celui de Debian ou "
              "d'Ubuntu (apt-get install nsis).")
    compile_installer(BUNDLE, version, target, verbose=True)
    note = "" if IS_WINDOWS else " — contenu Linux de substitution : à ne pas distribuer"
    print(f"Installateur compilé en {seconds(start)} : {target} "
          f"({megabytes(target.stat().st_size)}){note}")
    return target


def check_under_wine() -> None:
    """Two installers (this version and the next) compiled around the bundle, then
    installed, upgraded and uninstalled in a fresh Wine prefix: wine_check.py."""
    if IS_WINDOWS:
        print("Vérification sous Wine : sans objet sous Windows (installez à la main).")
        return
    start = time.perf_counter()
    if nsis_target(find_makensis()) != "amd64-unicode":
        raise BuildError("ce NSIS n'a pas les modules 64 bits (Stubs/*-amd64-unicode), et "
                         "Wine 64 bits ne lance pas un installateur 32 bits : installez le NSIS "
                         "de Debian (apt-get install nsis)")
    wine = wine_check.find_wine() or wine_check.install_wine(WORK.parent / "wine-apt.log")
    folder = wine_check.make_workspace()
    keep = False  # the prefix of a failed check, for a look inside
    try:
        payload = folder / "Charte"
        print(f"Vérification de l'installateur sous Wine ({wine.wine}, préfixe neuf dans "
              f"{folder}) ; contenu : {wine_check.stage_payload(BUNDLE, payload)}", flush=True)
        old_version = project_version()
        new_version = next_version(old_version)
        new = wine_check.Installer(folder / f"Charte-{new_version}.exe", new_version)
        compile_installer(payload, new.version, new.path, verbose=False)
        # The older version carries one more file, which the upgrade must take away.
        old_only = payload / wine_check.OLD_ONLY_FILE
        old_only.write_text("fichier de l'ancienne version\n", encoding="utf-8")
        old = wine_check.Installer(folder / f"Charte-{old_version}.exe", old_version)
        compile_installer(payload, old.version, old.path, verbose=False)
        shutil.rmtree(payload)  # a link farm or copy of the bundle: not needed any more
        try:
            summary = wine_check.run_check(wine, old, new, folder)
        except wine_check.WineCheckError as error:
            keep = True
            raise BuildError(f"vérification sous Wine, {error}\n(préfixe gardé pour "
                             f"examen : {folder / 'prefix'})") from error
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("Sous Wine, dans un préfixe neuf, sans écran :")
    for line in summary:
        print(f"  ✓ {line}")
    print(f"Installateur, mise à jour et désinstallation vérifiés sous Wine en "
          f"{seconds(start)}.")


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # French text whatever the console's code page
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", metavar="ÉTAPE",
                        help="bundle, smoke, installer, wine (par défaut : toutes)")
    args = parser.parse_args(argv)
    unknown = [step for step in args.steps if step not in STEPS]
    if unknown:
        parser.error(f"étape inconnue : {', '.join(unknown)} (choix : {', '.join(STEPS)})")
    steps = args.steps or list(STEPS)
    start = time.perf_counter()
    try:
        if "bundle" in steps:
            build_bundle()
        if "smoke" in steps:
            run_smoke()
        if "installer" in steps:
            build_installer()
        if "wine" in steps:
            check_under_wine()
    except (BuildError, wine_check.WineCheckError) as error:
        print(f"Échec : {error}.", file=sys.stderr)
        return 1
    print(f"Terminé en {seconds(start)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
