"""Where Charte keeps the officer's file by default: the local (non-roaming) data folder.

On Windows that is %LOCALAPPDATA%\\Charte: roaming profiles are synced over the network,
where SQLite files do not belong.
"""

from pathlib import Path

APP_NAME = "Charte"
DEFAULT_FILE_NAME = "charte.sqlite"


def data_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, roaming=False, ensure_exists=False)


def default_database_path() -> Path:
    return data_folder() / DEFAULT_FILE_NAME
