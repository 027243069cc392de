"""The large demo: a generated territory to test Charte at scale and to benchmark it.

2,000 actions over four plans, 300 indicators of 40 measurements, 1,500 meetings of ten
agenda items and fifteen attendances, 3,000 contacts in 600 organisations, bodies with
their members, decisions and follow-ups. Rows are written with bulk INSERTs (executemany,
the column types still convert money and decimals) with ids chosen here, in the one
transaction of `Database.session()`: a few seconds. The content depends only on `today`
and `seed`, timestamps included.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db.engine import Database
from charte_desktop.db.enums import (
    ActionStatus,
    AttendanceState,
    BodyKind,
    Dimension,
    Direction,
    FundingState,
    IndicatorKind,
    MeetingState,
    MembershipRole,
    Priority,
    QuorumRule,
    TerritoryKind,
)
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Attendance,
    Axis,
    Base,
    Body,
    Circle,
    Contact,
    Decision,
    FollowUp,
    Funding,
    Indicator,
    Measurement,
    Meeting,
    Membership,
    Milestone,
    Organisation,
    Plan,
    Policy,
    PriorityCriterion,
    PriorityScore,
    Territory,
    action_copilot,
    action_partner,
    action_policy,
    indicator_action,
)
from charte_desktop.demo import large_data as words
from charte_desktop.demo.calls import add_large_calls

AXES_PER_PLAN = 5
SUB_AXES_PER_AXIS = 2
ACTIONS_PER_PLAN = 500
INDICATORS_PER_PLAN = 75
MEASUREMENTS_PER_INDICATOR = 40
MEETINGS = 1_500
MEETINGS_PER_MAIN_BODY = 25
AGENDA_ITEMS_PER_MEETING = 10
ATTENDANCES_PER_MEETING = 15
CONTACTS = 3_000
PROJECT_GROUPS_PER_PLAN = 60
# Organisations (600 in all) and weights of contacts per circle, in the order of
# db.defaults.DEFAULT_CIRCLES.
ORGANISATIONS_PER_CIRCLE = (60, 90, 220, 40, 80, 30, 45, 10, 25)
CONTACT_WEIGHTS = (12, 10, 25, 6, 10, 18, 8, 4, 7)
ACTIVE = (ActionStatus.TO_START, ActionStatus.IN_PROGRESS)
STATUS_WEIGHTS = (20, 45, 20, 8, 7)  # in the order of ActionStatus
ATTENDANCE_WEIGHTS = (70, 15, 8, 7)  # present, excused, absent, represented


def fill_large_demo(db: Database, *, today: date | None = None, seed: int = 2026) -> None:
    """Fill a new Charte file with a generated territory, dated around `today`."""
    with db.session() as session:
        _LargeDemo(session, today or clock.today(), random.Random(seed)).build()


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def _weekday(day: date) -> date:
    """`day`, or the Monday after it when it falls on a week-end."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _month(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _euros(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@dataclass
class _PlanInfo:
    plan_id: int
    action_ids: list[int] = field(default_factory=list)


@dataclass
class _BodyInfo:
    body_id: int
    plan: _PlanInfo
    short: str  # how a journal note names it
    active: list[int]  # contacts of the current members
    action_id: int | None = None


