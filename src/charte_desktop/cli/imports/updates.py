"""`import updates FILE IN.xlsx [--dry-run]`: merge a pilot's returned update workbook.

From the command line every change is accepted (the window lets the officer choose), so
a workbook with cells to correct is refused as a whole, each cell named, like the other
imports. Before writing, the file is backed up. `--dry-run` prints the changes and the
problems and writes nothing (exit 1 when the import would be refused). Either way, every
answer that changes nothing is printed with its reason under « Non repris : », as the
window's review shows it (`update_merge.describe_review`).
"""

import argparse
import sys
from pathlib import Path

from charte_desktop.cli.imports.common import back_up
from charte_desktop.cli.locations import file_or_server


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "updates",
        help="reprendre le classeur de mise à jour rempli par un pilote",
        description="Reprend les réponses d'un classeur de mise à jour renvoyé par un "
                    "pilote : statuts, avancements, commentaires (journal de suivi) et "
                    "valeurs d'indicateurs. Tous les changements sont acceptés ; si une "
                    "cellule est à corriger (formule, statut inconnu…), rien n'est importé. "
                    "Les réponses qui ne changent rien sont listées avec leur raison. "
                    "Une sauvegarde du fichier est faite avant. --dry-run affiche les "
                    "changements sans rien enregistrer.",
    )
    parser.add_argument("file", metavar="FICHIER", type=file_or_server, help="le fichier Charte")
    parser.add_argument("workbook", metavar="CLASSEUR.xlsx", type=Path,
                        help="le classeur rempli par le pilote")
    parser.add_argument("--dry-run", action="store_true",
                        help="afficher les changements (ancien → nouveau) sans rien "
                             "enregistrer")
    parser.set_defaults(run=run)


def _refusal(count: int, name: str) -> str:
    cells = "une cellule" if count == 1 else f"{count} cellules"
    return (f"Le classeur « {name} » a {cells} à corriger : rien n'a été importé. Corrigez-les "
            "(ou demandez au pilote de le faire) puis recommencez.")


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.db.lock import locked_if_exists
    from charte_desktop.imports.updates import load_update
    from charte_desktop.services.update_merge import apply_update, describe_review

    if args.dry_run:
        with open_database(args.file, read_only=True) as db:
            review = load_update(db, args.workbook)
        print(describe_review(review))
        if review.problems:
            print(_refusal(len(review.problems), review.source_name))
            return 1
        print("Rien n'a été enregistré (--dry-run).")
        return 0
    with locked_if_exists(args.file), open_database(args.file) as db:
        review = load_update(db, args.workbook)
        if review.problems:
            for problem in review.problems:
                print(f"  {problem}", file=sys.stderr)
            print(_refusal(len(review.problems), review.source_name), file=sys.stderr)
            return 1
        print(describe_review(review))
        back_up(db)
        applied = apply_update(db, review, [change.key for change in review.changes])
    print(applied.summary())
    return 0
