"""`charte-desktop check FILE`: exit 0 when sound, 1 with a French message otherwise."""

import sys
from pathlib import Path

from charte_desktop.db.health import check_file


def run_check(path: Path) -> int:
    report = check_file(path)
    if report.revision is None:
        print(f"Le fichier « {path} » est incomplet : il ne contient pas de base Charte.",
              file=sys.stderr)
        return 1
    if not report.sound:
        problems = report.integrity_problems + report.foreign_key_problems
        print(f"Le fichier « {path} » est endommagé : {problems[0]}"
              + (f" (et {len(problems) - 1} autre(s) problème(s))" if len(problems) > 1 else "")
              + ".", file=sys.stderr)
        return 1
    version = "à jour" if report.up_to_date else "sera mis à jour à la prochaine ouverture"
    print(f"Fichier « {path} » sain : intégrité vérifiée, clés étrangères cohérentes, "
          f"schéma {report.revision} ({version}).")
    return 0
