"""`charte-desktop check FILE`: exit 0 when sound, 1 with a French message otherwise.

The verdict is the one a backup would give (see db/health.py). A read-only file is
checked all the same, with a notice on stderr: stdout keeps the one-line verdict.
"""

import sys
from pathlib import Path

from charte_desktop.cli.output import terminal_text
from charte_desktop.db.health import check_file
from charte_desktop.db.read_only import read_only_notice, write_refusal


def run_check(path: Path) -> int:
    report = check_file(path, every_text=True)
    verdict = report.verdict()
    if verdict is not None:
        print(terminal_text(verdict), file=sys.stderr)
        return 1
    reason = write_refusal(path)
    if reason is not None:
        print(terminal_text(read_only_notice(path, reason)), file=sys.stderr)
    version = "à jour" if report.up_to_date else "sera mis à jour à la prochaine ouverture"
    print(terminal_text(
        f"Fichier « {path} » sain : intégrité vérifiée, clés étrangères cohérentes, "
        f"structure et valeurs conformes, schéma {report.revision} ({version})."))
    return 0
