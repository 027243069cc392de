"""The small demo: a fictional communauté de communes steering its charter.

Built with the ORM in one transaction from the French tables of `small_data` and
`small_meetings`. Every date is relative to `today`, so that whatever the day the file is
made, it holds past and future meetings, late actions and follow-ups due; the content only
depends on `today`, timestamps included.
"""

import math
import struct
import unicodedata
import zlib
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from charte_desktop import clock
from charte_desktop.db.engine import Database
from charte_desktop.db.enums import (
    AttendanceState,
    Civility,
    MeetingState,
    QuorumRule,
    TerritoryKind,
)
from charte_desktop.db.models import (
    Action,
    ActionNote,
    AgendaItem,
    Attendance,
    Axis,
    Body,
    ChangeLog,
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
)
from charte_desktop.demo import small_data as data
from charte_desktop.demo import small_meetings as gov
from charte_desktop.demo.budget_years import detail_budget_years
from charte_desktop.demo.calls import add_small_calls
from charte_desktop.errors import CharteError

M = TypeVar("M")
V = TypeVar("V")

# The criteria of `db.defaults`, in the order of `ActionSpec.scores`.
CRITERIA = ("Facilité", "Rapidité", "Volonté politique", "Souhait des partenaires", "Opportunité")
SECRETARY = "roussel"
# Weights in the axes' and plan's progress other than 1 (actions by code), and a criterion
# weighing more than the others: the demo shows decimals there.
ACTION_WEIGHTS = {"1.3": Decimal(3), "2.1": Decimal("1.5"), "3.1": Decimal("0.5")}
CRITERION_WEIGHTS = {"Volonté politique": Decimal("1.5")}
# Small deterministic wobble of measured values around their pace (share of the gap).
_WOBBLE = (0.0, 0.03, -0.02, 0.02, -0.01, 0.015, -0.005, 0.01)


def fill_small_demo(db: Database, *, today: date | None = None) -> None:
    """Fill a new Charte file with the Val d'Aubrance demo, dated around `today`."""
    with db.session() as session:
        _SmallDemo(session, today or clock.today()).build()


