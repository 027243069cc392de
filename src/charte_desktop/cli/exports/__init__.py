"""`charte-desktop export DOCUMENT …`: one module per kind of document.

Each module has `register(kinds)`, which adds its sub-parser(s) and sets `run` to a
handler `(args) -> exit code`; handlers import the heavy writers only when called.
"""

import argparse

from charte_desktop.cli.exports import (
    action_sheet,
    calendar_ics,
    contacts,
    email_draft,
    meeting_documents,
    monitoring,
    person,
    report,
    update_workbook,
)

MODULES = (meeting_documents, action_sheet, monitoring, contacts, calendar_ics, email_draft,
           update_workbook, report, person)


def add_export_parsers(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    for module in MODULES:
        module.register(kinds)
