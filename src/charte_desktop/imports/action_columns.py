"""What the columns of an action plan kept in Excel mean: the fields Charte recognises by
their titles (any case, any accents), the words officers use for statuses and priorities,
and how an axis is written (« Axe 2 : Mobilité »)."""

import re

from charte_desktop.db.enums import ActionStatus, Priority
from charte_desktop.imports.columns import FieldSpec
from charte_desktop.imports.table_rows import CellValue
from charte_desktop.imports.values import ValueProblem, choice_table, is_unknown, text
from charte_desktop.text import fold

ACTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "N°", ("code", "numero", "num", "no", "n", "ref", "reference",
                             "n action", "numero action", "numero de l action", "code action",
                             "n fiche", "numero de fiche", "fiche n")),
    FieldSpec("title", "Intitulé", ("intitule", "titre", "action", "libelle", "nom",
                                    "nom de l action", "intitule de l action", "fiche action",
                                    "actions", "intitule action", "action envisagee",
                                    "titre de l action", "libelle de l action"), required=True),
    FieldSpec("axis", "Axe", ("axe", "axes", "axe strategique", "axe thematique", "thematique",
                              "theme", "orientation", "orientation strategique", "volet",
                              "objectif strategique", "enjeu", "axe du plan")),
    FieldSpec("description", "Description", ("description", "descriptif", "contenu",
                                             "detail", "details", "contenu de l action",
                                             "description de l action", "modalites")),
    FieldSpec("pilot", "Pilote", ("pilote", "pilotes", "responsable", "porteur", "referent",
                                  "chef de projet", "pilote de l action", "porteur de projet",
                                  "responsable de l action", "referent technique")),
    FieldSpec("status", "Statut", ("statut", "etat", "situation", "etat d avancement",
                                   "statut de l action", "etat de l action")),
    FieldSpec("priority", "Priorité", ("priorite", "niveau de priorite", "prioritaire",
                                       "degre de priorite")),
    FieldSpec("start_date", "Date de début", ("debut", "date debut", "date de demarrage",
                                              "demarrage", "lancement", "date de lancement",
                                              "commencement", "date de debut prevue")),
    FieldSpec("end_date", "Date de fin", ("fin", "date fin", "echeance", "date d echeance",
                                          "date limite", "date butoir", "terme",
                                          "date de fin prevue", "echeance prevue",
                                          "date de realisation", "delai")),
    FieldSpec("budget_planned", "Budget prévisionnel", (
        "budget", "budget prevu", "budget previsionnel", "cout", "cout estime",
        "cout previsionnel", "montant", "montant previsionnel", "budget total",
        "enveloppe", "estimation", "cout total", "budget estime")),
    FieldSpec("progress", "Avancement", ("avancement", "realise", "taux d avancement",
                                         "taux de realisation", "pourcentage d avancement",
                                         "progression", "niveau d avancement",
                                         "avancement en", "pourcentage", "pct")),
    FieldSpec("copilots", "Co-pilotes", ("co pilote", "co pilotes", "copilote", "copilotes",
                                         "co porteur", "co porteurs", "co responsable",
                                         "co responsables", "co referent", "co referents")),
    FieldSpec("partners", "Partenaires", ("partenaire", "partenaires", "structures partenaires",
                                          "partenaires associes", "partenariat",
                                          "partenariats", "acteurs associes")),
    FieldSpec("policies", "Politiques publiques", (
        "politique publique", "politiques publiques", "politiques", "politique",
        "document cadre", "documents cadres", "plans et programmes", "strategie",
        "strategies", "lien avec les politiques publiques")),
    FieldSpec("budget_committed", "Engagé", ("engage", "engages", "montant engage",
                                             "budget engage", "credits engages",
                                             "depenses engagees", "engagements")),
    FieldSpec("budget_spent", "Dépensé", ("depense", "depenses", "montant depense",
                                          "budget depense", "budget realise",
                                          "depenses realisees", "mandate", "consomme",
                                          "budget consomme", "paye", "montant paye")),
)
REQUIRED_LABELS = tuple(spec.label for spec in ACTION_FIELDS if spec.required)

