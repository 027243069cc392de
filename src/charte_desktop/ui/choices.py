"""Choices for drop-down lists in forms and filters, each read in one query when needed
and kept until the next write to the file (see Database.memo)."""

from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from charte_desktop.db import Database
from charte_desktop.text import fold

Choices = Sequence[tuple[Any, str]]


class Offered(list[tuple[Any, str]]):
    """Choices offered, and `kept`: the labels of values no longer offered but kept in the
    history (archived people and bodies). A form showing a record that holds one shows it
    (« Marie Dupont (archivée) ») instead of emptying the field."""

    def __init__(self, offered: Iterable[tuple[Any, str]], kept: dict[Any, str]) -> None:
        super().__init__(offered)
        self.kept = kept


def enum_choices(enum_class: type[Enum]) -> Callable[[], Choices]:
    return lambda: [(member, member.label) for member in enum_class]  # type: ignore[attr-defined]


def contacts(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_contacts

        # Archived people stay in the history, not among the choices.
        rows = list_contacts(db)
        return Offered(
            ((row.id, f"{row.name} ({row.organisation})" if row.organisation else row.name)
             for row in rows if not row.archived),
            {row.id: f"{row.name} (archivé·e)" for row in rows if row.archived})

    return lambda: db.memo("choices:contacts", load)


def organisations(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_organisations

        return [(row.id, row.name) for row in list_organisations(db)]

    return lambda: db.memo("choices:organisations", load)


def circles(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_circles

        return [(circle.id, circle.name) for circle in list_circles(db)]

    return lambda: db.memo("choices:circles", load)


def bodies(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.bodies import list_bodies

        # "Comité technique de la charte (COTECH)": the officer may call it either way.
        rows = list_bodies(db)
        return Offered(
            ((row.id, row.name if fold(row.kind.label) in fold(row.name)
              else f"{row.name} ({row.kind.label})") for row in rows if not row.archived),
            {row.id: f"{row.name} (archivée)" for row in rows if row.archived})

    return lambda: db.memo("choices:bodies", load)


def policies(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.action_details import list_policies

        return [(p.id, p.code) for p in list_policies(db)]

    return lambda: db.memo("choices:policies", load)


def plans(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.plans import list_plans

        return [(row.id, row.title) for row in list_plans(db)]

    return lambda: db.memo("choices:plans", load)


def axes(db: Database, plan_id: Callable[[], int | None]) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.plans import list_axes

        current = plan_id()
        if current is None:
            return []
        return [(a.id, f"{a.code} {a.title}".strip()) for a in list_axes(db, current)]

    return load


def actions(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.actions import list_actions

        return [(row.id, f"{row.code} {row.title}") for row in list_actions(db)]

    return lambda: db.memo("choices:actions", load)


def pilots(db: Database, plan_id: Callable[[], int | None]) -> Callable[[], Choices]:
    """Who pilots an action of the plan shown (of any plan when none is chosen), worded
    as `contacts` words them."""
    def load(current: int | None) -> Choices:
        from charte_desktop.services.pilots import list_pilots

        return [(row.id, f"{row.name} ({row.organisation})" if row.organisation else row.name)
                for row in list_pilots(db, current)]

    def read() -> Choices:
        current = plan_id()
        return db.memo(f"choices:pilots:{current}", lambda: load(current))

    return read
