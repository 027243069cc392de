"""An argparse parser that speaks French and exits 2 on usage errors."""

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

# argparse's own messages, in French (Python ships no French catalogue for them).
_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
     r"argument \1 : choix invalide \2 (possibles : \3)"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"choix invalide \1 (possibles : \2)"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"argument (.*?): expected one argument", r"l'argument \1 attend une valeur"),
    (r"argument (.*?): invalid (.*?) value: (.*)", r"argument \1 : valeur invalide \3"),
    (r"argument (.*?): not allowed with argument (.*)",
     r"l'argument \1 ne peut pas être utilisé avec \2"),
    (r"one of the arguments (.*) is required", r"l'un des arguments \1 est obligatoire"),
)


def translate(message: str) -> str:
    for pattern, replacement in _TRANSLATIONS:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        # argparse asks for an empty prefix when it builds a subcommand's name: keep it.
        super().add_usage(usage, actions, groups,
                          prefix="utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    """Usage errors print the usage and a French message on stderr, then exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS,
            help="afficher cette aide et quitter",
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {translate(message)}\n")
