"""A process that writes to a Charte file until it is killed: the crash test's victim.

Run as `python -m tests.safety.crash_worker FILE SEED`. It imports everything, prints
"imported" and waits for a line on stdin (so the parent can start it ahead of time), opens
the file, prints "ready", then loops over use cases that save forms and large multi-row
operations, printing one line per committed operation, until the parent kills it.

Each operation writes, in the same transaction, what the checker needs to tell whether it
was applied whole: an action's description lists its co-pilots and policies, a meeting's
notes list the contacts it must have invited, a batch's rows all carry its marker.
"""

import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from charte_desktop.db import Database, open_database
from charte_desktop.db.enums import Dimension, IndicatorKind
from charte_desktop.db.models import (
    Action,
    Body,
    Contact,
    Indicator,
    Measurement,
    Membership,
    Milestone,
    Plan,
    Policy,
    PriorityCriterion,
)
from charte_desktop.services.action_details import set_scores
from charte_desktop.services.actions import (
    ActionFields,
    create_action,
    delete_action,
    duplicate_action,
    update_action,
)
from charte_desktop.services.bodies import current_membership
from charte_desktop.services.meetings import MeetingFields, create_meeting

CODE_PREFIX = "K"  # codes of the actions this worker creates: "K<seed>-<n>"
SOURCE_CODE = "SRC"
SOURCE_TITLE = "Source du test de panne"
SOURCE_MILESTONES = 200
BATCH_SIZE = 300
BATCH_PREFIX = "lot:"  # measurement comments: "lot:<seed>-<n>"
BATCH_INDICATOR = "Lot du test de panne "
MEETING_PLACE = "panne "  # meeting places: "panne <seed>-<n>"


def encode_ids(**groups: set[int]) -> str:
    """"copilots=1,2;policies=3": the sets a form saved, written beside them."""
    return ";".join(f"{name}={','.join(map(str, sorted(ids)))}" for name, ids in groups.items())


def decode_ids(text: str) -> dict[str, set[int]]:
    groups: dict[str, set[int]] = {}
    for part in text.split(";"):
        name, _, ids = part.partition("=")
        groups[name] = {int(i) for i in ids.split(",") if i}
    return groups


