"""`import updates FILE IN.xlsx [--dry-run]`: merge a pilot's returned update workbook.

From the command line every change is accepted (the window lets the officer choose);
so a workbook with cells to correct is refused as a whole, with each cell named.
`--dry-run` prints the changes and the problems and writes nothing.
"""

import argparse
from pathlib import Path

from charte_desktop.errors import CharteError


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "updates",
        help="reprendre le classeur de mise à jour rempli par un pilote",
        description="Reprend les réponses d'un classeur de mise à jour renvoyé par un "
                    "pilote : statuts, avancements, commentaires (journal de suivi) et "
                    "valeurs d'indicateurs. Tous les changements sont acceptés ; "
                    "--dry-run les affiche sans rien enregistrer.",
    )
    parser.add_argument("file", metavar="FICHIER", type=Path)
    parser.add_argument("workbook", metavar="CLASSEUR.xlsx", type=Path)
    parser.add_argument("--dry-run", action="store_true",
                        help="afficher les changements (ancien → nouveau) sans rien "
                             "enregistrer")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.db.lock import locked_if_exists
    from charte_desktop.imports.updates import load_update
    from charte_desktop.services.update_merge import apply_update, describe_review

    if args.dry_run:
        with open_database(args.file, read_only=True) as db:
            review = load_update(db, args.workbook)
        print(describe_review(review))
        print("Simulation (--dry-run) : rien n'a été enregistré.")
        return 0
    with locked_if_exists(args.file), open_database(args.file) as db:
        review = load_update(db, args.workbook)
        if review.problems:
            raise CharteError(
                f"Le classeur « {review.source_name} » a des cellules à corriger, rien n'a "
                "été importé : " + " ".join(review.problems)
            )
        print(describe_review(review))
        applied = apply_update(db, review, [change.key for change in review.changes])
    print(applied.summary())
    return 0