class _LargeDemo:
    def __init__(self, session: Session, today: date, rng: random.Random) -> None:
        self.session = session
        self.today = today
        self.rng = rng
        self.stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
        self.stamps = {"created_at": self.stamp, "updated_at": self.stamp}
        self.communes = words.communes()
        self.circle_ids: dict[str, int] = {}
        self.orgs_by_circle: dict[str, list[int]] = {}
        self.contacts_by_circle: dict[str, list[int]] = {}
        self.policy_ids: list[int] = []
        self.criterion_ids: list[int] = []
        self.all_orgs: list[int] = []
        self.domains: dict[int, str] = {}
        self.all_contacts: list[int] = []
        self.plans: list[_PlanInfo] = []
        self.bodies: list[_BodyInfo] = []
        self.notes: list[dict[str, Any]] = []

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def insert(self, target: type[Base] | Table, rows: list[dict[str, Any]]) -> None:
        """One executemany; every row must have the same keys."""
        if rows:
            self.session.execute(insert(target), rows)

    def build(self) -> None:
        scalars = self.session.scalars
        self.circle_ids = {c.name: c.id for c in scalars(select(Circle))}
        self.policy_ids = list(scalars(select(Policy.id).order_by(Policy.id)))
        self.criterion_ids = list(
            scalars(select(PriorityCriterion.id).order_by(PriorityCriterion.position))
        )
        territory = {"id": 1, "name": words.TERRITORY_NAME, "address": words.TERRITORY_ADDRESS}
        self.insert(Territory, [{**territory, "kind": TerritoryKind.AGGLOMERATION, **self.stamps}])
        self._organisations()
        self._contacts()
        leaves = self._plans()
        self._actions(leaves)
        self._bodies()
        self._meetings()
        self.insert(ActionNote, self.notes)
        self._indicators()
        add_large_calls(self.session, self.today, self.stamp,
                        self.orgs_by_circle.get("Financeurs", []),
                        [a for plan in self.plans for a in plan.action_ids])

    # --- Directory ----------------------------------------------------------------------

    def _organisations(self) -> None:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        for circle, count in zip(words.CIRCLES, ORGANISATIONS_PER_CIRCLE, strict=True):
            for k in range(count):
                org_id = len(rows) + 1
                commune = self.communes[(org_id * 7) % len(self.communes)]
                street = f"{rng.randint(1, 80)} {rng.choice(words.STREETS)}"
                rows.append(
                    {
                        "id": org_id,
                        "name": words.organisation_name(rng, circle, k, self.communes),
                        "circle_id": self.circle_ids[circle],
                        "address": f"{street}, 25{rng.randint(100, 989)} {commune}",
                        **self.stamps,
                    }
                )
                self.orgs_by_circle.setdefault(circle, []).append(org_id)
        self.all_orgs = [row["id"] for row in rows]
        self.domains = {row["id"]: _slug(row["name"])[:40].strip("-") + ".example" for row in rows}
        self.insert(Organisation, rows)

    def _contacts(self) -> None:
        rng = self.rng
        rows: list[dict[str, Any]] = []
        circles = words.CIRCLES
        for index in range(CONTACTS):
            contact_id = index + 1
            # The first few go one per circle, so that every circle has people.
            circle = (
                circles[index] if index < len(circles) else rng.choices(circles, CONTACT_WEIGHTS)[0]
            )
            org = rng.choice(self.orgs_by_circle[circle])
            # Some mayors: their commune's organisation, but the élus circle.
            own = "Élus" if circle == "Partenaires publics" and rng.random() < 0.15 else None
            first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
            prefix = "06 39 98" if rng.random() < 0.3 else "03 53 01"
            rows.append(
                {
                    "id": contact_id,
                    "first_name": first,
                    "last_name": last,
                    "function": rng.choice(words.FUNCTIONS[own or circle]),
                    "organisation_id": org,
                    "circle_id": self.circle_ids[own] if own else None,
                    "email": f"{_slug(first)}.{_slug(last)}.{contact_id}@{self.domains[org]}",
                    "phone": f"{prefix} {index // 100:02d} {index % 100:02d}",
                    **self.stamps,
                }
            )
            self.contacts_by_circle.setdefault(own or circle, []).append(contact_id)
        self.all_contacts = [row["id"] for row in rows]
        self.insert(Contact, rows)

    # --- Plans, axes and actions --------------------------------------------------------

    def _plans(self) -> list[list[tuple[int, str]]]:
        """Plans and axes; for each plan, its sub-axes (id, code) where actions go."""
        rng = self.rng
        plans: list[dict[str, Any]] = []
        axes: list[dict[str, Any]] = []
        leaves: list[list[tuple[int, str]]] = []
        for plan_id, (title, (first, length), description) in enumerate(words.PLANS, start=1):
            year = self.today.year + first
            plans.append(
                {
                    "id": plan_id,
                    "title": title.format(year, year + length),
                    "period_start": date(year, 1, 1),
                    "period_end": date(year + length, 12, 31),
                    "description": description,
                    **self.stamps,
                }
            )
            self.plans.append(_PlanInfo(plan_id))
            plan_leaves = []
            for a in range(1, AXES_PER_PLAN + 1):
                parent = len(axes) + 1
                theme = words.AXIS_THEMES[(plan_id * 5 + a) % len(words.AXIS_THEMES)]
                axes.append(
                    {
                        "id": parent,
                        "plan_id": plan_id,
                        "parent_id": None,
                        "position": a - 1,
                        "code": str(a),
                        "title": theme,
                    }
                )
                for s in range(1, SUB_AXES_PER_AXIS + 1):
                    axes.append(
                        {
                            "id": len(axes) + 1,
                            "plan_id": plan_id,
                            "parent_id": parent,
                            "position": s - 1,
                            "code": f"{a}.{s}",
                            "title": rng.choice(words.SUB_AXIS_THEMES),
                        }
                    )
                    plan_leaves.append((len(axes), f"{a}.{s}"))
            leaves.append(plan_leaves)
        self.insert(Plan, plans)
        self.insert(Axis, axes)
        return leaves

    def _actions(self, leaves: list[list[tuple[int, str]]]) -> None:
        rng = self.rng
        pilots = self.contacts_by_circle["Services de la collectivité"]
        rows: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in (
                "actions",
                "scores",
                "copilots",
                "partners",
                "policies",
                "milestones",
                "fundings",
            )
        }
        for info, plan_leaves in zip(self.plans, leaves, strict=True):
            per_leaf = ACTIONS_PER_PLAN // len(plan_leaves)
            for leaf, prefix in plan_leaves:
                for n in range(1, per_leaf + 1):
                    action_id = len(rows["actions"]) + 1
                    info.action_ids.append(action_id)
                    status = rng.choices(list(ActionStatus), STATUS_WEIGHTS)[0]
                    start = self.day(rng.randint(-900, 200))
                    end = start + timedelta(days=rng.randint(60, 900))
                    if status is ActionStatus.DONE and end >= self.today:
                        end = self.day(-rng.randint(1, 200))
                        start = min(start, end - timedelta(days=rng.randint(30, 400)))
                    elif status in ACTIVE and end < self.today and rng.random() < 0.75:
                        end = self.day(rng.randint(30, 700))  # most live actions are on time
                    progress = {ActionStatus.DONE: 100, ActionStatus.TO_START: 0}.get(
                        status, rng.randint(5, 95)
                    )
                    planned = rng.randrange(0, 40_000_000, 50_000)  # cents
                    committed = planned * rng.randint(0, 100) // 100
                    spent = min(committed, committed * rng.randint(0, 100) // 100 + 37)
                    place = rng.choice(words.PLACES).format(rng.choice(self.communes))
                    pilot = rng.choice(pilots if rng.random() < 0.8 else self.all_contacts)
                    rows["actions"].append(
                        {
                            "id": action_id,
                            "plan_id": info.plan_id,
                            "axis_id": leaf,
                            "code": f"{prefix}.{n}",
                            "title": f"{rng.choice(words.ACTION_STEMS)} {place}",
                            "description": rng.choice(words.DESCRIPTIONS),
                            "status": status,
                            "priority": rng.choice((*Priority, None)),
                            "pilot_id": pilot,
                            "start_date": start,
                            "end_date": end,
                            "progress": progress,
                            "budget_planned": _euros(planned),
                            "budget_committed": _euros(committed),
                            "budget_spent": _euros(spent),
                            **self.stamps,
                        }
                    )
                    self._action_details(action_id, status, start, end, planned, rows)
        self.insert(Action, rows["actions"])
        self.insert(PriorityScore, rows["scores"])
        self.insert(action_copilot, rows["copilots"])
        self.insert(action_partner, rows["partners"])
        self.insert(action_policy, rows["policies"])
        self.insert(Milestone, rows["milestones"])
        self.insert(Funding, rows["fundings"])

    def _action_details(
        self,
        action_id: int,
        status: ActionStatus,
        start: date,
        end: date,
        planned: int,
        rows: dict[str, list[dict[str, Any]]],
    ) -> None:
        """Scores, co-pilots, partners, policies, milestones, fundings and a journal note."""
        rng = self.rng
        rows["scores"] += [
            {"action_id": action_id, "criterion_id": c, "score": rng.randint(0, 3)}
            for c in self.criterion_ids
        ]
        rows["copilots"] += [
            {"action_id": action_id, "contact_id": c}
            for c in rng.sample(self.all_contacts, rng.randint(0, 2))
        ]
        rows["partners"] += [
            {"action_id": action_id, "organisation_id": o}
            for o in rng.sample(self.all_orgs, rng.randint(0, 3))
        ]
        rows["policies"] += [
            {"action_id": action_id, "policy_id": p}
            for p in rng.sample(self.policy_ids, rng.randint(0, 2))
        ]
        span = (end - start).days
        for m in range(3):
            due = start + timedelta(days=span * (m + 1) // 3)
            done = status is ActionStatus.DONE or (
                status is not ActionStatus.TO_START and due < self.today and rng.random() < 0.92
            )
            rows["milestones"].append(
                {
                    "id": len(rows["milestones"]) + 1,
                    "action_id": action_id,
                    "title": rng.choice(words.MILESTONES[m]),
                    "due_date": due,
                    "done": done,
                    "done_date": min(due, self.today) if done else None,
                }
            )
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            rows["fundings"].append(
                {
                    "id": len(rows["fundings"]) + 1,
                    "action_id": action_id,
                    "funder_id": rng.choice(self.orgs_by_circle["Financeurs"]),
                    "amount": _euros(planned * rng.randint(10, 50) // 100),
                    "state": rng.choice(list(FundingState)),
                }
            )
        written = min(self.today, start + timedelta(days=rng.randint(0, max(span, 1))))
        self._note(action_id, written, rng.choice(words.NOTES), None)

    def _note(self, action_id: int, day: date, text: str, decision_id: int | None) -> None:
        written = datetime.combine(day, time(16, 0), tzinfo=UTC)
        self.notes.append(
            {
                "id": len(self.notes) + 1,
                "action_id": action_id,
                "note_date": day,
                "text": text,
                "decision_id": decision_id,
                "created_at": written,
                "updated_at": written,
            }
        )

    # --- Bodies -------------------------------------------------------------------------

    def _bodies(self) -> None:
        rng = self.rng
        bodies: list[dict[str, Any]] = []
        memberships: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        pools = self.contacts_by_circle
        for info in self.plans:
            specs: list[tuple[BodyKind, str, str, QuorumRule, int, list[int], int | None]] = []
            for kind, name, short, rule, quorum, draw in words.MAIN_BODIES:
                members = [c for circle, n in draw for c in rng.sample(pools[circle], n)]
                specs.append(
                    (kind, f"{name} — plan n° {info.plan_id}", short, rule, quorum, members, None)
                )
            for action in rng.sample(info.action_ids, PROJECT_GROUPS_PER_PLAN):
                members = rng.sample(self.all_contacts, rng.randint(16, 22))
                specs.append(
                    (
                        BodyKind.PROJECT_GROUP,
                        f"Groupe projet de l'action n° {action}",
                        "groupe projet",
                        QuorumRule.NONE,
                        0,
                        members,
                        action,
                    )
                )
            for kind, name, short, rule, quorum, members, group_action in specs:
                body_id = len(bodies) + 1
                bodies.append(
                    {
                        "id": body_id,
                        "kind": kind,
                        "name": name,
                        "mission": rng.choice(words.MISSIONS),
                        "frequency": rng.choice(words.FREQUENCIES),
                        "action_id": group_action,
                        "quorum_rule": rule,
                        "quorum_value": quorum,
                        **self.stamps,
                    }
                )
                if group_action is not None:
                    links.append(
                        {"id": group_action, "project_group_id": body_id, "updated_at": self.stamp}
                    )
                # Large groups may have lost two members, who then attend no meeting.
                former = set(members[-2:]) if len(members) > 17 and rng.random() < 0.3 else set()
                for position, contact in enumerate(members):
                    role = self._role(position)
                    memberships.append(
                        {
                            "id": len(memberships) + 1,
                            "body_id": body_id,
                            "contact_id": contact,
                            "role": role,
                            "voting": role is not MembershipRole.PERMANENT_GUEST,
                            "start_date": self.day(-1200),
                            "end_date": self.day(-rng.randint(30, 600))
                            if contact in former
                            else None,
                        }
                    )
                active = [c for c in members if c not in former]
                self.bodies.append(_BodyInfo(body_id, info, short, active, action))
        self.insert(Body, bodies)
        self.insert(Membership, memberships)
        # Action.project_group_id closes the loop with Body.action_id, now both rows exist.
        # Core, not the ORM's bulk update by key, which would ask for each row's version.
        table = Action.metadata.tables["action"]
        self.session.execute(
            update(table).where(table.c.id == bindparam("action"))
            .values(project_group_id=bindparam("group"), updated_at=bindparam("stamp")),
            [{"action": link["id"], "group": link["project_group_id"],
              "stamp": link["updated_at"]} for link in links])

    def _role(self, position: int) -> MembershipRole:
        if position == 0:
            return MembershipRole.CHAIR
        if position == 1:
            return MembershipRole.REFERENT
        if self.rng.random() < 0.08:
            return MembershipRole.PERMANENT_GUEST
        return MembershipRole.MEMBER

    # --- Meetings -----------------------------------------------------------------------

    def _schedule(self) -> list[tuple[_BodyInfo, date]]:
        """Regular meetings of the steering bodies, the rest spread over project groups."""
        rng = self.rng
        main = [b for b in self.bodies if b.action_id is None]
        groups = [b for b in self.bodies if b.action_id is not None]
        schedule = [
            (body, _weekday(self.day(-1000 + k * 48 + rng.randint(0, 20))))
            for body in main
            for k in range(MEETINGS_PER_MAIN_BODY)
        ]
        for k in range(MEETINGS - len(schedule)):
            schedule.append((groups[k % len(groups)], _weekday(self.day(rng.randint(-900, 180)))))
        return schedule

    def _meetings(self) -> None:
        rng = self.rng
        rows: dict[str, list[dict[str, Any]]] = {
            name: [] for name in ("meetings", "items", "attendances", "decisions", "follow_ups")
        }
        for meeting_id, (body, day) in enumerate(self._schedule(), start=1):
            if day >= self.today:
                state = MeetingState.PLANNED
            else:
                state = MeetingState.CANCELLED if rng.random() < 0.04 else MeetingState.HELD
            held = state is MeetingState.HELD
            start, end = (time.fromisoformat(hour) for hour in rng.choice(words.HOURS))
            invitees = rng.sample(body.active, ATTENDANCES_PER_MEETING)
            rows["meetings"].append(
                {
                    "id": meeting_id,
                    "body_id": body.body_id,
                    "date": day,
                    "start_time": start,
                    "end_time": end,
                    "place": rng.choice(words.PLACES_OF_MEETING),
                    "state": state,
                    "secretary_id": body.active[1],
                    "notes": words.CANCELLED if state is MeetingState.CANCELLED else "",
                    **self.stamps,
                }
            )
            first_item = len(rows["items"]) + 1
            for position in range(AGENDA_ITEMS_PER_MEETING):
                rows["items"].append(
                    {
                        "id": len(rows["items"]) + 1,
                        "meeting_id": meeting_id,
                        "position": position,
                        "title": words.AGENDA[(meeting_id + position) % len(words.AGENDA)],
                        "presenter_id": invitees[position % len(invitees)],
                        "duration_minutes": rng.choice((10, 15, 20, 30, 45)),
                        "minutes_text": words.minutes(rng) if held else "",
                    }
                )
            for contact in invitees:
                presence = AttendanceState.INVITED
                if held:
                    presence = rng.choices(words.ATTENDANCE_STATES, ATTENDANCE_WEIGHTS)[0]
                represented = None
                if presence is AttendanceState.REPRESENTED:
                    represented = rng.choice([c for c in body.active if c != contact])
                rows["attendances"].append(
                    {
                        "id": len(rows["attendances"]) + 1,
                        "meeting_id": meeting_id,
                        "contact_id": contact,
                        "state": presence,
                        "represented_by_id": represented,
                    }
                )
            if held:
                self._outcomes(meeting_id, day, body, invitees, first_item, rows)
        self.insert(Meeting, rows["meetings"])
        self.insert(AgendaItem, rows["items"])
        self.insert(Attendance, rows["attendances"])
        self.insert(Decision, rows["decisions"])
        self.insert(FollowUp, rows["follow_ups"])

    def _outcomes(
        self,
        meeting_id: int,
        day: date,
        body: _BodyInfo,
        invitees: list[int],
        first_item: int,
        rows: dict[str, list[dict[str, Any]]],
    ) -> None:
        """Two decisions (in the journal of the action they concern) and two follow-ups."""
        rng = self.rng
        for position in range(2):
            decision_id = len(rows["decisions"]) + 1
            action = body.action_id
            if action is None and rng.random() < 0.5:
                action = rng.choice(body.plan.action_ids)
            text = rng.choice(words.DECISIONS)
            rows["decisions"].append(
                {
                    "id": decision_id,
                    "meeting_id": meeting_id,
                    "agenda_item_id": first_item + rng.randrange(AGENDA_ITEMS_PER_MEETING),
                    "position": position,
                    "text": text,
                    "action_id": action,
                }
            )
            if action is not None:
                note = f"Décision du {body.short} du {day:%d/%m/%Y} : {text}"
                self._note(action, day, note, decision_id)
        for position in range(2):
            due = day + timedelta(days=rng.randint(15, 90))
            done = due < self.today and rng.random() < 0.75
            rows["follow_ups"].append(
                {
                    "id": len(rows["follow_ups"]) + 1,
                    "meeting_id": meeting_id,
                    "agenda_item_id": first_item + rng.randrange(AGENDA_ITEMS_PER_MEETING),
                    "position": position,
                    "text": rng.choice(words.FOLLOW_UPS),
                    "owner_id": rng.choice(invitees),
                    "due_date": due,
                    "done": done,
                    "done_date": min(due, self.today) if done else None,
                    "action_id": body.action_id,
                }
            )

    # --- Indicators ---------------------------------------------------------------------

    def _indicators(self) -> None:
        rng = self.rng
        anchor = self.today.replace(day=1)  # the latest measurement
        count = MEASUREMENTS_PER_INDICATOR
        dates = [_month(anchor, k - count + 1) for k in range(count)]
        baseline_date = _month(anchor, -count)
        indicators: list[dict[str, Any]] = []
        measurements: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        tenth = Decimal("0.1")
        for info in self.plans:
            for _ in range(INDICATORS_PER_PLAN):
                indicator_id = len(indicators) + 1
                name, unit, scale = rng.choice(words.INDICATORS)
                direction = rng.choice(list(Direction))
                baseline = Decimal(rng.randint(10, 100) * scale)
                gap = baseline * rng.randint(20, 60) / 100
                target = baseline + gap if direction is Direction.INCREASE else baseline - gap
                target_date = self.day(rng.randint(60, 1200))
                indicators.append(
                    {
                        "id": indicator_id,
                        "plan_id": info.plan_id,
                        "name": f"{name} — {rng.choice(self.communes)}",
                        "kind": rng.choice(list(IndicatorKind)),
                        "dimension": rng.choice(list(Dimension)),
                        "unit": unit,
                        "direction": direction,
                        "baseline_value": baseline,
                        "baseline_date": baseline_date,
                        "target_value": target.quantize(tenth),
                        "target_date": target_date,
                        "source": rng.choice(words.SOURCES),
                        "frequency": "Mensuelle",
                        **self.stamps,
                    }
                )
                # Some indicators run ahead of their trajectory, others behind.
                pace, span = rng.uniform(0.4, 1.5), (target_date - baseline_date).days
                for when in dates:
                    elapsed = (when - baseline_date).days / span
                    share = min(1.1, pace * elapsed + rng.uniform(-0.05, 0.05))
                    value = baseline + (target - baseline) * Decimal(f"{share:.4f}")
                    measurements.append(
                        {
                            "id": len(measurements) + 1,
                            "indicator_id": indicator_id,
                            "date": when,
                            "value": value.quantize(tenth),
                        }
                    )
                links += [
                    {"indicator_id": indicator_id, "action_id": a}
                    for a in rng.sample(info.action_ids, rng.randint(1, 3))
                ]
        self.insert(Indicator, indicators)
        self.insert(Measurement, measurements)
        self.insert(indicator_action, links)
