"""Entry point of `charte-desktop`: dispatch to a subcommand, or open the window.

Exit codes: 0 success, 1 a user error (one French line on stderr), 2 a usage error,
130 interrupted (Ctrl+C), 141 the reader of the output went away (`list … | head`): like a
program ended by SIGPIPE (128 + 13), quietly, so that `set -o pipefail` scripts still see it.
"""

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import cast

from charte_desktop import __version__
from charte_desktop.cli import anonymise_command
from charte_desktop.cli.exports import add_export_parsers
from charte_desktop.cli.imports import add_import_parsers
from charte_desktop.cli.locations import file_or_server, server_address
from charte_desktop.cli.output import terminal_text
from charte_desktop.cli.parser import FrenchArgumentParser
from charte_desktop.errors import CharteError
from charte_desktop.system_errors import os_reason, sqlite_damaged, sqlite_reason

LIST_KINDS = ("plans", "actions", "bodies", "meetings", "indicators", "contacts", "calls")
SUBCOMMANDS = ("demo", "check", "list", "backup", "restore", "export", "import",
               "anonymise", "publish")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="charte-desktop",
        description="Charte : piloter une charte ou un plan d'actions territorial.",
    )
    parser.add_argument("--version", action="version", version=f"Charte {__version__}",
                        help="afficher la version et quitter")
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE",
                                     parser_class=FrenchArgumentParser)

    demo = commands.add_parser("demo", help="écrire le territoire de démonstration dans FICHIER")
    demo.add_argument("file", metavar="FICHIER", type=Path)
    demo.add_argument("--size", choices=("small", "large"), default="small",
                      help="small : territoire réaliste ; large : territoire généré pour "
                           "les essais de volume")
    demo.add_argument("--force", action="store_true", help="remplacer FICHIER s'il existe")

    check = commands.add_parser(
        "check", help="vérifier FICHIER comme le ferait une sauvegarde : intégrité, clés "
                      "étrangères, tables et colonnes, valeurs enregistrées, version du schéma"
    )
    check.add_argument("file", metavar="FICHIER", type=file_or_server)

    listing = commands.add_parser("list", help="lister les éléments d'un fichier")
    listing.add_argument("kind", choices=LIST_KINDS, metavar="QUOI",
                         help="plans, actions, bodies, meetings, indicators, contacts ou calls")
    listing.add_argument("file", metavar="FICHIER", type=file_or_server)
    listing.add_argument("--json", action="store_true",
                         help="écrire un tableau JSON au lieu d'un tableau lisible")

    backup = commands.add_parser(
        "backup", help="sauvegarder FICHIER (copie vérifiée) et afficher le chemin de la copie"
    )
    backup.add_argument("file", metavar="FICHIER", type=file_or_server)
    backup.add_argument("--to", metavar="DOSSIER", type=Path,
                        help="dossier de la sauvegarde (par défaut : celui des Paramètres)")

    publish = commands.add_parser(
        "publish", help="copier FICHIER dans la base vide d'un serveur PostgreSQL (ADRESSE : "
                        "postgresql://utilisateur@serveur:5432/base), copie vérifiée")
    publish.add_argument("file", metavar="FICHIER", type=Path)
    publish.add_argument("address", metavar="ADRESSE", type=server_address)

    restore = commands.add_parser(
        "restore", help="remplacer FICHIER par SAUVEGARDE, après avoir sauvegardé FICHIER"
    )
    restore.add_argument("backup", metavar="SAUVEGARDE", type=Path)
    restore.add_argument("file", metavar="FICHIER", type=Path)

    export = commands.add_parser(
        "export", help="écrire un document (Word, Excel…) et afficher son chemin"
    )
    kinds = export.add_subparsers(dest="kind", title="documents", metavar="DOCUMENT",
                                  parser_class=FrenchArgumentParser, required=True)
    add_export_parsers(cast("argparse._SubParsersAction[argparse.ArgumentParser]", kinds))

    bring_in = commands.add_parser(
        "import", help="importer un classeur Excel ou un fichier CSV dans un fichier Charte"
    )
    sources = bring_in.add_subparsers(dest="kind", title="données", metavar="QUOI",
                                      parser_class=FrenchArgumentParser, required=True)
    add_import_parsers(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sources))
    anonymise_command.register(
        cast("argparse._SubParsersAction[argparse.ArgumentParser]", commands))
    return parser


