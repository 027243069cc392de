"""Arguments every `export` document shares."""

import argparse
from pathlib import Path

from charte_desktop.cli.locations import file_or_server


def add_file_and_output(parser: argparse.ArgumentParser, *, suffix: str) -> None:
    parser.add_argument("file", metavar="FICHIER", type=file_or_server)
    parser.add_argument("-o", "--output", metavar=f"SORTIE.{suffix}", type=Path,
                        help="fichier à écrire (par défaut : nom suggéré, dans le dossier "
                             "courant)")