STATUSES = choice_table({
    ActionStatus.TO_START: ("À lancer", "a demarrer", "non demarree", "non demarre",
                            "pas commence", "pas commencee", "a venir", "prevue", "prevu",
                            "a faire", "en projet", "en preparation", "non lancee",
                            "non engagee", "a engager", "programmee"),
    ActionStatus.IN_PROGRESS: ("En cours", "demarree", "demarre", "lancee", "lance",
                               "engagee", "engage", "en cours de realisation",
                               "en realisation", "commencee", "en retard", "retard",
                               "en cours de mise en oeuvre", "initiee"),
    ActionStatus.DONE: ("Réalisée", "realise", "terminee", "termine", "achevee", "acheve",
                        "faite", "fait", "cloturee", "close", "finalisee", "ok", "mise en oeuvre"),
    ActionStatus.SUSPENDED: ("Suspendue", "suspendu", "en pause", "en attente", "reportee",
                             "reporte", "gelee", "differee", "bloquee", "bloque"),
    ActionStatus.ABANDONED: ("Abandonnée", "abandonne", "annulee", "annule",
                             "supprimee", "non retenue", "sans suite"),
})
PRIORITIES = choice_table({
    Priority.HIGH: ("Haute", "haut", "elevee", "eleve", "forte", "fort", "prioritaire",
                    "tres prioritaire", "1", "p1", "priorite 1", "urgent", "urgente", "***",
                    "+++", "majeure", "importante"),
    Priority.MEDIUM: ("Moyenne", "moyen", "normale", "normal", "2", "p2", "priorite 2",
                      "**", "++", "modere", "moderee"),
    Priority.LOW: ("Basse", "bas", "faible", "secondaire", "3", "p3", "priorite 3", "*", "+",
                   "non prioritaire", "mineure"),
})

# "Axe 2 : Mobilité", "2 - Mobilité", "II. Mobilité", "Axe 2" → code and title.
AXIS = re.compile(
    r"^(?:axe\s*(?:n\s*°?\s*)?)?([0-9]{1,2}(?:\.[0-9]{1,2})*|[IVX]{1,5}|[A-H])\s*"
    r"(?:[-–—:.)]\s*(.*)|$)",
    re.IGNORECASE,
)
PEOPLE_SEPARATORS = re.compile(r"\s*(?:/|;|\+|\n|\s&\s|\set\s)\s*")
# Co-pilots and policies are lists: « ; », « , » or line breaks between names.
LIST_SEPARATORS = re.compile(r"\s*(?:;|,|\n|\r)\s*")
# Partners: « ; » or line breaks only, as a structure's name may hold a comma
# (« Région Bourgogne-Franche-Comté, direction de l'agriculture »).
PARTNER_SEPARATORS = re.compile(r"\s*(?:;|\n|\r)\s*")
# « Total », « Sous-total axe 2 », « TOTAL GÉNÉRAL », « Totaux » (folded).
TOTAL = re.compile(r"^(?:sous[\s-]*)?tota(?:l|ux)(?:\s|:|$)")


def split_axis(label: str) -> tuple[str, str]:
    """ "Axe 2 : Mobilité durable" → ("2", "Mobilité durable"); "Mobilité" → ("", "Mobilité")."""
    match = AXIS.match(label.strip())
    if match is None:
        return "", label.strip()
    code, title = match.group(1), (match.group(2) or "").strip()
    return code, title or label.strip()


def parse_status(value: CellValue) -> ActionStatus:
    """A status as officers write it (« terminé », « en cours de réalisation »…)."""
    if is_unknown(value):
        return ActionStatus.TO_START
    found = STATUSES.get(fold(text(value).strip()))
    if found is None:
        choices = ", ".join(status.label for status in ActionStatus)
        raise ValueProblem(f"statut « {text(value)} » inconnu (possibles : {choices})")
    return ActionStatus(found)


def parse_priority(value: CellValue) -> Priority | None:
    """A priority as officers write it (« P1 », « forte », « *** »…); None when unknown."""
    if is_unknown(value):
        return None
    found = PRIORITIES.get(fold(text(value).strip()))
    if found is None:
        choices = ", ".join(priority.label for priority in Priority)
        raise ValueProblem(f"priorité « {text(value)} » inconnue (possibles : {choices})")
    return Priority(found)
