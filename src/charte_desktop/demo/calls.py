"""Calls for projects of the demos (DETR, DSIL, Fonds vert, an ADEME call), dated around
the demo's day so that its dashboard shows deadlines within 30 days: a pre-deposit in 9
days, a submission in 21, a decision in 25."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from charte_desktop.db.enums import CallState
from charte_desktop.db.models import Action, Funding, FundingCall, Organisation, funding_call_action
from charte_desktop.demo.small_data import ORGANISATIONS


@dataclass(frozen=True)
class CallSpec:
    funder: str  # the small demo's organisation key
    title: str
    url: str
    # Days from the demo's day: opening, pre-deposit, submission, decision (None: none).
    days: tuple[int | None, int | None, int | None, int | None]
    rate: str | None
    amount: str | None
    state: CallState
    actions: tuple[str, ...]  # action codes
    funding_note: str = ""  # the action's funding this call brought (its note)
    notes: str = ""


CALLS: tuple[CallSpec, ...] = (
    CallSpec("etat", "DETR 2027 – aménagements de sécurité et de mobilité des communes",
             "https://www.doubs.gouv.fr/detr", (-40, None, 21, 110), "40", None,
             CallState.PREPARING, ("1.1", "2.4"),
             notes="Dossier commun avec Saint-Aubin : plans et devis à joindre."),
    CallSpec("etat", "DSIL – soutien à l'investissement local (mobilité)",
             "https://www.doubs.gouv.fr/dsil", (-230, None, -150, -90), "30", "30000",
             CallState.ACCEPTED, ("1.4",), funding_note="DSIL"),
    CallSpec("etat", "Fonds vert – renaturation et verdissement des espaces publics",
             "https://aides-territoires.beta.gouv.fr/fonds-vert", (-15, 9, 45, 150), "50",
             None, CallState.SPOTTED, ("3.2",),
             notes="Pré-dépôt obligatoire sur la plateforme Démarches simplifiées."),
    CallSpec("ademe", "ADEME – appel à projets logistique urbaine durable",
             "https://agirpourlatransition.ademe.fr/", (-75, -40, -10, 25), None, "72000",
             CallState.SUBMITTED, ("1.3", "1.5"),
             funding_note="Appel à projets logistique urbaine"),
)


def _day(today: date, offset: int | None) -> date | None:
    return None if offset is None else today + timedelta(days=offset)


def add_small_calls(session: Session, today: date, stamp: datetime) -> None:
    """The small demo's calls, linked to its actions and to the fundings they brought."""
    orgs = {org.name: org for org in session.scalars(select(Organisation))}
    by_key = {spec.key: orgs[spec.name] for spec in ORGANISATIONS}
    actions = {action.code: action for action in session.scalars(select(Action))}
    for spec in CALLS:
        opening, pre, submission, decision = (_day(today, d) for d in spec.days)
        call = FundingCall(
            funder=by_key[spec.funder], title=spec.title, url=spec.url, opening_date=opening,
            pre_deposit_deadline=pre, submission_deadline=submission, decision_date=decision,
            rate=Decimal(spec.rate) if spec.rate else None,
            amount=Decimal(spec.amount) if spec.amount else None, state=spec.state,
            notes=spec.notes, actions=[actions[code] for code in spec.actions],
            created_at=stamp, updated_at=stamp,
        )
        session.add(call)
        session.flush()
        if spec.funding_note:
            for code in spec.actions:
                for funding in session.scalars(select(Funding).where(
                        Funding.action_id == actions[code].id,
                        Funding.funder_id == by_key[spec.funder].id,
                        Funding.note == spec.funding_note)):
                    funding.call_id = call.id


def add_large_calls(session: Session, today: date, stamp: datetime,
                    funder_ids: list[int], action_ids: list[int]) -> None:
    """A few calls for the large demo (no random draw: the rest of the file is unchanged),
    each linked to three actions."""
    rows = []
    for index, spec in enumerate(CALLS):
        opening, pre, submission, decision = (_day(today, d) for d in spec.days)
        rows.append({
            "id": index + 1, "funder_id": funder_ids[index % len(funder_ids)]
            if funder_ids else None, "title": spec.title, "url": spec.url,
            "opening_date": opening, "pre_deposit_deadline": pre,
            "submission_deadline": submission, "decision_date": decision,
            "rate": Decimal(spec.rate) if spec.rate else None,
            "amount": Decimal(spec.amount) if spec.amount else None, "state": spec.state,
            "notes": spec.notes, "created_at": stamp, "updated_at": stamp,
        })
    session.execute(insert(FundingCall), rows)
    pairs = {(call_id, action_ids[(call_id * 37 + k * 11) % len(action_ids)])
             for call_id in range(1, len(rows) + 1) for k in range(3)} if action_ids else set()
    if pairs:
        session.execute(insert(funding_call_action),
                        [{"call_id": c, "action_id": a} for c, a in sorted(pairs)])
