"""A Charte base on a PostgreSQL server: its address, its engine, its French refusals.

A location is a file path or an address `postgresql://utilisateur@hôte:port/base`. The
password comes from the address, from PGPASSWORD or from the .pgpass file (libpq reads
both itself); it is never part of what is shown or remembered (`ServerAddress.label`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from charte_desktop.errors import CharteError

if TYPE_CHECKING:
    from sqlalchemy import Engine

SCHEMES = ("postgresql", "postgres")
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5  # an absent server is said quickly, not after minutes


@dataclass(frozen=True)
class ServerAddress:
    """Where a Charte base lives on a server; `password` only when the address gave it."""

    host: str
    port: int
    base: str
    user: str | None = None
    password: str | None = None

    @property
    def label(self) -> str:
        """The address as shown and remembered: never the password."""
        user = f"{self.user}@" if self.user else ""
        return f"postgresql://{user}{self.host}:{self.port}/{self.base}"

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def spoken(self) -> str:
        """As the window names it: « base partagée « charte » (serveur:5432) »."""
        return f"base partagée « {self.base} » ({self.where})"

    def __str__(self) -> str:
        return self.label

    def with_password(self, password: str | None) -> ServerAddress:
        return ServerAddress(self.host, self.port, self.base, self.user, password)

    def sqlalchemy_url(self) -> Any:
        from sqlalchemy import URL

        return URL.create("postgresql+psycopg", username=self.user, password=self.password,
                          host=self.host, port=self.port, database=self.base)


class PasswordNeeded(CharteError):
    """The server wants a password (`refused`: it refused the one given): the window
    asks for it; the command line says this message."""

    def __init__(self, message: str, *, refused: bool) -> None:
        super().__init__(message)
        self.refused = refused


def is_server_address(text: str) -> bool:
    return text.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES))


def parse_address(text: str) -> ServerAddress:
    """The address in `text`, or a French refusal saying what is missing."""
    example = "par exemple postgresql://camille@serveur:5432/charte"
    parts = urlsplit(text.strip())
    if parts.scheme.lower() not in SCHEMES:
        raise CharteError(f"« {text} » n'est pas une adresse de serveur ({example}).")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        raise CharteError(f"Le port de l'adresse « {_hidden(text)} » n'est pas un nombre "
                          f"entre 1 et 65535 ({example}).") from None
    base = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not base or "/" in base:
        raise CharteError(f"L'adresse « {_hidden(text)} » doit nommer le serveur et la "
                          f"base ({example}).")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return ServerAddress(parts.hostname, port, base, user, password)


def _hidden(text: str) -> str:
    """`text` with the password of an address replaced by stars."""
    parts = urlsplit(text.strip())
    if parts.password is None:
        return text
    return text.replace(f":{parts.password}@", ":***@", 1)


def server_engine(address: ServerAddress, *, read_only: bool = False,
                  application: str = "Charte") -> Engine:
    """An engine on the server; `read_only` makes every transaction read-only there."""
    from sqlalchemy import create_engine

    options = "-c default_transaction_read_only=on" if read_only else ""
    return create_engine(
        address.sqlalchemy_url(),
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": application,
                      "options": options},
        pool_pre_ping=True,
    )


def connection_refusal(address: ServerAddress, exc: BaseException) -> CharteError | None:
    """The French line for a server that cannot be reached or refuses us; None otherwise."""
    original = getattr(exc, "orig", None) or exc
    state = getattr(original, "sqlstate", None)
    text = str(original).lower()
    who = f"« {address.user} »" if address.user else "l'utilisateur du système"
    if state == "28P01" or "password authentication failed" in text:
        return PasswordNeeded(f"Le serveur {address.where} a refusé le mot de passe de {who} : "
                              "vérifiez l'utilisateur et le mot de passe.", refused=True)
    if "no password supplied" in text or "fe_sendauth" in text:
        return PasswordNeeded(f"Le serveur {address.where} demande un mot de passe pour {who} : "
                           "donnez-le dans l'adresse, dans PGPASSWORD ou dans le fichier "
                           ".pgpass.", refused=False)
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return CharteError(f"La base « {address.base} » n'existe pas sur le serveur "
                           f"{address.where}.")
    if state in ("28000", "42501") or "no pg_hba.conf entry" in text:
        return CharteError(f"Le serveur {address.where} refuse la connexion de {who} à la "
                           f"base « {address.base} » : demandez l'accès à son administrateur.")
    if state is None and _is_connection_failure(original):
        return CharteError(f"Le serveur {address.where} ne répond pas : vérifiez son adresse "
                           "et son port, et que PostgreSQL y est démarré.")
    return None


def _is_connection_failure(error: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, psycopg.OperationalError)


WRITE_REFUSED = ("Vous pouvez consulter cette base mais pas la modifier : votre compte sur "
                 "le serveur est en lecture seule. Rien n'a été enregistré.")
CONNECTION_LOST = ("La connexion au serveur a été perdue : la dernière opération n'a pas "
                   "été faite. Vérifiez le réseau puis recommencez.")


def write_refusal(exc: BaseException) -> CharteError | None:
    """The French refusal of a write the server would not make (role, read-only base)."""
    original = getattr(exc, "orig", None) or exc
    state = getattr(original, "sqlstate", None)
    if state in ("42501", "25006"):  # insufficient privilege, read-only transaction
        return CharteError(WRITE_REFUSED)
    if state is None and _is_connection_failure(original):
        return CharteError(CONNECTION_LOST)
    return None


def server_refusal(exc: BaseException) -> CharteError | None:
    """Any other refusal from the server, named by its code (its text is in English)."""
    original = getattr(exc, "orig", None) or exc
    state = getattr(original, "sqlstate", None)
    if state is None:
        return None
    return CharteError(f"Le serveur a refusé l'opération (code PostgreSQL {state}).")
