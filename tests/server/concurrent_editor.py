"""One officer of the concurrency test: `python -m tests.server.concurrent_editor URL NAME`.

Saves the same actions over and over, each save adding a tag to the description it read
(a read-modify-write: a lost update would lose a tag), and prints as JSON the tags saved
and the refusals' messages.
"""

import json
import sys
from dataclasses import replace

from charte_desktop.db import open_database
from charte_desktop.db.row_versions import editing
from charte_desktop.db.server import parse_address
from charte_desktop.errors import CharteError
from charte_desktop.services import actions
from charte_desktop.services.history import row_version

ROUNDS = 12
ACTIONS = 2


def main(url: str, name: str) -> None:
    saved: list[str] = []
    refusals: list[str] = []
    with open_database(parse_address(url)) as db:
        db._author = name  # five officers, one role: named apart for the history
        targets = [row.id for row in actions.list_actions(db)[:ACTIONS]]
        for round_ in range(ROUNDS):
            for action_id in targets:
                version = row_version(db, "action", action_id)
                fields = actions.action_form_fields(db, action_id)
                tag = f"[{name}:{round_}:{action_id}]"
                try:
                    with editing("action", action_id, version):
                        actions.update_action(db, action_id, replace(
                            fields, description=fields.description + tag))
                except CharteError as refused:
                    refusals.append(refused.message)
                else:
                    saved.append(tag)
    print(json.dumps({"saved": saved, "refusals": refusals}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
