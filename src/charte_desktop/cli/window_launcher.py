"""Without a subcommand `charte-desktop` opens the window (its own issue, not built yet)."""

import sys

from charte_desktop.cli.main import build_parser


def launch_window(argv: list[str]) -> int:
    print(
        "La fenêtre de Charte n'est pas encore disponible dans cette version ; "
        "utilisez les commandes ci-dessous.",
        file=sys.stderr,
    )
    build_parser().print_help(sys.stderr)
    return 2
