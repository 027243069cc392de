"""The one exception type users can cause, carrying a French message."""


class CharteError(Exception):
    """An error the user can cause and fix; `message` is French and shown as is.

    `field` names the form field at fault (the model attribute), when there is one,
    so that a form can show the message beside it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class StaleEditError(CharteError):
    """A record changed since its form opened (another officer saved it): nothing was
    written. `table` and `row_id` say which record, so that the form can reload it."""

    def __init__(self, message: str, table: str, row_id: int, *,
                 deleted: bool = False) -> None:
        super().__init__(message)
        self.table = table
        self.row_id = row_id
        self.deleted = deleted  # deleted meanwhile: nothing to reload


def reload_advice(table: str) -> str:
    """The last sentence of a stale save's refusal, where no choice is offered beside it."""
    return f"Rechargez-{'le' if table == 'contact' else 'la'} pour voir ses nouvelles valeurs."
