"""`export report FILE --year YYYY [--plan N°] [-o OUT.docx]`: « Le bilan de l'année »
(Word)."""

import argparse
from pathlib import Path

from charte_desktop.cli.exports.common import add_file_and_output
from charte_desktop.cli.ids import record_id
from charte_desktop.errors import CharteError


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser("report", help="bilan de l'année : actions, instances, "
                                             "indicateurs et budget (Word)")
    add_file_and_output(parser, suffix="docx")
    # Read as text: a wrong year is the officer's mistake (one French line, exit 1), not
    # a usage error.
    parser.add_argument("--year", metavar="AAAA", required=True,
                        help="année du bilan, par exemple 2026")
    parser.add_argument("--plan", metavar="N°", type=record_id,
                        help="numéro du plan (voir « list plans ») ; par défaut : tous les plans")
    parser.set_defaults(run=run)


def parse_year(text: str) -> int:
    """The year as typed (« 2026 »), or a French CharteError."""
    from charte_desktop.services.annual_report import check_year

    value = text.strip()
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise CharteError(f"« {text} » n'est pas une année : indiquez-la sur quatre chiffres, "
                          "par exemple 2026.")
    return check_year(int(value))


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.exports.annual_report import export_annual_report, suggested_report_name

    year = parse_year(args.year)
    with open_database(args.file, read_only=True) as db:
        target = args.output or Path.cwd() / suggested_report_name(db, year, args.plan)
        written = export_annual_report(db, target, year, plan_id=args.plan)
    print(written)
    return 0
