"""`import actions FILE IN.xlsx [--plan ID] [--dry-run]`: an action plan kept in Excel."""

import argparse

from charte_desktop.cli.ids import record_id
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
        "actions", help="importer un plan d'actions (axes, actions, pilotes)",
        description=(
            "Importer un plan d'actions tenu dans Excel ou en CSV : axes, actions et pilotes "
            "(les pilotes inconnus de l'annuaire y sont créés). Colonnes reconnues : N° / "
            "Code, Intitulé / Titre / Action (obligatoire), Axe, Description, Pilote, "
            "Statut, Priorité, Date de début, Date de fin / Échéance, Budget prévisionnel. "
            + POLICY),
    )
    add_common_arguments(parser)
    parser.add_argument("--plan", metavar="N°", type=record_id,
                        help="ajouter les actions au plan N° (voir « list plans ») ; par "
                             "défaut un nouveau plan est créé, nommé d'après le titre du "
                             "classeur ou son nom")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from charte_desktop.imports.action_plan import (
        ACTION_FIELDS,
        Target,
        apply_actions,
        check_preview,
        check_target,
        preview_actions,
    )
    from charte_desktop.services.bulk_import import count_label

    with opened(args) as db:
        target = Target(plan_id=args.plan)
        check_target(db, target)
        table, header = read_source(args.source, ACTION_FIELDS, args.sheet)
        preview = preview_actions(db, table, header, target, check=args.dry_run)
        if args.dry_run:
            return print_dry_run(args.source, table.sheet, header.line, preview.counts(), [
                ("Axes à créer", preview.new_axes),
                ("Pilotes à créer dans l'annuaire", preview.new_pilots),
                ("À noter", [str(note) for note in preview.notes])],
                                 preview.problems)
        if preview.problems:
            check_preview(db, preview)  # every problem at once, the use case's too
            return refuse(preview.problems)

        def apply() -> int:
            print_hidden_sheet(table)
            back_up(db)
            result = apply_actions(db, preview)
            plan = ("dans le nouveau plan" if result.new_plan else "dans le plan")
            print(f"{count_label(result.actions, 'action importée', 'actions importées')} "
                  f"{plan} « {result.plan_title} » (n° {result.plan_id}) ; "
                  f"{count_label(result.axes, 'axe', 'axes')} et "
                  f"{count_label(result.contacts, 'pilote', 'pilotes')} créés.")
            return 0

        return run_refusable(apply)
