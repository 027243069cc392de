"""Progress reports and cancellation for long imports, without any GUI.

The window runs an import in a worker thread, shows `progress` in a bar and sets a flag
when the officer clicks « Annuler »; the core polls `cancelled` between rows and stops by
raising ImportCancelled, before anything is written or inside the transaction that is then
rolled back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from charte_desktop.errors import CharteError

ProgressCallback = Callable[[str, int, int], None]  # (French stage, done, total; 0 = unknown)
CancelCheck = Callable[[], bool]

CANCELLED_MESSAGE = "Import annulé : rien n'a été modifié."
REPORT_EVERY = 50  # rows between two reports: often enough for a bar, cheap enough for 2,000


class ImportCancelled(CharteError):
    def __init__(self) -> None:
        super().__init__(CANCELLED_MESSAGE)


@dataclass(frozen=True)
class Monitor:
    progress: ProgressCallback | None = None
    cancelled: CancelCheck | None = None

    def update(self, stage: str, done: int, total: int = 0) -> None:
        """Report `done` of `total` for `stage`; raise ImportCancelled when asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        if self.progress is not None:
            self.progress(stage, done, total)


SILENT = Monitor()
