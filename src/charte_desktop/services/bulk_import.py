"""What every import shares: problems tied to a line of the file, and the refusal.

An import is all or nothing: every row is checked by the same use-case rules as the forms,
every problem is collected (not only the first), and if there is any the transaction is
rolled back and ImportRefused lists them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_number

# Called with (rows done, rows in all) while rows are written; may raise to stop (the
# transaction is then rolled back).
StepCallback = Callable[[int, int], None]
STEP_EVERY = 50


@dataclass(frozen=True, order=True)
class RowProblem:
    line: int  # the row number the officer sees in Excel; 0 for the file as a whole
    message: str  # French, complete ("date « 31/02/2025 » invalide")

    @classmethod
    def from_error(cls, line: int, error: CharteError) -> "RowProblem":
        """A use case's message ("Le champ « Code »…") to follow "ligne 12 : "."""
        return cls(line, lower_first(error.message) if line > 0 else error.message)

    def __str__(self) -> str:
        if self.line <= 0:
            return self.message
        return f"ligne {self.line} : {self.message}"


def lower_first(message: str) -> str:
    """ "Le champ « Code »…" → "le champ « Code »…", to follow "ligne 12 : "."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


def count_label(count: int, singular: str, plural: str) -> str:
    """ "1 action", "2 000 actions" (French digit grouping)."""
    return f"{format_number(count)} {singular if count <= 1 else plural}"


class ImportRefused(CharteError):
    """The file has problems: nothing was written. `problems` are sorted by line."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = sorted(problems)
        lines = {problem.line for problem in self.problems if problem.line > 0}
        where = f" sur {count_label(len(lines), 'ligne', 'lignes')}" if lines else ""
        super().__init__(
            f"Import refusé : {count_label(len(self.problems), 'problème', 'problèmes')}"
            f"{where} ; rien n'a été modifié. Corrigez le fichier puis recommencez."
        )