def _use_utf8_output() -> None:
    """French text and JSON are written as UTF-8 whatever the console's code page."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from charte_desktop.cli.demo_command import run_demo

        return run_demo(args.file, size=args.size, force=args.force)
    if args.command in ("check", "backup", "publish"):
        from charte_desktop.db.server import ServerAddress

        if args.command == "publish" or isinstance(args.file, ServerAddress):
            from charte_desktop.cli import server_commands

            if args.command == "publish":
                return server_commands.publish(args.file, args.address)
            if args.command == "check":
                return server_commands.check(args.file)
            return server_commands.backup(args.file, args.to)
    if args.command == "check":
        from charte_desktop.cli.check_command import run_check

        return run_check(args.file)
    if args.command == "backup":
        from charte_desktop.cli.backup_command import run_backup

        return run_backup(args.file, to=args.to)
    if args.command == "restore":
        from charte_desktop.cli.backup_command import run_restore

        return run_restore(args.backup, args.file)
    if args.command == "anonymise":
        return anonymise_command.run(args)
    if args.command in ("export", "import"):
        return int(args.run(args))
    from charte_desktop.cli.list_command import run_list

    return run_list(args.kind, args.file, as_json=args.json)


def _database_errors() -> tuple[type[Exception], ...]:
    """sqlite3's and, once loaded, SQLAlchemy's "damaged or unreadable file" errors.

    Evaluated only when an error is being handled: the window's start-up path never
    imports SQLAlchemy for this, and a SQLAlchemy error cannot exist if it was never loaded.
    """
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    if sqlalchemy_exc is None:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlalchemy_exc.DatabaseError)


BROKEN_PIPE_EXIT = 141

# SQLAlchemy's Enum type raises LookupError with this text on a value not in its list.
UNKNOWN_ENUM_VALUE = "is not among the defined enum values"
UNKNOWN_VALUES_MESSAGE = (
    "Le fichier contient des valeurs inconnues de Charte : lancez « charte-desktop check "
    "FICHIER » pour les voir, ou restaurez une sauvegarde."
)


def _quiet_stdout() -> None:
    """The reader of stdout is gone: what is still buffered goes nowhere, silently.

    Python's recipe for SIGPIPE: point stdout at devnull so that the flush at exit does
    not print « Exception ignored … BrokenPipeError ».
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor
        pass


def _say(message: str) -> None:
    """The one French line of a failure on stderr, control characters made visible."""
    try:
        print(terminal_text(message), file=sys.stderr)
        sys.stderr.flush()
    except OSError:  # stderr closed too: nothing more can be said
        pass


def run(argv: list[str]) -> int:
    _use_utf8_output()
    if not argv or argv[0] not in (*SUBCOMMANDS, "-h", "--help", "--version"):
        from charte_desktop.cli.window_launcher import launch_window

        return launch_window(argv)
    args = build_parser().parse_args(argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe shows here, not in "Exception ignored" at exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE_EXIT
    except CharteError as error:
        _say(error.message)
    except _database_errors() as error:
        detail = getattr(error, "orig", None) or error
        if sqlite_damaged(detail):
            _say(f"Le fichier est endommagé ou illisible : {sqlite_reason(detail)}.")
        else:
            _say(f"Le fichier ne peut pas être utilisé : {sqlite_reason(detail)}.")
    except OSError as error:
        where = f" « {error.filename} »" if error.filename else ""
        _say(f"Erreur d'accès au fichier{where} : {os_reason(error)}.")
    except LookupError as error:
        # Opening names unknown stored values first; this is the last safety net, for a
        # value written by another program while the file was being read.
        if UNKNOWN_ENUM_VALUE not in str(error):
            raise
        _say(UNKNOWN_VALUES_MESSAGE)
    except KeyboardInterrupt:
        _say("Interrompu.")
        return 130
    return 1