def weekday_on_or_after(day: date) -> date:
    """`day`, or the Monday after it when it falls on a week-end."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def email_address(first_name: str, last_name: str, domain: str) -> str:
    """A plausible address from a French name: accents dropped, spaces and quotes removed."""

    def slug(text: str) -> str:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return plain.lower().replace(" ", "").replace("'", "")

    return f"{slug(first_name)}.{slug(last_name)}@{domain}"


class _SmallDemo:
    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today
        self.stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
        self.circles: dict[str, Circle] = {}
        self.orgs: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        self.actions: dict[str, Action] = {}
        self.bodies: dict[str, Body] = {}
        self.plan: Plan | None = None

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def build(self) -> None:
        self.circles = _by_name(self.session, Circle, "name")
        self.session.add(
            Territory(
                name=data.TERRITORY_NAME,
                kind=TerritoryKind.COMMUNITY_OF_COMMUNES,
                address=data.TERRITORY_ADDRESS,
                logo=logo_png(),
                logo_filename="logo-val-d-aubrance.png",
            )
        )
        self._directory()
        self._officer(self.session.scalars(select(Territory)).one())
        self._plan()
        self._governance()
        self._meetings()
        self._indicators()
        self.session.flush()
        add_small_calls(self.session, self.today, self.stamp)
        self._fix_timestamps()

    # --- Directory ----------------------------------------------------------------------

    def _directory(self) -> None:
        for spec in data.ORGANISATIONS:
            org = Organisation(
                name=spec.name,
                circle=_lookup(self.circles, spec.circle, "Le cercle"),
                address=spec.address,
                notes=spec.notes,
            )
            self.orgs[spec.key] = org
            self.session.add(org)
        domains = {spec.key: spec.domain for spec in data.ORGANISATIONS}
        for index, person in enumerate(data.CONTACTS):
            domain = domains[person.org] if person.org else "courriel.example"
            if person.mobile:
                phone = f"06 39 98 {30 + index:02d} {(23 * index + 7) % 100:02d}"
            else:
                phone = f"03 53 01 {20 + index:02d} {(17 * index + 11) % 100:02d}"
            contact = Contact(
                civility=Civility.MADAME if person.key in data.WOMEN else Civility.MONSIEUR,
                title=person.title,
                first_name=person.first_name,
                last_name=person.last_name,
                function=person.function,
                organisation=self.orgs[person.org] if person.org else None,
                circle=_lookup(self.circles, person.circle, "Le cercle") if person.circle else None,
                email=email_address(person.first_name, person.last_name, domain),
                phone=phone,
                notes=person.notes,
            )
            self.contacts[person.key] = contact
            self.session.add(contact)

    def _officer(self, territory: Territory) -> None:
        """The secretary of the bodies is the officer whom partners call or write to."""
        officer = self.contacts[SECRETARY]
        territory.town = data.TERRITORY_TOWN
        territory.officer_name = officer.full_name
        territory.officer_function = officer.function
        territory.officer_phone = officer.phone
        territory.officer_email = officer.email

    # --- Plan and actions ---------------------------------------------------------------

    def _plan(self) -> None:
        start = date(self.today.year - 1, 1, 1)
        end = date(self.today.year + 2, 12, 31)
        plan = Plan(
            title=data.PLAN_TITLE.format(start=start.year, end=end.year),
            period_start=start,
            period_end=end,
            description=data.PLAN_DESCRIPTION,
        )
        self.plan = plan
        self.session.add(plan)
        axes: dict[str, Axis] = {}
        positions: dict[str | None, int] = {}
        for key, parent, code, title, description in data.AXES:
            position = positions.get(parent, 0)
            positions[parent] = position + 1
            axes[key] = Axis(
                plan=plan,
                parent=axes[parent] if parent else None,
                position=position,
                code=code,
                title=title,
                description=description,
            )
            self.session.add(axes[key])
        policies = _by_name(self.session, Policy, "code")
        criteria = _by_name(self.session, PriorityCriterion, "name")
        for name, weight in CRITERION_WEIGHTS.items():
            _lookup(criteria, name, "Le critère").weight = weight
        for spec in data.ACTIONS:
            action = Action(
                plan=plan,
                axis=axes[spec.axis],
                code=spec.code,
                title=spec.title,
                description=spec.description,
                status=spec.status,
                priority=spec.priority,
                pilot=self.contacts[spec.pilot],
                start_date=self.day(spec.start),
                end_date=self.day(spec.end),
                progress=spec.progress,
                progress_from_milestones=spec.from_milestones,
                budget_planned=Decimal(spec.budget[0]),
                budget_committed=Decimal(spec.budget[1]),
                budget_spent=Decimal(spec.budget[2]),
                weight=ACTION_WEIGHTS.get(spec.code, Decimal(1)),
                copilots=[self.contacts[key] for key in spec.copilots],
                partners=[self.orgs[key] for key in spec.partners],
                policies=[
                    _lookup(policies, code, "La politique publique") for code in spec.policies
                ],
            )
            action.scores = [
                PriorityScore(criterion=_lookup(criteria, name, "Le critère"), score=score)
                for name, score in zip(CRITERIA, spec.scores, strict=True)
            ]
            action.milestones = [
                Milestone(
                    title=m.title,
                    due_date=self.day(m.due),
                    done=m.done,
                    done_date=min(self.day(m.due + 3), self.day(-1)) if m.done else None,
                )
                for m in spec.milestones
            ]
            action.fundings = [
                Funding(
                    funder=self.orgs[f.funder], amount=Decimal(f.amount), state=f.state, note=f.note
                )
                for f in spec.fundings
            ]
            detail_budget_years(action)
            for offset, text in spec.notes:
                self._note(action, self.day(offset), text)
            self.actions[spec.code] = action
            self.session.add(action)

    def _note(self, action: Action, day: date, text: str, decision: Decision | None = None) -> None:
        written = datetime.combine(day, time(16, 0), tzinfo=UTC)
        action.notes.append(
            ActionNote(
                note_date=day, text=text, decision=decision, created_at=written, updated_at=written
            )
        )

    # --- Bodies and meetings ------------------------------------------------------------

    def _governance(self) -> None:
        for spec in gov.BODIES:
            body = Body(
                kind=spec.kind,
                name=spec.name,
                mission=spec.mission,
                frequency=spec.frequency,
                quorum_rule=QuorumRule(spec.quorum[0]),
                quorum_value=spec.quorum[1],
            )
            if spec.action is not None:
                body.action = self.actions[spec.action]
            body.memberships = [
                Membership(
                    contact=self.contacts[m.contact],
                    role=m.role,
                    voting=m.voting,
                    start_date=self.day(m.start),
                    end_date=None if m.end is None else self.day(m.end),
                )
                for m in spec.members
            ]
            self.bodies[spec.key] = body
            self.session.add(body)
        # Action.project_group and Body.action form a cycle the unit of work cannot order
        # in one flush: the groups are saved first, then the actions point back at them.
        self.session.flush()
        for spec in gov.BODIES:
            if spec.action is not None:
                self.actions[spec.action].project_group_id = self.bodies[spec.key].id

    def _meetings(self) -> None:
        shorts = {spec.key: spec.short for spec in gov.BODIES}
        members = {spec.key: spec.members for spec in gov.BODIES}
        for spec in gov.MEETINGS:
            day = weekday_on_or_after(self.day(spec.day))
            start, end = (time.fromisoformat(hour) for hour in spec.hours)
            meeting = Meeting(
                body=self.bodies[spec.body],
                date=day,
                start_time=start,
                end_time=end,
                place=spec.place,
                state=spec.state,
                secretary=self.contacts[SECRETARY],
                notes=spec.notes,
            )
            self.session.add(meeting)
            items = [
                AgendaItem(
                    position=position,
                    title=item.title,
                    presenter=self.contacts[item.presenter] if item.presenter else None,
                    duration_minutes=item.duration,
                    minutes_text=item.minutes,
                )
                for position, item in enumerate(spec.items)
            ]
            meeting.agenda_items = items
            invited = [
                m.contact
                for m in members[spec.body]
                if self.day(m.start) <= day and (m.end is None or day <= self.day(m.end))
            ]
            meeting.attendances = self._attendances(spec, [*invited, *spec.guests])
            for position, d in enumerate(spec.decisions):
                decision = Decision(
                    agenda_item=items[d.item],
                    position=position,
                    text=d.text,
                    action=self.actions[d.action] if d.action else None,
                    unanimous=d.vote == "unanimité",
                )
                if isinstance(d.vote, tuple):
                    decision.votes_for, decision.votes_against, decision.abstentions = d.vote
                meeting.decisions.append(decision)
                if decision.action is not None:
                    self._note(
                        decision.action,
                        day,
                        f"Décision du {shorts[spec.body]} du {day:%d/%m/%Y} : {d.text}",
                        decision,
                    )
            self.session.flush()  # FollowUp has no agenda_item relationship: ids are needed
            for position, f in enumerate(spec.follow_ups):
                due = self.day(f.due)
                meeting.follow_ups.append(
                    FollowUp(
                        agenda_item_id=items[f.item].id,
                        position=position,
                        text=f.text,
                        owner=self.contacts[f.owner],
                        due_date=due,
                        done=f.done,
                        done_date=max(day, min(due - timedelta(days=2), self.day(-1)))
                        if f.done
                        else None,
                        action=self.actions[f.action] if f.action else None,
                    )
                )

    def _attendances(self, spec: gov.MeetingSpec, keys: list[str]) -> list[Attendance]:
        if spec.state is not MeetingState.HELD:
            return [
                Attendance(contact=self.contacts[key], state=AttendanceState.INVITED)
                for key in keys
            ]
        special = {key: (state, by) for key, state, by in spec.absences}
        rows = []
        for key in keys:
            state, by = special.get(key, (AttendanceState.PRESENT, None))
            rows.append(
                Attendance(
                    contact=self.contacts[key],
                    state=state,
                    represented_by=self.contacts[by] if by else None,
                )
            )
        return rows

    # --- Indicators ---------------------------------------------------------------------

    def _indicators(self) -> None:
        anchor = self.today.replace(day=1)  # the latest measurement
        for spec in data.INDICATORS:
            periods = max(spec.count, 1)
            baseline_date = add_months(anchor, -spec.step_months * periods)
            target_date = self.day(spec.target_days)
            baseline, target = Decimal(spec.baseline), Decimal(spec.target)
            indicator = Indicator(
                plan=self.plan,
                name=spec.name,
                description=spec.description,
                kind=spec.kind,
                dimension=spec.dimension,
                unit=spec.unit,
                direction=spec.direction,
                baseline_value=baseline,
                baseline_date=baseline_date,
                target_value=target,
                target_date=target_date,
                source=spec.source,
                frequency=spec.frequency,
                actions=[self.actions[code] for code in spec.actions],
            )
            span = (target_date - baseline_date).days
            dates = [
                add_months(anchor, -spec.step_months * (spec.count - 1 - k))
                for k in range(spec.count)
            ]
            reached = (dates[-2] - baseline_date).days / span if spec.count > 1 else 1.0
            for k, when in enumerate(dates):
                last = k == spec.count - 1
                elapsed = (when - baseline_date).days / span
                share = _pace_share(spec.pace, elapsed, reached, 0.0 if last else _WOBBLE[k])
                value = baseline + (target - baseline) * Decimal(repr(share))
                indicator.measurements.append(
                    Measurement(
                        date=when,
                        value=value.quantize(Decimal(1).scaleb(-spec.decimals), ROUND_HALF_UP),
                        comment=spec.last_comment if last else "",
                    )
                )
            self.session.add(indicator)

    def _fix_timestamps(self) -> None:
        """Give every row the same creation time, so that one `today` makes one file."""
        for model in (Territory, Organisation, Contact, Plan, Action, Body, Meeting, Indicator):
            self.session.execute(update(model).values(created_at=self.stamp, updated_at=self.stamp))
        # The history of the rows written so far: the demo's, whoever runs it.
        self.session.execute(update(ChangeLog).values(at=self.stamp, author=DEMO_AUTHOR))


DEMO_AUTHOR = "démonstration"


def _pace_share(pace: str, elapsed: float, reached_at: float, wobble: float) -> float:
    """The share of the baseline→target gap covered at a measurement, given the pace.

    `elapsed` is the share of the baseline→target period gone at the measurement; an
    "achieved" indicator reaches its target at `reached_at` (its last but one measurement).
    """
    if pace == "achieved":
        return min(1.0, elapsed / reached_at)
    if pace == "ahead":
        return max(0.0, min(0.95, elapsed * 1.35 + wobble))
    return max(0.0, elapsed * 0.6 + wobble)


def _by_name(session: Session, model: type[M], attribute: str) -> dict[str, M]:
    """Reference rows (circles, policies, criteria) by their name or code."""
    return {getattr(row, attribute): row for row in session.scalars(select(model))}


def _lookup(mapping: dict[str, V], key: str, what: str) -> V:
    """A reference row the new file should hold; a clear message if it was removed."""
    try:
        return mapping[key]
    except KeyError:
        raise CharteError(
            f"{what} « {key} » est introuvable : la démonstration ne peut pas "
            "être créée dans ce fichier."
        ) from None


def logo_png(size: int = 128) -> bytes:
    """A small round emblem (green hills, blue river) as a PNG image, drawn here."""
    centre, radius = (size - 1) / 2, size * 0.47
    raw = bytearray()
    for y in range(size):
        raw.append(0)  # PNG filter type "none" for the row
        for x in range(size):
            dx, dy = x - centre, y - centre
            if dx * dx + dy * dy > radius * radius:
                raw += b"\xff\xff\xff\x00"
                continue
            hill = size * 0.45 + size * 0.08 * math.sin(x / size * 2 * math.pi)
            river = size * 0.66 + size * 0.06 * math.sin(x / size * 3 * math.pi + 1)
            if y < hill:
                raw += b"\xf2\xe6\xc4\xff"  # sky
            elif abs(y - river) < size * 0.05:
                raw += b"\x4a\x9f\xd0\xff"  # the Aubrance
            elif y < river:
                raw += b"\x3c\x8c\x5a\xff"  # hills
            else:
                raw += b"\x2b\x6a\x45\xff"  # fields

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )
