"""`export monitoring FILE [--plan ID] [-o OUT.xlsx]`: the tableau de suivi (Excel)."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser("monitoring", help="tableau de suivi du plan d'actions (Excel)")
    add_file_and_output(parser, suffix="xlsx")
    parser.add_argument("--plan", metavar="N°", type=record_id,
                        help="numéro du plan (voir « list plans ») ; par défaut : tous les plans")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.monitoring import (
        suggested_monitoring_name,
        write_monitoring_workbook,
    )

    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_monitoring_name(db, args.plan)
        written = write_monitoring_workbook(db, target, plan_id=args.plan)
    print(written)
    return 0
