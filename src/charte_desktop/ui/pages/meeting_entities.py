"""Forms of the Réunions screen: meetings, agenda items, decisions and follow-ups."""

from collections.abc import Callable

from charte_desktop import clock
from charte_desktop.db import Database
from charte_desktop.db.enums import MeetingState
from charte_desktop.errors import CharteError
from charte_desktop.formatting import format_date
from charte_desktop.services import meeting_outcomes, meetings, tables
from charte_desktop.services.meeting_details import MeetingDetails, meeting_details
from charte_desktop.ui import choices
from charte_desktop.ui.choices import Choices
from charte_desktop.ui.entity import Entity
from charte_desktop.ui.form_dialog import FieldSpec
from charte_desktop.ui.pages.day_notice import with_day_notice

MeetingId = Callable[[], int | None]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def meeting_entity(
    db: Database, body_id: Callable[[], int | None]
) -> Entity[meetings.MeetingFields]:
    def blank() -> meetings.MeetingFields:
        wanted = body_id()
        if wanted is None:
            first = choices.bodies(db)()
            wanted = first[0][0] if first else None
        return meetings.MeetingFields(body_id=wanted, date=clock.today())  # type: ignore[arg-type]

    def question(meeting_id: int) -> str:
        meeting = meeting_details(db, meeting_id)
        parts = [
            _plural(n, one, many)
            for n, one, many in (
                (len(meeting.agenda), "point à l'ordre du jour", "points à l'ordre du jour"),
                (len(meeting.decisions), "décision", "décisions"),
                (len(meeting.follow_ups), "suite à donner", "suites à donner"),
            )
            if n
        ]
        extra = f" avec {', '.join(parts)}" if parts else ""
        return f"Supprimer la réunion « {meeting.title} »{extra} ?"

    return Entity(
        name="réunion",
        new_title="Nouvelle réunion",
        specs=lambda: with_day_notice([  # weekends and public holidays pointed out
            FieldSpec(
                "body_id",
                "Instance",
                "choice",
                required=True,
                optional=False,
                choices=choices.bodies(db),
            ),
            FieldSpec("date", "Date", "date", required=True),
            FieldSpec("start_time", "Heure de début", "time"),
            FieldSpec("end_time", "Heure de fin", "time"),
            FieldSpec("place", "Lieu", "text"),
            FieldSpec(
                "state",
                "État",
                "choice",
                optional=False,
                choices=choices.enum_choices(MeetingState),
            ),
            FieldSpec(
                "secretary_id", "Secrétaire de séance", "choice", choices=choices.contacts(db)
            ),
            FieldSpec("notes", "Notes", "multiline"),
        ]),
        blank=blank,
        load=lambda i: meetings.meeting_fields(db, i),
        create=lambda f: meetings.create_meeting(db, f),
        update=lambda i, f: meetings.update_meeting(db, i, f),
        delete=lambda i: meetings.delete_meeting(db, i),
        model=tables.MEETING,
        versioned="meeting",
        deletion_question=question,
        describe=lambda f: " du ".join(part for part in (
            dict(choices.bodies(db)()).get(f.body_id, ""), format_date(f.date)) if part),
    )


def _meeting(db: Database, meeting_id: MeetingId) -> MeetingDetails:
    current = meeting_id()
    if current is None:
        raise CharteError("Sélectionnez d'abord une réunion.")
    return meeting_details(db, current)


def agenda_choices(db: Database, meeting_id: MeetingId) -> Callable[[], Choices]:
    def load() -> Choices:
        if meeting_id() is None:
            return []
        items = _meeting(db, meeting_id).agenda
        return [(item.id, f"{n}. {item.title}") for n, item in enumerate(items, 1)]

    return load


