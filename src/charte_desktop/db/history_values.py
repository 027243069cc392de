"""What a changed field held before and after, as the « Historique » says it:
« statut (En cours → Réalisée) », « pilote (Camille Roussel → Paul Girard) ».

Only actions and meetings say their values. A contact's changes name the fields alone:
their old e-mail or phone kept in a history would outlive an anonymisation (RGPD), and
the officer needs to know that the phone changed, not the old number. Long free text
(descriptions, notes) is named alone too: the form shows it whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from charte_desktop.db.models import Axis, Body, Contact
from charte_desktop.formatting import format_hour, format_money, format_value

WITH_VALUES = frozenset({"action", "meeting"})
LONG_TEXT = frozenset({"description", "notes"})
MONEY = frozenset({"budget_planned", "budget_committed", "budget_spent"})
# Columns holding another row's id, and how that row is named.
REFERENCES: dict[str, Any] = {
    "pilot_id": Contact, "secretary_id": Contact, "signatory_id": Contact,
    "project_group_id": Body, "body_id": Body, "axis_id": Axis,
}
SHORT = 60  # characters of a text value kept in a line


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > SHORT:
        text = text[:SHORT - 1].rstrip() + "…"
    return f"« {text} »"


def _name(connection: Connection, model: Any, row_id: int) -> str:
    if model is Contact:
        row = connection.execute(select(Contact.first_name, Contact.last_name)
                                 .where(Contact.id == row_id)).first()
        return " ".join(part for part in row if part) if row else "personne supprimée"
    if model is Axis:
        row = connection.execute(select(Axis.code, Axis.title).where(Axis.id == row_id)).first()
        return " ".join(part for part in row if part) if row else "axe supprimé"
    name = connection.scalar(select(Body.name).where(Body.id == row_id))
    return name or "instance supprimée"


def value_text(connection: Connection, field: str, value: Any) -> str:
    """One value as the officer reads it; « vide » for nothing."""
    if value is None or value == "":
        return "vide"
    if field in REFERENCES:
        return _name(connection, REFERENCES[field], int(value))
    if field in MONEY:
        return format_money(value)
    if field == "progress":
        return f"{value} %"
    if isinstance(value, time):
        return format_hour(value)  # as documents write it, not the field's « 09h30 »
    if isinstance(value, str) and getattr(value, "label", None) is None:
        return _quoted(value)
    return format_value(value)  # labels, dates, numbers, Oui / Non


def _member_name(member: Any) -> str:
    for attribute in ("full_name", "name", "code"):
        text = getattr(member, attribute, None)
        if isinstance(text, str) and text:
            return text
    return "?"


def change_text(connection: Connection, table: str, field: str, label: str,
                history: Any) -> str:
    """« label (old → new) », « label (+ added, − removed) », or the label alone."""
    if table not in WITH_VALUES or field in LONG_TEXT:
        return label
    if field in {"copilots", "partners", "policies"}:
        parts = [f"+ {_member_name(m)}" for m in _sorted(history.added)]
        parts += [f"− {_member_name(m)}" for m in _sorted(history.deleted)]
        return f"{label} ({', '.join(parts)})" if parts else label
    if not history.deleted:
        return label  # its old value was never loaded: say what changed, not a guess
    old = value_text(connection, field, history.deleted[0])
    new = value_text(connection, field, history.added[0] if history.added else None)
    return f"{label} ({old} → {new})"


def _sorted(members: Iterable[Any]) -> list[Any]:
    return sorted(members, key=_member_name)
