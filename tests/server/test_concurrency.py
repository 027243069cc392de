"""Five officers editing the same actions at once on one server: no update is lost, and
every refusal is one French sentence."""

import json
import os
import subprocess
import sys
from pathlib import Path

from charte_desktop.db import open_database
from charte_desktop.db.publish import publish
from charte_desktop.db.row_versions import CHANGED_DURING_SAVE
from charte_desktop.db.server import ServerAddress
from charte_desktop.services import actions
from tests.server.concurrent_editor import ACTIONS

OFFICERS = ("camille", "dominique", "sacha", "claude", "alix")
ROOT = Path(__file__).resolve().parents[2]


def test_five_officers_at_once_lose_nothing(empty_base: ServerAddress, demo: Path) -> None:
    publish(demo, empty_base)
    url = (f"postgresql://{empty_base.user}:{empty_base.password}@{empty_base.where}/"
           f"{empty_base.base}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "tests.server.concurrent_editor", url,
                              name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT, env=env) for name in OFFICERS]
    results = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        results.append(json.loads(out))
    saved = [tag for result in results for tag in result["saved"]]
    refusals = [message for result in results for message in result["refusals"]]
    with open_database(empty_base) as db:
        descriptions = "".join(actions.get_action(db, row.id).description
                               for row in actions.list_actions(db)[:ACTIONS])
    lost = [tag for tag in saved if tag not in descriptions]
    print(f"\n{len(saved)} enregistrements, {len(refusals)} refus, {len(lost)} perdus")
    assert lost == []
    assert saved  # the officers did save
    for message in refusals:
        assert message == CHANGED_DURING_SAVE or (
            message.startswith("Cette action a été modifiée par ")
            and "pendant que vous la modifiiez" in message), message
