"""`export email FILE --meeting ID --document {convocation,minutes} [-o OUT.eml]`: an unsent
e-mail with the Word document attached; who has no e-mail address is noted on stderr."""

import argparse
import sys
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id

DOCUMENTS = ("convocation", "minutes")  # = exports.email_draft.DRAFT_KINDS


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "email", help="brouillon de courriel (.eml) de la convocation ou du compte rendu, "
                      "document Word joint")
    add_file_and_output(parser, suffix="eml")
    parser.add_argument("--meeting", metavar="N°", type=record_id, required=True,
                        help="numéro de la réunion (voir « list meetings »)")
    parser.add_argument("--document", choices=DOCUMENTS, required=True,
                        help="convocation ou compte rendu (minutes)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.email_draft import email_draft_name, write_email_draft

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / email_draft_name(db, args.meeting, args.document)
        draft = write_email_draft(db, args.meeting, args.document, target)
    if draft.note:
        print(draft.note, file=sys.stderr)
    print(draft.path)
    return 0
