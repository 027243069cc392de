"""The local database: models, engine and sessions, file checks and migrations."""

from charte_desktop.db.engine import Database
from charte_desktop.db.files import create_database, open_database

__all__ = ["Database", "create_database", "open_database"]
