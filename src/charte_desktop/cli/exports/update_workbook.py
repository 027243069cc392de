"""`export update-workbook FILE [--pilot ID] [--plan ID] [-o OUT.xlsx]`."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "update-workbook",
        help="classeur de mise à jour à faire remplir par un pilote (Excel)",
        description="Écrit le classeur Excel que remplit un pilote : ses actions (statut, "
                    "avancement, commentaire) et les indicateurs qu'elles suivent. Sans "
                    "--pilot : toutes les actions du plan.",
    )
    add_file_and_output(parser, suffix="xlsx")
    parser.add_argument("--pilot", metavar="N°", type=record_id,
                        help="numéro du contact pilote (voir « list contacts ») ; "
                             "par défaut : toutes les actions")
    parser.add_argument("--plan", metavar="N°", type=record_id,
                        help="numéro du plan (voir « list plans »), utile seulement si le "
                             "fichier en contient plusieurs")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.update_workbook import default_name, write_update_workbook
    from charte_desktop.services.update_content import plan_for_workbook

    with open_database(args.file, read_only=True) as db:
        plan_id = args.plan if args.plan is not None else plan_for_workbook(db, args.pilot)
        target = args.output or Path.cwd() / default_name(db, args.pilot)
        written = write_update_workbook(db, target, plan_id=plan_id, pilot_id=args.pilot)
    print(written)
    return 0
