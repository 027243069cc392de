"""`export contacts FILE [--body ID] [-o OUT.xlsx]`: the directory, or a body's members."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "contacts", help="annuaire, ou membres d'une instance avec leur rôle (Excel)")
    add_file_and_output(parser, suffix="xlsx")
    parser.add_argument("--body", metavar="N°", type=record_id,
                        help="numéro de l'instance (voir « list bodies ») ; par défaut : "
                             "tout l'annuaire")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.contacts_workbook import (
        suggested_contacts_name,
        write_contacts_workbook,
    )

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_contacts_name(db, args.body)
        written = write_contacts_workbook(db, target, body_id=args.body)
    print(written)
    return 0
