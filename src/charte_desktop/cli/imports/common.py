"""What `import actions` and `import contacts` share: arguments, reading, printing."""

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from charte_desktop.cli.locations import file_or_server
from charte_desktop.formatting import format_number
from charte_desktop.imports.table_rows import MAX_ROWS

if TYPE_CHECKING:
    from charte_desktop.db import Database
    from charte_desktop.imports.columns import FieldSpec, HeaderGuess
    from charte_desktop.imports.table_rows import Table
    from charte_desktop.services.bulk_import import RowProblem

POLICY = (
    "La feuille lue est la feuille active du classeur (celle affichée à son ouverture), ou "
    "la première feuille visible si elle est masquée, ou celle nommée par --sheet. La "
    "correspondance des colonnes est automatique : la ligne d'en-tête est cherchée dans "
    "les 30 premières lignes (titres reconnus sans tenir compte des accents ni des "
    "majuscules ; un en-tête sur deux lignes, « Calendrier » au-dessus de « Début » et "
    "« Fin », est compris). Les colonnes non reconnues et les lignes masquées dans Excel "
    f"sont signalées par l'aperçu. Au plus {format_number(MAX_ROWS)} lignes sont lues. "
    "Tout ou rien : si une ligne a un problème (date invalide, statut inconnu, formule, "
    "cellule en erreur…), rien n'est importé, les "
    "problèmes sont listés avec leur numéro de ligne et le code de sortie est 1. Avant "
    "d'importer, une sauvegarde du fichier est faite. Avec --dry-run, l'aperçu est affiché "
    "(nombres d'éléments à créer, puis problèmes) et rien n'est écrit ; code de sortie 0 si "
    "l'import passerait, 1 sinon."
)


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", type=file_or_server, help="le fichier Charte")
    parser.add_argument("source", metavar="CLASSEUR", type=Path,
                        help="le classeur .xlsx ou le fichier .csv à importer")
    parser.add_argument("--dry-run", action="store_true",
                        help="afficher l'aperçu sans rien écrire")
    parser.add_argument("--sheet", metavar="NOM",
                        help="lire la feuille NOM du classeur (par défaut : la feuille "
                             "active, ou la première feuille visible)")


def read_source(source: Path, specs: "tuple[FieldSpec, ...]", sheet: str | None = None
                ) -> "tuple[Table, HeaderGuess]":
    """The sheet the officer sees (or `sheet`), its table and proposed mapping."""
    from charte_desktop.errors import CharteError
    from charte_desktop.imports.sources import NoHeader, open_source

    try:
        opened = open_source(source, specs, sheet)
    except NoHeader as error:
        if not error.sheets_with_header:
            raise
        suggestion = error.sheets_with_header[0].replace('"', '\\"')
        raise CharteError(f'{error.message} Pour la lire : --sheet "{suggestion}".') from None
    return opened.table, opened.header


def print_hidden_sheet(table: "Table") -> None:
    """A hidden sheet is read only when named: say so, even when importing."""
    if table.sheet_hidden:
        print(f"La feuille « {table.sheet} » est masquée dans le classeur : elle est lue "
              "parce qu'elle a été choisie (--sheet).")


@contextmanager
def opened(args: argparse.Namespace) -> "Iterator[Database]":
    """The Charte file, locked against a Charte window unless nothing is to be written."""
    from charte_desktop.db import open_database
    from charte_desktop.db.lock import locked_if_exists

    if args.dry_run:  # read-only: no migration, no backup, the file stays byte-identical
        with open_database(args.file, read_only=True) as db:
            yield db
        return
    with locked_if_exists(args.file), open_database(args.file) as db:
        yield db


def back_up(db: "Database") -> None:
    from charte_desktop.imports.backup import back_up_before_import

    back_up_before_import(db)


def print_list(title: str, items: list[str], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout  # looked up when called: tests capture it
    if items:
        print(f"{title} :", file=stream)
        for item in items:
            print(f"  - {item}", file=stream)


def print_problems(problems: "list[RowProblem]", stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if problems:
        print(f"Problèmes ({len(problems)}) :", file=stream)
        for problem in problems:
            print(f"  {problem}", file=stream)


def refuse(problems: "list[RowProblem]") -> int:
    """Print every problem then the refusal on stderr: exit code 1."""
    from charte_desktop.services.bulk_import import ImportRefused

    print_problems(problems, sys.stderr)
    print(ImportRefused(problems).message, file=sys.stderr)
    return 1


def run_refusable(apply: Callable[[], int]) -> int:
    """`apply()`, or the refusal's problems when the use case refuses the rows."""
    from charte_desktop.services.bulk_import import ImportRefused

    try:
        return apply()
    except ImportRefused as refused:
        return refuse(refused.problems)


def print_dry_run(source: Path, sheet: str | None, header_line: int, counts: str,
                  lists: "list[tuple[str, list[str]]]", problems: "list[RowProblem]") -> int:
    """`--dry-run`: what would be created, then every problem; exit 1 if it would be
    refused, 0 if it would pass. Nothing is written."""
    where = f"feuille « {sheet} », " if sheet else ""
    print(f"Aperçu de l'import de « {source.name} » ({where}en-tête ligne {header_line}) : "
          f"{counts}.")
    for title, items in lists:
        print_list(title, items)
    print_problems(problems)
    if problems:
        print("L'import serait refusé : corrigez ces lignes puis recommencez.")
        return 1
    print("Rien n'a été écrit (--dry-run).")
    return 0
