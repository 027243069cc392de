"""`export ics FILE (--meeting ID | --body ID | --calls) [-o OUT.ics]`: calendar
invitations, or the deadlines of the calls for projects."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "ics", help="invitation d'agenda (.ics) d'une réunion ou des réunions prévues d'une "
                    "instance")
    add_file_and_output(parser, suffix="ics")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", metavar="N°", type=record_id,
                       help="numéro de la réunion (voir « list meetings »)")
    which.add_argument("--body", metavar="N°", type=record_id,
                       help="numéro de l'instance dont exporter toutes les réunions prévues "
                            "(voir « list bodies »)")
    which.add_argument("--calls", action="store_true",
                       help="les échéances à venir des appels à projets (pré-dépôt, dépôt, "
                            "décision)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.calendar_ics import (
        body_ics_name,
        meeting_ics_name,
        write_body_ics,
        write_meeting_ics,
    )

    with open_database(args.file, read_only=True) as db:
        if args.meeting is not None:
            target = args.output or Path.cwd() / meeting_ics_name(db, args.meeting)
            written = write_meeting_ics(db, args.meeting, target)
        elif args.body is not None:
            target = args.output or Path.cwd() / body_ics_name(db, args.body)
            written = write_body_ics(db, args.body, target)
        else:
            from charte_desktop.exports.calls_ics import calls_ics_name, write_calls_ics

            target = args.output or Path.cwd() / calls_ics_name()
            written = write_calls_ics(db, target)
    print(written)
    return 0
