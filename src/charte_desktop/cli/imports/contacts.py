"""`import contacts FILE IN.xlsx [--dry-run]`: a contacts list kept in Excel."""

import argparse

from charte_desktop.cli.imports.common import (
    POLICY,
    add_common_arguments,
    back_up,
    opened,
    print_dry_run,
    print_hidden_sheet,
    read_source,
    refuse,
    run_refusable,
)


def register(kinds: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = kinds.add_parser(
        "contacts", help="importer une liste de contacts (structures, cercles, personnes)",
        description=(
            "Importer une liste de contacts tenue dans Excel ou en CSV dans l'annuaire. "
            "Colonnes reconnues : Structure, Cercle, Nom (obligatoire, ou Nom complet), "
            "Prénom, Fonction, Courriel, Téléphone. Chaque structure n'est créée qu'une "
            "fois ; une personne déjà dans l'annuaire (même nom et même structure, ou même "
            "courriel) est laissée telle quelle. " + POLICY),
    )
    add_common_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.imports.contacts import (
        CONTACT_FIELDS,
        apply_contacts,
        check_preview,
        preview_contacts,
    )
    from charte_desktop.services.bulk_import import count_label

    with opened(args) as db:
        table, header = read_source(args.source, CONTACT_FIELDS, args.sheet)
        preview = preview_contacts(db, table, header, check=args.dry_run)
        if args.dry_run:
            return print_dry_run(args.source, table.sheet, header.line, preview.counts(), [
                ("Cercles à créer", preview.new_circles),
                ("Structures à créer", preview.new_organisations),
                ("À noter", [str(note) for note in preview.notes])],
                                 preview.problems)
        if preview.problems:
            check_preview(db, preview)  # every problem at once, the use case's too
            return refuse(preview.problems)

        def apply() -> int:
            print_hidden_sheet(table)
            back_up(db)
            result = apply_contacts(db, preview)
            print(f"{count_label(result.contacts, 'contact importé', 'contacts importés')} ; "
                  f"{count_label(result.organisations, 'structure', 'structures')} et "
                  f"{count_label(result.circles, 'cercle', 'cercles')} créés.")
            return 0

        return run_refusable(apply)
