"""Without a subcommand `charte-desktop` opens the window. Its arguments are read here,
with the command line's French parser; Qt is imported only once they are understood."""

import argparse
from pathlib import Path

from charte_desktop.cli.locations import file_or_server, server_address
from charte_desktop.cli.parser import FrenchArgumentParser
from charte_desktop.db.server import ServerAddress


def parse_window_arguments(argv: list[str]) -> argparse.Namespace:
    parser = FrenchArgumentParser(prog="charte-desktop",
                                  description="Ouvre la fenêtre de Charte.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db", metavar="FICHIER", type=file_or_server,
                       help="ouvrir FICHIER, ou la base d'un serveur PostgreSQL "
                            "(postgresql://utilisateur@serveur:5432/base)")
    group.add_argument("--demo", action="store_true",
                       help="ouvrir une copie neuve du territoire de démonstration")
    group.add_argument("--smoke", nargs="?", const=True, default=False, metavar="ADRESSE",
                       type=server_address,
                       help="vérifier que l'installation fonctionne (fenêtre hors écran, "
                            "exports dans un dossier temporaire) puis quitter ; avec "
                            "ADRESSE, lire aussi la base de ce serveur PostgreSQL")
    return parser.parse_args(argv)


def launch_window(argv: list[str]) -> int:
    args = parse_window_arguments(argv)
    if args.smoke:  # the installation's check: a window off screen, then quit
        from charte_desktop.ui.smoke import run_smoke

        return run_smoke(None if args.smoke is True else args.smoke)
    if not args.demo:
        _check_file_ahead(args.db)
    from charte_desktop.ui.app import launch

    return launch(args.db, demo=args.demo)


def _check_file_ahead(db: Path | ServerAddress | None) -> None:
    """Begin the integrity check of the file the window will open (the one given, else
    the officer's usual file) while the window's modules load."""
    from charte_desktop.db.integrity_ahead import check_ahead
    from charte_desktop.paths import default_database_path

    path = default_database_path() if db is None else db
    if isinstance(path, Path):
        check_ahead(path)
