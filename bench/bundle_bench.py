"""Bench row of the bundled program: its start-up until the window is shown.

Times `dist/Charte/Charte --smoke` (build it with `python3 dev.py bundle`) from the spawn
to the line announcing the window on the demo territory, and the same smoke test run from
the sources (`python -m charte_desktop --smoke`) as the reference. Both include building
the demo file, reported apart. Median of 3 runs; target: bundled <= 1.5 x sources.
Alone: `python bench/bundle_bench.py [PROGRAMME]`.
"""

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "dist" / "Charte" / ("Charte.exe" if sys.platform == "win32" else "Charte")
RUNS = 3
RATIO_TARGET = 1.5
TIMEOUT_S = 300


def time_to_window(command: list[str]) -> tuple[float, float]:
    """(seconds from spawn to the window shown, seconds the demo file took)."""
    from charte_desktop.ui.smoke import WINDOW_SHOWN

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True, encoding="utf-8", errors="replace")
    assert process.stdout is not None
    shown = demo = None
    for line in process.stdout:
        if shown is None and WINDOW_SHOWN in line:
            shown = time.perf_counter() - start
        found = re.search(r"démonstration créé : ([\d,]+) s", line)
        if found:
            demo = float(found.group(1).replace(",", "."))
    if process.wait(timeout=TIMEOUT_S) != 0 or shown is None or demo is None:
        raise RuntimeError(f"{command[0]} --smoke a échoué : lancez-le pour voir pourquoi")
    return shown, demo


def bundle_rows(program: Path = BUNDLED) -> bool:
    print("\nProgramme empaqueté (PyInstaller)")
    if not program.is_file():
        print(f"{program} absent : construisez-le avec « python3 dev.py bundle » pour "
              "mesurer son démarrage.")
        return True
    bundled = [time_to_window([str(program), "--smoke"]) for _ in range(RUNS)]
    sources = [time_to_window([sys.executable, "-m", "charte_desktop", "--smoke"])
               for _ in range(RUNS)]
    bundled_s = statistics.median(shown for shown, _ in bundled)
    demo_s = statistics.median(demo for _, demo in bundled)
    sources_s = statistics.median(shown for shown, _ in sources)
    ratio = bundled_s / sources_s
    ok = ratio <= RATIO_TARGET
    print(f"Démarrage jusqu'à la fenêtre sur la démonstration : {bundled_s:.2f} s (dont "
          f"{demo_s:.2f} s pour créer le fichier de démonstration) ; depuis les sources : "
          f"{sources_s:.2f} s ; ratio {ratio:.2f} (cible ≤ {RATIO_TARGET})  "
          f"{'ok' if ok else 'HORS CIBLE'}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if bundle_rows(Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLED) else 1)
