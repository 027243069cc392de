"""Closed lists of the domain. Values are stable English keys stored in the file;
`label` is the French wording shown to the officer and written in documents."""

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a French label (see `_LABELS`)."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self.value]

    @classmethod
    def from_label(cls, text: str) -> "LabelledEnum | None":
        """The member whose French label or key matches `text`, ignoring case."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.label.casefold()):
                return member
        return None


class TerritoryKind(LabelledEnum):
    COMMUNE = "commune"
    COMMUNITY_OF_COMMUNES = "communaute_communes"
    AGGLOMERATION = "communaute_agglomeration"
    PETR = "petr"
    JOINT_SYNDICATE = "syndicat_mixte"
    DEPARTMENT = "departement"
    REGION = "region"
    OTHER = "autre"


class ActionStatus(LabelledEnum):
    """Stored statuses. "En retard" is never stored: it is computed (see services)."""

    TO_START = "to_start"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"


class DisplayStatus(LabelledEnum):
    """What the officer sees: the stored status, or "en retard" when it applies."""

    TO_START = "to_start"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LATE = "late"
    SUSPENDED = "suspended"
    ABANDONED = "abandoned"


class Priority(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FundingState(LabelledEnum):
    REQUESTED = "requested"
    GRANTED = "granted"
    PAID = "paid"


class CallState(LabelledEnum):
    """Where a call for projects stands for the territory, from spotted to its answer."""

    SPOTTED = "spotted"
    PREPARING = "preparing"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class BodyKind(LabelledEnum):
    COPIL = "copil"
    COTECH = "cotech"
    PARTNERS_COMMITTEE = "partners_committee"
    PROJECT_GROUP = "project_group"
    STRATEGIC_COMMITTEE = "strategic_committee"
    TECHNICAL_COMMITTEE = "technical_committee"
    GOVERNANCE_COMMITTEE = "governance_committee"
    OTHER = "other"


class MembershipRole(LabelledEnum):
    CHAIR = "chair"
    REFERENT = "referent"
    MEMBER = "member"
    PERMANENT_GUEST = "permanent_guest"


class QuorumRule(LabelledEnum):
    NONE = "none"
    COUNT = "count"
    SHARE = "share"


class MeetingState(LabelledEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AttendanceState(LabelledEnum):
    INVITED = "invited"
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"
    REPRESENTED = "represented"


class Civility(LabelledEnum):
    """How a letter addresses a person: « Madame », « Monsieur », or by name alone."""

    NONE = "none"
    MADAME = "madame"
    MONSIEUR = "monsieur"


class IndicatorKind(LabelledEnum):
    OUTPUT = "output"
    OUTCOME = "outcome"


class Dimension(LabelledEnum):
    ENVIRONMENTAL = "environmental"
    SOCIAL = "social"
    ECONOMIC = "economic"
    OPERATIONAL = "operational"


class Direction(LabelledEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


# Labels per class: members of two classes may share a value (e.g. "to_start").
_LABELS: dict[type[LabelledEnum], dict[str, str]] = {
    TerritoryKind: {
        TerritoryKind.COMMUNE.value: "Commune",
        TerritoryKind.COMMUNITY_OF_COMMUNES.value: "Communauté de communes",
        TerritoryKind.AGGLOMERATION.value: "Communauté d'agglomération",
        TerritoryKind.PETR.value: "PETR",
        TerritoryKind.JOINT_SYNDICATE.value: "Syndicat mixte",
        TerritoryKind.DEPARTMENT.value: "Département",
        TerritoryKind.REGION.value: "Région",
        TerritoryKind.OTHER.value: "Autre",
    },
    ActionStatus: {
        ActionStatus.TO_START.value: "À lancer",
        ActionStatus.IN_PROGRESS.value: "En cours",
        ActionStatus.DONE.value: "Réalisée",
        ActionStatus.SUSPENDED.value: "Suspendue",
        ActionStatus.ABANDONED.value: "Abandonnée",
    },
    DisplayStatus: {
        DisplayStatus.TO_START.value: "À lancer",
        DisplayStatus.IN_PROGRESS.value: "En cours",
        DisplayStatus.DONE.value: "Réalisée",
        DisplayStatus.LATE.value: "En retard",
        DisplayStatus.SUSPENDED.value: "Suspendue",
        DisplayStatus.ABANDONED.value: "Abandonnée",
    },
    Priority: {
        Priority.HIGH.value: "Haute",
        Priority.MEDIUM.value: "Moyenne",
        Priority.LOW.value: "Basse",
    },
    FundingState: {
        FundingState.REQUESTED.value: "Sollicité",
        FundingState.GRANTED.value: "Acquis",
        FundingState.PAID.value: "Versé",
    },
    CallState: {
        CallState.SPOTTED.value: "Repéré",
        CallState.PREPARING.value: "Candidature en préparation",
        CallState.SUBMITTED.value: "Déposée",
        CallState.ACCEPTED.value: "Retenue",
        CallState.REJECTED.value: "Non retenue",
    },
    BodyKind: {
        BodyKind.COPIL.value: "COPIL",
        BodyKind.COTECH.value: "COTECH",
        BodyKind.PARTNERS_COMMITTEE.value: "Comité des partenaires",
        BodyKind.PROJECT_GROUP.value: "Groupe projet",
        BodyKind.STRATEGIC_COMMITTEE.value: "Comité stratégique",
        BodyKind.TECHNICAL_COMMITTEE.value: "Comité technique",
        BodyKind.GOVERNANCE_COMMITTEE.value: "Comité de gouvernance",
        BodyKind.OTHER.value: "Autre instance",
    },
    MembershipRole: {
        MembershipRole.CHAIR.value: "Président·e",
        MembershipRole.REFERENT.value: "Référent·e",
        MembershipRole.MEMBER.value: "Membre",
        MembershipRole.PERMANENT_GUEST.value: "Invité·e permanent·e",
    },
    QuorumRule: {
        QuorumRule.NONE.value: "Pas de quorum",
        QuorumRule.COUNT.value: "Nombre de membres",
        QuorumRule.SHARE.value: "Part des membres votants",
    },
    MeetingState: {
        MeetingState.PLANNED.value: "Prévue",
        MeetingState.HELD.value: "Tenue",
        MeetingState.CANCELLED.value: "Annulée",
    },
    AttendanceState: {
        AttendanceState.INVITED.value: "Convoqué·e",
        AttendanceState.PRESENT.value: "Présent·e",
        AttendanceState.EXCUSED.value: "Excusé·e",
        AttendanceState.ABSENT.value: "Absent·e",
        AttendanceState.REPRESENTED.value: "Représenté·e",
    },
    Civility: {
        Civility.NONE.value: "(aucune)",
        Civility.MADAME.value: "Madame",
        Civility.MONSIEUR.value: "Monsieur",
    },
    IndicatorKind: {
        IndicatorKind.OUTPUT.value: "Réalisation",
        IndicatorKind.OUTCOME.value: "Résultat",
    },
    Dimension: {
        Dimension.ENVIRONMENTAL.value: "Environnementale",
        Dimension.SOCIAL.value: "Sociale",
        Dimension.ECONOMIC.value: "Économique",
        Dimension.OPERATIONAL.value: "Opérationnelle",
    },
    Direction: {
        Direction.INCREASE.value: "Hausse souhaitée",
        Direction.DECREASE.value: "Baisse souhaitée",
    },
}