class Worker:
    def __init__(self, db: Database, seed: int) -> None:
        self.db = db
        self.seed = seed
        self.random = random.Random(seed)
        self.count = 0
        with db.session() as session:
            self.plan_id = session.scalars(select(Plan.id).order_by(Plan.id)).first()
            self.contact_ids = list(session.scalars(select(Contact.id).order_by(Contact.id)))
            self.policy_ids = list(session.scalars(select(Policy.id).order_by(Policy.id)))
            self.criterion_ids = list(
                session.scalars(select(PriorityCriterion.id).order_by(PriorityCriterion.id))
            )
            self.body_ids = list(
                session.scalars(select(Membership.body_id).distinct().order_by(Membership.body_id))
            )
            self.source_id = session.scalars(
                select(Action.id).where(Action.code == SOURCE_CODE)
            ).first()
        if self.source_id is None:
            self.source_id = self.create_source()

    def say(self, line: str) -> None:
        print(line, flush=True)

    def name(self) -> str:
        self.count += 1
        return f"{self.seed}-{self.count}"

    def sample(self, ids: list[int], most: int) -> set[int]:
        return set(self.random.sample(ids, self.random.randint(0, min(most, len(ids)))))

    def fields(self, code: str, copilots: set[int], policies: set[int]) -> ActionFields:
        return ActionFields(
            plan_id=self.plan_id or 0,
            code=code,
            title=f"Action du test de panne {code}",
            description=encode_ids(copilots=copilots, policies=policies),
            pilot_id=self.random.choice(self.contact_ids),
            copilot_ids=sorted(copilots),
            policy_ids=sorted(policies),
            progress=self.random.randint(0, 100),
            budget_planned=Decimal(self.random.randint(0, 100_000)),
        )

    # --- Operations ----------------------------------------------------------------------

    def create_source(self) -> int:
        """The action duplicated below: many milestones, written in one transaction."""
        copilots = set(self.contact_ids[:3])
        policies = set(self.policy_ids[:2])
        with self.db.session() as session:
            source = Action(
                plan_id=self.plan_id,
                code=SOURCE_CODE,
                title=SOURCE_TITLE,
                description=encode_ids(copilots=copilots, policies=policies),
                copilots=list(session.scalars(select(Contact).where(Contact.id.in_(copilots)))),
                policies=list(session.scalars(select(Policy).where(Policy.id.in_(policies)))),
                milestones=[
                    Milestone(title=f"Jalon {i}", due_date=date(2030, 1, 1) + timedelta(i))
                    for i in range(SOURCE_MILESTONES)
                ],
            )
            session.add(source)
            session.flush()
            return source.id

    def create_action(self) -> None:
        code = CODE_PREFIX + self.name()
        action = create_action(
            self.db,
            self.fields(code, self.sample(self.contact_ids, 6), self.sample(self.policy_ids, 4)),
        )
        self.say(f"action {action.id} {code}")

    def update_action(self) -> None:
        with self.db.session() as session:
            found = dict(
                session.execute(select(Action.code, Action.id).where(Action.code.like("K%"))).all()
            )
        if not found:
            return self.create_action()
        code = self.random.choice(sorted(found))
        update_action(
            self.db,
            found[code],
            self.fields(code, self.sample(self.contact_ids, 6), self.sample(self.policy_ids, 4)),
        )
        self.say(f"updated {found[code]}")

    def set_scores(self) -> None:
        with self.db.session() as session:
            ids = list(session.scalars(select(Action.id).where(Action.code.like("K%"))))
        if not ids:
            return self.create_action()
        action_id = self.random.choice(ids)
        score = self.random.choice([None, 0, 1, 2, 3])
        set_scores(self.db, action_id, dict.fromkeys(self.criterion_ids, score))
        self.say(f"scores {action_id}")

    def create_meeting(self) -> None:
        body_id = self.random.choice(self.body_ids)
        day = date(2026, 1, 1) + timedelta(self.random.randint(-400, 400))
        with self.db.session() as session:
            members = set(
                session.scalars(
                    select(Membership.contact_id).where(
                        Membership.body_id == body_id, current_membership(day)
                    )
                )
            )
            assert session.get(Body, body_id) is not None
        name = self.name()
        meeting = create_meeting(
            self.db,
            MeetingFields(
                body_id=body_id,
                date=day,
                place=MEETING_PLACE + name,
                notes=encode_ids(invited=members),
            ),
        )
        self.say(f"meeting {meeting.id} {name}")

    def batch(self) -> None:
        """Hundreds of rows in ONE transaction: an indicator and its measurements."""
        marker = self.name()
        with self.db.session() as session:
            indicator = Indicator(
                plan_id=self.plan_id,
                name=BATCH_INDICATOR + marker,
                kind=IndicatorKind.OUTPUT,
                dimension=Dimension.OPERATIONAL,
            )
            session.add(indicator)
            session.flush()
            start = date(2020, 1, 1)
            session.add_all(
                Measurement(
                    indicator_id=indicator.id,
                    date=start + timedelta(i),
                    value=Decimal(i),
                    comment=BATCH_PREFIX + marker,
                )
                for i in range(BATCH_SIZE)
            )
        self.say(f"batch {marker}")

    def duplicate(self) -> None:
        """duplicate_action of an action with many milestones; the copies are deleted later."""
        copy = duplicate_action(self.db, self.source_id or 0)
        self.say(f"copy {copy.id}")

    def delete_copy(self) -> None:
        with self.db.session() as session:
            ids = list(
                session.scalars(
                    select(Action.id).where(
                        Action.title == SOURCE_TITLE, Action.code != SOURCE_CODE
                    )
                )
            )
        if not ids:
            return self.duplicate()
        action_id = self.random.choice(ids)
        delete_action(self.db, action_id)
        self.say(f"deleted {action_id}")

    def run(self) -> None:
        operations = [
            (self.create_action, 25),
            (self.update_action, 20),
            (self.set_scores, 15),
            (self.create_meeting, 15),
            (self.batch, 10),
            (self.duplicate, 10),
            (self.delete_copy, 5),
        ]
        functions = [function for function, _ in operations]
        weights = [weight for _, weight in operations]
        while True:
            self.random.choices(functions, weights)[0]()


def main(argv: list[str]) -> None:
    path, seed = Path(argv[0]), int(argv[1])
    print("imported", flush=True)
    sys.stdin.readline()
    db = open_database(path)
    worker = Worker(db, seed)
    print("ready", flush=True)
    worker.run()


if __name__ == "__main__":
    main(sys.argv[1:])
