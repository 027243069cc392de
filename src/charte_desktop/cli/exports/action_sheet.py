"""`export action FILE --action ID [-o OUT.docx]`: the fiche action in Word."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser("action", help="fiche d'une action (Word)")
    add_file_and_output(parser, suffix="docx")
    parser.add_argument("--action", metavar="N°", type=record_id, required=True,
                        help="numéro de l'action (voir « list actions »)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.action_sheet import export_action_sheet, suggested_file_name

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_file_name(db, args.action)
        written = export_action_sheet(db, args.action, target)
    print(written)
    return 0
