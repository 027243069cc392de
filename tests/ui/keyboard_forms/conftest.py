"""Typing scheduled for a form that never opened is forgotten at the end of each test."""

from collections.abc import Iterator

import pytest

from tests.ui.keyboard import forget_pending_forms


@pytest.fixture(autouse=True)
def forget_scheduled_typing() -> Iterator[None]:
    yield
    forget_pending_forms()
