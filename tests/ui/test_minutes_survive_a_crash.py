"""Minutes typed in the Compte rendu page survive the program being killed: a child program
types them key by key, waits a little more than the save pause, then kills itself (no
exit handler, no closing event runs); the file holds the text."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from charte_desktop.db import open_database
from charte_desktop.services import meetings

COTECH_MEETING = 9  # COTECH of 03/12/2026, five agenda items (as in test_meeting_forms)

CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from charte_desktop.db import open_database
    from charte_desktop.services.meeting_details import meeting_details
    from charte_desktop.ui.pages.minutes_tab import SAVE_PAUSE_MS, MinutesTab

    app = QApplication([])
    db = open_database(Path(sys.argv[1]))
    tab = MinutesTab(db)
    tab.show_meeting(meeting_details(db, int(sys.argv[2])))
    tab.show()
    editor = tab.editors[0]
    editor.setFocus()
    QTest.keyClicks(editor, "Tape avant la panne")
    # A little more than the pause, then the harshest end: no chance to save on the way out.
    QTimer.singleShot(SAVE_PAUSE_MS + 500, lambda: os.kill(os.getpid(), signal.SIGKILL))
    app.exec()
""")


def test_minutes_typed_are_in_the_file_after_a_kill(demo_template: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", CHILD, str(path), str(COTECH_MEETING)],
                           env=environment, capture_output=True, text=True, timeout=120)
    assert child.returncode == -9, child.stderr[-2000:]
    with open_database(path) as db:
        first = meetings.get_meeting(db, COTECH_MEETING).agenda_items[0]
    assert first.minutes_text == "Tape avant la panne"
