"""`export person FILE --contact N° [-o OUT.xlsx]`: everything held about a person (RGPD)."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "person", help="tout ce que le fichier contient sur une personne (RGPD, Excel)")
    add_file_and_output(parser, suffix="xlsx")
    parser.add_argument("--contact", metavar="N°", type=record_id, required=True,
                        help="numéro du contact (voir « list contacts »)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.person_workbook import (
        suggested_person_name,
        write_person_workbook,
    )

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_person_name(db, args.contact)
        written = write_person_workbook(db, args.contact, target)
    print(written)
    return 0
