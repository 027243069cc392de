"""A FICHIER argument may also be a server's address (postgresql://…): see db.server."""

import argparse
from pathlib import Path

from charte_desktop.db.server import ServerAddress, is_server_address, parse_address
from charte_desktop.errors import CharteError

Location = Path | ServerAddress


def file_or_server(text: str) -> Location:
    """argparse type of a FICHIER: a path, or an address refused in French if malformed."""
    if not is_server_address(text):
        return Path(text)
    try:
        return parse_address(text)
    except CharteError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def server_address(text: str) -> ServerAddress:
    """argparse type of an ADRESSE: a server's address only."""
    try:
        return parse_address(text)
    except CharteError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def file_only(location: Location, command: str) -> Path:
    """The path of a command that works on files only; a server is refused in French."""
    if isinstance(location, ServerAddress):
        raise CharteError(f"« charte-desktop {command} » travaille sur un fichier Charte, pas "
                          f"sur un serveur ({location.label}).")
    return location
