"""`import actions FILE IN.xlsx [--plan ID] [--skip-rows 12,15] [--dry-run]`: an action plan
kept in Excel."""

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
            "Co-pilotes, Statut, Priorité, Date de début, Date de fin / Échéance, Budget "
            "prévisionnel, Engagé, Dépensé, Avancement, Partenaires (structures créées si "
            "inconnues), Politiques publiques (créées si inconnues). Les lignes de total sont "
            "ignorées. " + POLICY),
    )
    add_common_arguments(parser)
    parser.add_argument("--plan", metavar="N°", type=record_id,
                        help="ajouter les actions au plan N° (voir « list plans ») ; par "
                             "défaut un nouveau plan est créé, nommé d'après le titre du "
                             "classeur ou son nom")
    parser.add_argument("--skip-rows", metavar="LIGNES", type=row_numbers, default=(),
                        help="laisser de côté ces lignes du classeur (numéros de ligne "
                             "d'Excel, séparés par des virgules : « 12,15 »)")
    parser.set_defaults(run=run)


def row_numbers(value: str) -> tuple[int, ...]:
    """ "12,15" or "12, 15" → (12, 15); argparse shows the French message on error."""
    try:
        numbers = tuple(int(part) for part in value.replace(";", ",").split(",")
                        if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"« {value} » n'est pas une liste de numéros de ligne (exemple : 12,15)") from None
    if not numbers or any(number < 1 for number in numbers):
        raise argparse.ArgumentTypeError(
            f"« {value} » n'est pas une liste de numéros de ligne (exemple : 12,15)")
    return numbers


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
        preview = preview_actions(db, table, header, target, check=args.dry_run,
                                  skip_lines=args.skip_rows)
        if args.dry_run:
            return print_dry_run(args.source, table.sheet, header.line, preview.counts(), [
                ("Axes à créer", preview.new_axes),
                ("Pilotes à créer dans l'annuaire", preview.new_pilots),
                ("Structures à créer", preview.new_partners),
                ("Politiques publiques à créer", preview.new_policies),
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
            if result.organisations or result.policies:
                policies = count_label(result.policies, "politique publique",
                                       "politiques publiques")
                print(f"Créées aussi : "
                      f"{count_label(result.organisations, 'structure', 'structures')} et "
                      f"{policies}.")
            for note in preview.skip_notes:  # total rows and rows left out
                print(note)
            return 0

        return run_refusable(apply)
