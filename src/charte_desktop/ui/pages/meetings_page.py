"""Réunions (being built)."""

from charte_desktop.ui.context import AppContext
from charte_desktop.ui.pages.base import Page


class MeetingsPage(Page):
    title = "Réunions"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
