"""Calls for projects and grants (appels à projets): their form's rules, their list and
their deadlines (the dashboard's and the calendar's)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import CallState
from charte_desktop.db.models import Action, FundingCall, Organisation
from charte_desktop.errors import CharteError
from charte_desktop.services import rules
from charte_desktop.services.common import assign, ensure_exists, fetch_all, get_or_fail, is_absent
from charte_desktop.services.form_fields import load_fields, number_text
from charte_desktop.services.plan_order import name_order

TITLE_MAX_LENGTH = 300
URL_MAX_LENGTH = 2000
NOTES_MAX_LENGTH = 100_000
WHAT = "L'appel à projets"

# A deadline's kind, as the dashboard and the calendar name it.
PRE_DEPOSIT = "pré-dépôt"
SUBMISSION = "dépôt"
DECISION = "décision"

# Until a file is sent, its (pre-)deposit deadlines matter; until the answer, its decision.
_DEPOSIT_PENDING = (CallState.SPOTTED, CallState.PREPARING)
_DECISION_PENDING = (CallState.SPOTTED, CallState.PREPARING, CallState.SUBMITTED)


@dataclass
class CallFields:
    title: str
    funder_id: int | None = None  # an Organisation
    url: str = ""
    opening_date: date | None = None
    pre_deposit_deadline: date | None = None
    submission_deadline: date | None = None
    decision_date: date | None = None
    rate: Decimal | int | str | None = None  # percent of the eligible cost, 0 to 100
    amount: Decimal | int | str | None = None  # euros
    state: CallState = CallState.SPOTTED
    notes: str = ""
    action_ids: list[int] = field(default_factory=list)


def _url(value: str | None) -> str:
    text = rules.limited_text(value, "url", "Lien", max_length=URL_MAX_LENGTH)
    if not text:
        return ""
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/") or " " in text:
        raise CharteError(
            f"Le champ « Lien » doit être une adresse web commençant par https:// ou "
            f"http:// (saisi : {text[:80]}).", field="url")
    return text


def _rate(value: Decimal | int | str | None) -> Decimal | None:
    rate = rules.number(value, "rate", "Taux")
    if rate is None:
        return None
    if not 0 <= rate <= 100:
        raise CharteError(
            f"Le champ « Taux » doit être compris entre 0 et 100 % (saisi : {value}).",
            field="rate")
    if rate != rate.quantize(Decimal("0.01")):
        raise CharteError("Le champ « Taux » a deux décimales au plus (saisi : "
                          f"{value}).", field="rate")
    return rate


def _dates(fields: CallFields) -> None:
    opening, pre, submission, decision = (
        fields.opening_date, fields.pre_deposit_deadline, fields.submission_deadline,
        fields.decision_date)
    if pre is not None and submission is not None and pre > submission:
        raise CharteError(
            f"Le pré-dépôt ({pre:%d/%m/%Y}) ne peut pas être après la date limite de dépôt "
            f"({submission:%d/%m/%Y}).", field="pre_deposit_deadline")
    rules.dates_in_order(opening, pre, "pre_deposit_deadline", "Ouverture",
                         "Date limite de pré-dépôt")
    rules.dates_in_order(opening, submission, "submission_deadline", "Ouverture",
                         "Date limite de dépôt")
    latest = submission or pre or opening
    latest_label = ("Date limite de dépôt" if submission else
                    "Date limite de pré-dépôt" if pre else "Ouverture")
    rules.dates_in_order(latest, decision, "decision_date", latest_label, "Date de décision")


def _values(session: Session, fields: CallFields) -> dict[str, Any]:
    title = rules.required_text(fields.title, "title", "Intitulé", max_length=TITLE_MAX_LENGTH)
    funder_id = None if is_absent(fields.funder_id) else fields.funder_id
    ensure_exists(session, Organisation, funder_id, "La structure", "funder_id")
    url = _url(fields.url)
    _dates(fields)
    rate = _rate(fields.rate)
    amount = None if rules.is_empty(fields.amount) else rules.amount(
        fields.amount, "amount", "Montant")
    if not isinstance(fields.state, CallState):
        raise CharteError("Le champ « État » n'est pas valide.", field="state")
    notes = rules.limited_text(fields.notes, "notes", "Notes", max_length=NOTES_MAX_LENGTH)
    actions = fetch_all(session, Action, fields.action_ids, "L'action", "action_ids")
    return {
        "title": title, "funder_id": funder_id, "url": url,
        "opening_date": fields.opening_date,
        "pre_deposit_deadline": fields.pre_deposit_deadline,
        "submission_deadline": fields.submission_deadline,
        "decision_date": fields.decision_date, "rate": rate, "amount": amount,
        "state": fields.state, "notes": notes, "actions": actions,
    }


def create_call(db: Database, fields: CallFields) -> FundingCall:
    with db.session() as session:
        call = FundingCall()
        assign(call, _values(session, fields), list(_values_names()))
        session.add(call)
        session.flush()
        return call


def update_call(db: Database, call_id: int, fields: CallFields) -> FundingCall:
    with db.session() as session:
        call = get_or_fail(session, FundingCall, call_id, WHAT)
        assign(call, _values(session, fields), list(_values_names()))
        return call


def _values_names() -> tuple[str, ...]:
    return ("title", "funder_id", "url", "opening_date", "pre_deposit_deadline",
            "submission_deadline", "decision_date", "rate", "amount", "state", "notes",
            "actions")


def delete_call(db: Database, call_id: int) -> None:
    """The call goes; its actions stay, its fundings stay without a call."""
    with db.session() as session:
        session.delete(get_or_fail(session, FundingCall, call_id, WHAT))


def call_fields(db: Database, call_id: int) -> CallFields:
    """The form's fields; numbers as the form hands them back, so an untouched form is
    not modified."""
    return load_fields(db, FundingCall, call_id, WHAT, CallFields, lambda call: {
        "rate": number_text(call.rate), "amount": number_text(call.amount),
        "action_ids": [action.id for action in call.actions],
    })


def link_action(db: Database, call_id: int, action_id: int) -> None:
    with db.session() as session:
        call = get_or_fail(session, FundingCall, call_id, WHAT)
        action = get_or_fail(session, Action, action_id, "L'action")
        if action not in call.actions:
            call.actions.append(action)


def unlink_action(db: Database, call_id: int, action_id: int) -> None:
    with db.session() as session:
        call = get_or_fail(session, FundingCall, call_id, WHAT)
        call.actions = [action for action in call.actions if action.id != action_id]


# --- Rows and deadlines -------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """One date of a call still to come: its kind is « pré-dépôt », « dépôt » or
    « décision »."""

    day: date
    kind: str
    call_id: int
    call_title: str
    funder: str
    days_left: int


@dataclass(frozen=True)
class CallRow:
    id: int
    title: str
    funder_id: int | None
    funder: str  # the organisation's name, "" when none
    url: str
    opening_date: date | None
    pre_deposit_deadline: date | None
    submission_deadline: date | None
    decision_date: date | None
    rate: Decimal | None
    amount: Decimal | None
    state: CallState
    action_ids: tuple[int, ...]
    action_codes: str  # « 1.2, 3.1 »
    next_deadline: Deadline | None  # the nearest pending date from today

    @property
    def days_to_next(self) -> int | None:
        return None if self.next_deadline is None else self.next_deadline.days_left


def _pending_dates(call: FundingCall) -> list[tuple[date, str]]:
    found: list[tuple[date, str]] = []
    if call.state in _DEPOSIT_PENDING:
        found += [(day, kind) for day, kind in ((call.pre_deposit_deadline, PRE_DEPOSIT),
                                                (call.submission_deadline, SUBMISSION))
                  if day is not None]
    if call.state in _DECISION_PENDING and call.decision_date is not None:
        found.append((call.decision_date, DECISION))
    return found


def _calls(session: Session) -> list[FundingCall]:
    query = (select(FundingCall)
             .options(selectinload(FundingCall.actions), selectinload(FundingCall.funder))
             .order_by(FundingCall.submission_deadline.is_(None),
                       FundingCall.submission_deadline, FundingCall.title, FundingCall.id))
    return list(session.scalars(query))


def _deadlines(call: FundingCall, today: date) -> list[Deadline]:
    funder = call.funder.name if call.funder is not None else ""
    return [Deadline(day, kind, call.id, call.title, funder, (day - today).days)
            for day, kind in _pending_dates(call)]


def list_calls(db: Database, today: date | None = None) -> list[CallRow]:
    """Every call: those with a date to come first, the soonest first; then the others,
    the latest submission deadline first."""
    day = today or clock.today()
    with db.session() as session:
        rows = []
        for call in _calls(session):
            coming = sorted((d for d in _deadlines(call, day) if d.days_left >= 0),
                            key=lambda d: d.day)
            rows.append(CallRow(
                call.id, call.title, call.funder_id,
                call.funder.name if call.funder is not None else "", call.url,
                call.opening_date, call.pre_deposit_deadline, call.submission_deadline,
                call.decision_date, call.rate, call.amount, call.state,
                tuple(action.id for action in call.actions),
                ", ".join(action.code or str(action.id) for action in call.actions),
                coming[0] if coming else None,
            ))
    undated = sorted((r for r in rows if r.next_deadline is None),
                     key=lambda r: r.submission_deadline or date.min, reverse=True)
    dated = sorted((r for r in rows if r.next_deadline is not None),
                   key=lambda r: r.next_deadline.day if r.next_deadline else date.min)
    return dated + undated


def all_deadlines(db: Database, today: date | None = None) -> list[Deadline]:
    """Every pending date of every call, past ones included, by date (the calendar's)."""
    day = today or clock.today()
    with db.session() as session:
        found = [d for call in _calls(session) for d in _deadlines(call, day)]
    return sorted(found, key=lambda d: (d.day, d.call_title, d.call_id))


def upcoming_deadlines(db: Database, today: date, within_days: int = 30) -> list[Deadline]:
    """The pending dates from `today` to `within_days` days later, soonest first."""
    last = today + timedelta(days=within_days)
    return [d for d in all_deadlines(db, today) if today <= d.day <= last]


def call_title(db: Database, call_id: int) -> str:
    with db.session() as session:
        return get_or_fail(session, FundingCall, call_id, WHAT).title


def call_choices(db: Database) -> list[tuple[int, str]]:
    """Every call as a picker lists it: « DSIL 2027 (Préfecture) »."""
    with db.session() as session:
        rows = sorted(session.execute(
            select(FundingCall.id, FundingCall.title, Organisation.name)
            .outerjoin(Organisation, Organisation.id == FundingCall.funder_id)),
            key=lambda row: name_order(row[1], row[0]))
    return [(call_id, f"{title} ({funder})" if funder else title)
            for call_id, title, funder in rows]


def creation_times(db: Database) -> dict[int, datetime]:
    """When each call was created: with its number, what names its events in a calendar
    (the same after edits, new after a deletion and a re-creation under that number)."""
    with db.session() as session:
        rows = session.execute(select(FundingCall.id, FundingCall.created_at)).all()
        return {call_id: created for call_id, created in rows}
