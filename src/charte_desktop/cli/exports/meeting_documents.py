"""`export {convocation,attendance,minutes} FILE --meeting ID [-o OUT.docx]`."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    # The registry only: writing a document imports python-docx, listing them does not.
    from charte_desktop.exports.meeting_exports import MEETING_DOCUMENTS

    for document in MEETING_DOCUMENTS:
        parser = kinds.add_parser(document.kind, help=document.description)
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
