"""Rows, not ORM objects, cross into the window (issue 16): the screens get plain rows and
fields dataclasses from the services, and never import the models. A relationship read
at paint time, after its session has closed, would be an error on the officer's screen."""

import ast
from pathlib import Path

import charte_desktop

PACKAGE = Path(charte_desktop.__file__).parent
MODELS = "charte_desktop.db.models"



def imports_the_models(text: str, name: str) -> list[str]:
    """The lines of the module `name` that import the models, deferred or type-only
    imports too."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        if any(found_name == MODELS or found_name.startswith(f"{MODELS}.")
               for found_name in names):
            found.append(f"{name}:{node.lineno}")
    return found


def in_file(relative: str) -> list[str]:
    return imports_the_models((PACKAGE / relative).read_text(encoding="utf-8"), relative)


def window_modules() -> list[str]:
    return sorted(path.relative_to(PACKAGE).as_posix() for path in (PACKAGE / "ui").rglob("*.py"))


def test_the_window_does_not_import_the_models() -> None:
    offenders = [line for relative in window_modules() for line in in_file(relative)]
    assert offenders == []


def test_the_check_sees_every_way_of_importing_the_models() -> None:
    ways = [
        "from charte_desktop.db.models import Meeting\n",
        "from charte_desktop.db import models\n",
        "import charte_desktop.db.models\n",
        "from charte_desktop.db.models.governance import Meeting\n",
        "def later() -> None:\n    from charte_desktop.db.models import Meeting\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from charte_desktop.db.models import Meeting\n",
    ]
    for text in ways:
        assert imports_the_models(text, "probe") != [], text
    fine = ("from charte_desktop.db import Database\n"
            "from charte_desktop.db.enums import BodyKind\n"
            "from charte_desktop.services import tables\n")
    assert imports_the_models(fine, "probe") == []
