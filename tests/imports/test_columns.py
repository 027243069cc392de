"""Header rows found under title rows; columns recognised whatever their accents."""

from pathlib import Path

import pytest

from charte_desktop.errors import CharteError
from charte_desktop.imports.action_plan import ACTION_FIELDS
from charte_desktop.imports.columns import (
    check_mapping,
    guess_header,
    ignored_columns,
    line_list,
    propose_mapping,
    source_notes,
)
from charte_desktop.imports.contacts import CONTACT_FIELDS
from charte_desktop.imports.table_rows import Table, TableRow


def _table(*rows: tuple[object, ...]) -> Table:
    return Table(Path("plan.xlsx"), "Plan",
                 [TableRow(number, tuple(row)) for number, row in enumerate(rows, start=1)])


def test_headers_without_accents_or_in_capitals_are_recognised() -> None:
    headers = ["N°", "INTITULE", "Axe stratégique", "Descriptif", "Porteur", "ETAT",
               "Priorite", "Date de debut", "Échéance", "Budget prévisionnel (€ HT)", "Notes"]
    mapping = propose_mapping(headers, ACTION_FIELDS)
    assert mapping == {"code": 0, "title": 1, "axis": 2, "description": 3, "pilot": 4,
                       "status": 5, "priority": 6, "start_date": 7, "end_date": 8,
                       "budget_planned": 9, "progress": None, "copilots": None,
                       "partners": None, "policies": None, "budget_committed": None,
                       "budget_spent": None}


def test_best_match_wins_each_column_once() -> None:
    # "Action" is a title's synonym, but « Intitulé de l'action » is a better title column
    # and « Date de fin de l'action » an end date.
    mapping = propose_mapping(["Date de fin de l'action", "Intitulé de l'action", "Action"],
                              ACTION_FIELDS)
    assert mapping["title"] == 1
    assert mapping["end_date"] == 0


def test_header_row_is_found_below_titles_and_blank_lines() -> None:
    table = _table(("Plan d'actions 2025",), ("Version 2",), ("Code", "Titre", "Pilote"),
                   ("1", "Covoiturage", "Zoé Lefèvre"))
    guess = guess_header(table, ACTION_FIELDS)
    assert (guess.row_index, guess.line) == (2, 3)
    assert guess.headers == ["Code", "Titre", "Pilote"]


def test_no_header_row_is_explained() -> None:
    table = _table(("Bonjour",), ("Liste", "diverse"))
    with pytest.raises(CharteError, match=r"Aucune ligne d'en-tête reconnue dans la feuille "
                                          r"« Plan ».*« Intitulé »"):
        guess_header(table, ACTION_FIELDS)


def test_missing_required_column_is_named() -> None:
    headers = ["N°", "Pilote", "Statut"]
    with pytest.raises(CharteError) as refused:
        check_mapping(propose_mapping(headers, ACTION_FIELDS), ACTION_FIELDS, headers)
    assert refused.value.message == (
        "Colonne obligatoire introuvable : « Intitulé ». Colonnes du fichier : « N° », "
        "« Pilote », « Statut »."
    )


def test_one_column_cannot_feed_two_fields() -> None:
    headers = ["Intitulé", "Pilote"]
    mapping = {"title": 0, "pilot": 0}
    with pytest.raises(CharteError, match="« Intitulé » est choisie pour « Intitulé » et "
                                          "pour « Pilote »"):
        check_mapping(mapping, ACTION_FIELDS, headers)


def test_contact_headers() -> None:
    headers = ["Structure", "Catégorie", "NOM", "Prénom", "Poste", "E-mail", "Tél."]
    assert propose_mapping(headers, CONTACT_FIELDS) == {
        "organisation": 0, "circle": 1, "last_name": 2, "first_name": 3, "full_name": None,
        "function": 4, "email": 5, "phone": 6, "civility": None, "title": None}


def test_civility_and_elected_title_headers() -> None:
    headers = ["Civilité", "Nom", "Prénom", "Titre", "Titre de l'élu"]
    mapping = propose_mapping(headers, CONTACT_FIELDS)
    # « Titre » alone stays the function, as before the elected members' title existed.
    assert (mapping["civility"], mapping["function"], mapping["title"]) == (0, 3, 4)


def test_a_two_row_header_joins_the_upper_label_to_those_below() -> None:
    table = _table(("Plan d'actions 2025",),
                   ("N°", "Intitulé", "Calendrier", None, "Budget", None, "Suivi"),
                   (None, None, "Début", "Fin", "Prévu", "Réalisé", None),
                   ("1", "Covoiturage", "01/03/2025", "30/06/2026", 45000, 12000, "ok"))
    guess = guess_header(table, ACTION_FIELDS)
    assert (guess.upper_line, guess.line, guess.row_index, guess.first_index) == (2, 3, 2, 1)
    assert guess.headers == ["N°", "Intitulé", "Calendrier Début", "Calendrier Fin",
                             "Budget Prévu", "Budget Réalisé", "Suivi"]
    assert {key: column for key, column in guess.mapping.items() if column is not None} == {
        "code": 0, "title": 1, "start_date": 2, "end_date": 3, "budget_planned": 4,
        "budget_spent": 5}
    assert ignored_columns(table, guess) == ["« Suivi » (G)"]
    assert source_notes(table, guess) == [
        "En-tête sur deux lignes (2 et 3) : « Calendrier Début », « Calendrier Fin », "
        "« Budget Prévu », « Budget Réalisé ».",
        "Colonne ignorée : « Suivi » (G).",
    ]


def test_a_title_row_above_a_header_is_not_joined_to_it() -> None:
    table = _table(("Plan d'actions 2025",), ("N°", "Intitulé", "Début", "Fin"),
                   ("1", "Covoiturage", "01/03/2025", "30/06/2026"))
    guess = guess_header(table, ACTION_FIELDS)
    assert (guess.upper_line, guess.line) == (None, 2)
    assert guess.headers == ["N°", "Intitulé", "Début", "Fin"]


def test_untitled_columns_holding_data_are_named_and_line_lists_are_short() -> None:
    table = _table(("N°", "Intitulé", None, "Pilote"), ("1", "Covoiturage", "note", None))
    guess = guess_header(table, ACTION_FIELDS)
    assert ignored_columns(table, guess) == ["colonne C sans titre"]
    assert line_list([4, 7, 8, 9, 12, 13]) == "4, 7 à 9, 12, 13"
    assert line_list(list(range(1, 100, 2)), shown=3) == "1, 3, 5… (50 lignes en tout)"
