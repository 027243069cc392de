#!/usr/bin/env python3
"""Build Charte's bundle and installer: `python installer/build.py [STEP…]` (or
`python3 dev.py bundle`, which runs every step).

Steps, in order (all of them by default):
  bundle     PyInstaller builds installer/charte.spec into dist/Charte/ (prints its size)
  smoke      runs the bundled program's `--smoke` offscreen: window, database, Word, Excel
  installer  makensis compiles installer/charte.nsi around dist/Charte/ into dist/

The same script runs on the Windows runner (.github/workflows/windows.yml), where the
installer is the one to ship, and on Linux, where the Linux bundle is a stand-in payload:
that installer (uncompressed, so it takes seconds) only proves the NSIS script compiles
and must not be distributed.
Requires the `build` extra (`pip install -e ".[build]"`) and, for `installer`, makensis
(Debian: `apt-get install nsis`; Windows: NSIS, preinstalled on windows-2022).
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
STEPS = ("bundle", "smoke", "installer")

sys.path.insert(0, str(HERE))
from version_resource import (  # noqa: E402
    check_version_file_text,
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
    try:
        result = subprocess.run([str(EXECUTABLE), "--smoke"], env=env, capture_output=True,
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


def build_installer() -> Path:
    if not EXECUTABLE.is_file():
        raise BuildError(f"{EXECUTABLE} manque : lancez d'abord l'étape « bundle »")
    makensis = find_makensis()
    version = project_version()
    stand_in = "" if IS_WINDOWS else "-essai-linux"  # Linux payload: never to distribute
    target = DIST / f"Charte-{version}-installation{stand_in}.exe"
    if IS_WINDOWS:
        command = [str(makensis), "/OUTPUTCHARSET", "UTF8", "/V2"]
        option = "/"
    else:  # compressing a stand-in takes minutes and proves nothing more
        command, option = [str(makensis), "-V2", "-DUNCOMPRESSED"], "-"
    command += [f"{option}DVERSION={version}", f"{option}DVERSION_QUAD={quad(version)}",
                f"{option}DBUNDLE_DIR={BUNDLE}", f"{option}DOUTFILE={target}",
                str(HERE / "charte.nsi")]
    start = time.perf_counter()
    print(f"Compilation de l'installateur avec {makensis}…", flush=True)
    result = subprocess.run(command, capture_output=True, check=False)
    output = (result.stdout + result.stderr).decode("utf-8", errors="replace").strip()
    if output:
        print("    " + output.replace("\n", "\n    "))
    if result.returncode != 0 or not target.is_file():
        raise BuildError(f"makensis a échoué (code {result.returncode})")
    note = "" if IS_WINDOWS else " — contenu Linux de substitution : à ne pas distribuer"
    print(f"Installateur compilé en {seconds(start)} : {target} "
          f"({megabytes(target.stat().st_size)}){note}")
    return target


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # French text whatever the console's code page
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", metavar="ÉTAPE",
                        help="bundle, smoke, installer (par défaut : toutes)")
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
    except BuildError as error:
        print(f"Échec : {error}.", file=sys.stderr)
        return 1
    print(f"Terminé en {seconds(start)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
