"""`charte-desktop import WHAT …`: one module per kind of file brought in.

Each module has `register(kinds)`, which adds its sub-parser(s) and sets `run` to a
handler `(args) -> exit code`; handlers import openpyxl and the readers only when called.
"""

import argparse
from types import ModuleType

from charte_desktop.cli.imports import actions, contacts, updates

MODULES: tuple[ModuleType, ...] = (actions, contacts, updates)


def add_import_parsers(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for module in MODULES:
        module.register(kinds)
