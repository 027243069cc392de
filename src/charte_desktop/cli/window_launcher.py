"""Without a subcommand `charte-desktop` opens the window. Its arguments are read here,
with the command line's French parser; Qt is imported only once they are understood."""

import argparse
from pathlib import Path

from charte_desktop.cli.parser import FrenchArgumentParser


def parse_window_arguments(argv: list[str]) -> argparse.Namespace:
    parser = FrenchArgumentParser(prog="charte-desktop",
                                  description="Ouvre la fenêtre de Charte.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--db", metavar="FICHIER", type=Path, help="ouvrir FICHIER")
    group.add_argument("--demo", action="store_true",
                       help="ouvrir une copie neuve du territoire de démonstration")
    group.add_argument("--smoke", action="store_true",
                       help="vérifier que l'installation fonctionne (fenêtre hors écran, "
                            "exports dans un dossier temporaire) puis quitter")
    return parser.parse_args(argv)


def launch_window(argv: list[str]) -> int:
    args = parse_window_arguments(argv)
    if args.smoke:  # the installation's check: a window off screen, then quit
        from charte_desktop.ui.smoke import run_smoke

        return run_smoke()
    from charte_desktop.ui.app import launch

    return launch(args.db, demo=args.demo)
