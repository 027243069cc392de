"""The status colours the window, the Word and the Excel documents share (no Qt here).

Colours back up, never replace, the words: a status is always written too.
"""

from charte_desktop.db.enums import DisplayStatus

# Light fills, readable with black text and when printed in grey.
STATUS_FILLS: dict[DisplayStatus, str] = {
    DisplayStatus.TO_START: "#eef0f3",
    DisplayStatus.IN_PROGRESS: "#dbeafe",
    DisplayStatus.DONE: "#d1fae5",
    DisplayStatus.LATE: "#fbd5d5",
    DisplayStatus.SUSPENDED: "#fdf0c4",
    DisplayStatus.ABANDONED: "#e2e2e2",
}

# Their strong companions, for lines, marks and bars drawn on white (the calendar).
STATUS_STRONG: dict[DisplayStatus, str] = {
    DisplayStatus.TO_START: "#8a94a3",
    DisplayStatus.IN_PROGRESS: "#2f6fd6",
    DisplayStatus.DONE: "#1a9a6c",
    DisplayStatus.LATE: "#c62828",
    DisplayStatus.SUSPENDED: "#c98a06",
    DisplayStatus.ABANDONED: "#9a9a9a",
}
