"""The list building block: lazy filters, kept selection, type-ahead."""

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from charte_desktop.ui.list_filters import Filter
from charte_desktop.ui.list_page import ListPage
from charte_desktop.ui.table_model import Column


@dataclass(frozen=True)
class Row:
    id: int
    name: str


def test_filter_reads_its_choices_only_when_needed(qtbot: QtBot) -> None:
    calls: list[int] = []

    def choices() -> list[tuple[int, str]]:
        calls.append(1)
        return [(1, "Élus"), (2, "Entreprises")]

    filter_ = Filter("Cercle", choices)
    qtbot.addWidget(filter_.combo)
    assert calls == [] and filter_.value() is None
    filter_.reload_choices()  # never shown: nothing to read again
    assert calls == []
    filter_.set_value(2)
    assert calls == [1] and filter_.value() == 2
    assert filter_.combo.currentText() == "Entreprises"
    filter_.reload_choices()
    assert calls == [1, 1] and filter_.value() == 2


def test_selection_survives_a_reload_and_search_ignores_accents(qtbot: QtBot) -> None:
    rows = [Row(1, "Élodie Rigoulot"), Row(2, "Marc Droz"), Row(3, "Hélène Barbier")]
    page: ListPage[Row] = ListPage("test", [Column("Nom", lambda r: r.name)],
                                   lambda _filters: rows)
    qtbot.addWidget(page)
    page.reload()
    assert page.current_id() == 1  # something is always selected
    page.select_id(3)
    page.reload()
    assert page.current_id() == 3
    page.search.setText("helene")
    assert [r.id for r in page.visible_rows()] == [3]
    assert page.count_label.text() == "1 sur 3"


def test_multi_choice_ticks_filters_and_summarises(qtbot: QtBot) -> None:
    from charte_desktop.ui.choice_inputs import MultiChoiceInput

    people = [(i, f"Personne {i}") for i in range(20)] + [(99, "Hélène Barbier")]
    field = MultiChoiceInput(lambda: people)
    qtbot.addWidget(field.widget)
    changes: list[int] = []
    field.changed.connect(lambda: changes.append(1))
    field.set([3, 99])
    assert field.get() == [3, 99]
    assert field.summary.text() == "2 cochés : Personne 3, Hélène Barbier"
    field.toggle(3)
    assert field.get() == [99] and changes == [1]
    field.search.setText("helene")  # long lists get a search line, accents ignored
    assert field.proxy.rowCount() == 1
