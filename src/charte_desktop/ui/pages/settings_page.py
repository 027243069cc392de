"""Paramètres (being built)."""

from charte_desktop.ui.context import AppContext
from charte_desktop.ui.pages.base import Page


class SettingsPage(Page):
    title = "Paramètres"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
