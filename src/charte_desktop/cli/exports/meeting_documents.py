"""`export {convocation,attendance,minutes} FILE --meeting ID [-o OUT.docx]`."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id

KINDS = {  # = exports.meeting_exports.KINDS
    "convocation": "convocation d'une réunion (Word)",
    "attendance": "feuille d'émargement d'une réunion (Word)",
    "minutes": "compte rendu d'une réunion (Word)",
}


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for kind, help_text in KINDS.items():
        parser = kinds.add_parser(kind, help=help_text)
        add_file_and_output(parser, suffix="docx")
        parser.add_argument("--meeting", metavar="N°", type=record_id, required=True,
                            help="numéro de la réunion (voir « list meetings »)")
        parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.meeting_exports import export_meeting_document, suggested_name

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_name(db, args.kind, args.meeting)
        written = export_meeting_document(db, args.kind, args.meeting, target)
    print(written)
    return 0
