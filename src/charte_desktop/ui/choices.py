"""Choices for drop-down lists in forms and filters, each read in one query when needed."""

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from charte_desktop.db import Database

Choices = Sequence[tuple[Any, str]]


def once(load: Callable[[], Choices]) -> Callable[[], Choices]:
    """The same choices for several fields of one form, read from the file once."""
    cache: list[Choices] = []

    def cached() -> Choices:
        if not cache:
            cache.append(load())
        return cache[0]

    return cached


def enum_choices(enum_class: type[Enum]) -> Callable[[], Choices]:
    return lambda: [(member, member.label) for member in enum_class]  # type: ignore[attr-defined]


def contacts(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_contacts

        return [
            (row.id, f"{row.name} ({row.organisation})" if row.organisation else row.name)
            for row in list_contacts(db)
        ]

    return load


def organisations(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_organisations

        return [(row.id, row.name) for row in list_organisations(db)]

    return load


def circles(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.directory import list_circles

        return [(circle.id, circle.name) for circle in list_circles(db)]

    return load


def bodies(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.bodies import list_bodies

        return [(row.id, row.name) for row in list_bodies(db)]

    return load


def policies(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.action_details import list_policies

        return [(p.id, p.code) for p in list_policies(db)]

    return load


def plans(db: Database) -> Callable[[], Choices]:
    def load() -> Choices:
        from charte_desktop.services.plans import list_plans

        return [(row.id, row.title) for row in list_plans(db)]

    return load


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

    return load
