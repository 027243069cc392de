"""Instances (being built)."""

from charte_desktop.ui.context import AppContext
from charte_desktop.ui.pages.base import Page


class BodiesPage(Page):
    title = "Instances"

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
