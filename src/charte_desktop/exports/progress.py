"""Progress and cancellation for long writes (tableau de suivi, pilots' workbooks…), no GUI.

A writer calls `progress.step(done, total, label)` between two pieces of work; the window's
progress shows the bar, and raises `Cancelled` from `step` once the officer has pressed
« Annuler »: the writer stops there, and since documents are written aside and moved into
place at the end (`safe_write`), no file appears. The command line passes no progress
(`SILENT`).

Parts of a long write each get their share of one bar (`Part`), and a sheet's rows report
without knowing who listens: `stepped(rows, count)` reports to the progress set around the
work with `reporting(progress)` (one per thread: a context variable).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol, TypeVar

from charte_desktop.errors import CharteError

T = TypeVar("T")

CANCELLED_MESSAGE = "Écriture annulée : aucun fichier n'a été écrit."
ROWS_PER_STEP = 200  # rows between two reports: the bar moves, the cost stays invisible


class Cancelled(CharteError):
    """The officer stopped the work; nothing half-written is left."""

    def __init__(self, message: str = CANCELLED_MESSAGE) -> None:
        super().__init__(message)


class Progress(Protocol):
    def step(self, done: int, total: int, label: str = "") -> None:
        """`done` of `total` (0: unknown); `label` says what is being done, in French.
        Raises Cancelled when the work must stop."""


class _Silent:
    def step(self, done: int, total: int, label: str = "") -> None:
        return None


SILENT: Progress = _Silent()


@dataclass(frozen=True)
class Part:
    """Steps of one part of the work, drawn on `start`…`start + size` of the whole bar
    (`whole` steps); its `label` unless a step says more."""

    parent: Progress
    start: int
    size: int
    whole: int
    label: str = ""

    def step(self, done: int, total: int, label: str = "") -> None:
        fraction = min(max(done, 0), total) / total if total > 0 else 0.0
        self.parent.step(self.start + round(self.size * fraction), self.whole,
                         label or self.label)


def parts(progress: Progress, weights: Iterable[tuple[str, int]]) -> list[Part]:
    """One Part per (label, weight), in order, sharing the whole bar by weight."""
    chosen = list(weights)
    whole = sum(weight for _label, weight in chosen) or 1
    result: list[Part] = []
    start = 0
    for label, weight in chosen:
        result.append(Part(progress, start, weight, whole, label))
        start += weight
    return result


_current: ContextVar[Progress] = ContextVar("charte_progress", default=SILENT)


@contextmanager
def reporting(progress: Progress) -> Iterator[None]:
    """`stepped` reports to `progress` inside the block (in this thread only)."""
    token = _current.set(progress)
    try:
        yield
    finally:
        _current.reset(token)


def stepped(items: Iterable[T], total: int, every: int | None = None) -> Iterator[T]:
    """`items` unchanged, reporting to the current progress every `every` items
    (ROWS_PER_STEP) and stopping there with Cancelled when asked to."""
    progress = _current.get()
    if progress is SILENT:
        yield from items
        return
    every = every or ROWS_PER_STEP
    for index, item in enumerate(items):
        if index % every == 0:
            progress.step(index, total)
        yield item