def agenda_entity(db: Database, meeting_id: MeetingId) -> Entity[meetings.AgendaItemFields]:
    def load(item_id: int) -> meetings.AgendaItemFields:
        return meetings.agenda_item_fields(db, item_id)

    return Entity(
        name="point de l'ordre du jour",
        new_title="Nouveau point de l'ordre du jour",
        specs=lambda: [
            FieldSpec("title", "Intitulé du point", "text", required=True),
            FieldSpec("presenter_id", "Présenté par", "choice", choices=choices.contacts(db)),
            FieldSpec("duration_minutes", "Durée prévue", "int", maximum=24 * 60, suffix=" min"),
            FieldSpec("minutes_text", "Compte rendu des échanges", "multiline"),
            FieldSpec("postponed", "Reporté à la prochaine réunion", "bool"),
        ],
        blank=lambda: meetings.AgendaItemFields(meeting_id=meeting_id() or 0, title=""),
        load=load,
        create=lambda f: meetings.create_agenda_item(db, f),
        update=lambda i, f: meetings.update_agenda_item(db, i, f),
        delete=lambda i: meetings.delete_agenda_item(db, i),
        model=tables.AGENDA_ITEM,
        deletion_question=lambda i: (
            f"Supprimer le point « {load(i).title} » de l'ordre du jour ? Ses décisions et "
            "suites à donner restent, rattachées à aucun point."
        ),
    )


def _short(text: str, length: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def decision_entity(db: Database, meeting_id: MeetingId) -> Entity[meeting_outcomes.DecisionFields]:
    def load(item_id: int) -> meeting_outcomes.DecisionFields:
        return meeting_outcomes.decision_fields(db, item_id)

    return Entity(
        name="décision",
        new_title="Nouvelle décision",
        specs=lambda: [
            FieldSpec("text", "Décision", "multiline", required=True),
            *outcome_links(db, meeting_id),
            FieldSpec("unanimous", "Adoptée à l'unanimité", "bool"),
            FieldSpec("votes_for", "Voix pour", "int", maximum=10_000),
            FieldSpec("votes_against", "Voix contre", "int", maximum=10_000),
            FieldSpec("abstentions", "Abstentions", "int", maximum=10_000),
        ],
        blank=lambda: meeting_outcomes.DecisionFields(meeting_id=meeting_id() or 0, text=""),
        load=load,
        create=lambda f: meeting_outcomes.create_decision(db, f),
        update=lambda i, f: meeting_outcomes.update_decision(db, i, f),
        delete=lambda i: meeting_outcomes.delete_decision(db, i),
        model=tables.DECISION,
        deletion_question=lambda i: (
            f"Supprimer la décision « {_short(load(i).text)} » ? Si elle concerne une "
            "action, sa mention dans le journal de suivi est supprimée aussi."
        ),
    )


def outcome_links(db: Database, meeting_id: MeetingId) -> list[FieldSpec]:
    """The point of the agenda and the action a decision or a follow-up is about."""
    return [
        FieldSpec("agenda_item_id", "Point de l'ordre du jour", "choice",
                  choices=agenda_choices(db, meeting_id)),
        FieldSpec("action_id", "Action concernée", "choice", choices=choices.actions(db)),
    ]


def follow_up_entity(
    db: Database, meeting_id: MeetingId
) -> Entity[meeting_outcomes.FollowUpFields]:
    def load(item_id: int) -> meeting_outcomes.FollowUpFields:
        return meeting_outcomes.follow_up_fields(db, item_id)

    return Entity(
        name="suite à donner",
        new_title="Nouvelle suite à donner",
        specs=lambda: [
            FieldSpec("text", "Suite à donner", "multiline", required=True),
            FieldSpec("owner_id", "Responsable", "choice", choices=choices.contacts(db)),
            FieldSpec("due_date", "Échéance", "date"),
            FieldSpec("done", "Fait", "bool"),
            *outcome_links(db, meeting_id),
        ],
        blank=lambda: meeting_outcomes.FollowUpFields(meeting_id=meeting_id() or 0, text=""),
        load=load,
        create=lambda f: meeting_outcomes.create_follow_up(db, f),
        update=lambda i, f: meeting_outcomes.update_follow_up(db, i, f),
        delete=lambda i: meeting_outcomes.delete_follow_up(db, i),
        model=tables.FOLLOW_UP,
        deletion_question=lambda i: f"Supprimer la suite à donner « {_short(load(i).text)} » ?",
    )
