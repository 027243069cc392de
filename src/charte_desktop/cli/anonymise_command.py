"""`charte-desktop anonymise FILE --contact N°`: a person replaced everywhere by
« Personne anonymisée » (RGPD), after a verified backup."""

import argparse
from pathlib import Path

from charte_desktop.cli.ids import record_id


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "anonymise", help="remplacer une personne partout par « Personne anonymisée » "
                          "(RGPD), après une sauvegarde")
    parser.add_argument("file", metavar="FICHIER", type=Path)
    parser.add_argument("--contact", metavar="N°", type=record_id, required=True,
                        help="numéro du contact (voir « list contacts »)")


def run(args: argparse.Namespace) -> int:
    from charte_desktop.db import open_database
    from charte_desktop.db.lock import locked_if_exists
    from charte_desktop.services.anonymise import anonymise_contact

    with locked_if_exists(args.file), open_database(args.file) as db:
        done = anonymise_contact(db, args.contact)
    for line in done.summary():
        print(line)
    return 0
