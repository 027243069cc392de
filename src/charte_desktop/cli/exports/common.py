"""Arguments every `export` document shares."""

import argparse
from pathlib import Path


def add_file_and_output(parser: argparse.ArgumentParser, *, suffix: str) -> None:
    parser.add_argument("file", metavar="FICHIER", type=Path)
    parser.add_argument("-o", "--output", metavar=f"SORTIE.{suffix}", type=Path,
                        help="fichier à écrire (par défaut : nom suggéré, dans le dossier "
                             "courant)")
