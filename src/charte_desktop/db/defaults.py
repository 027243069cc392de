"""Reference lists every new file starts with; the officer can edit them afterwards."""

from sqlalchemy.orm import Session

from charte_desktop.db.models import Circle, Policy, PriorityCriterion

DEFAULT_CIRCLES = (
    "Partenaires publics",
    "Monde associatif",
    "Entreprises",
    "Habitants et usagers",
    "Employeurs",
    "Services de la collectivité",
    "Élus",
    "Financeurs",
    "Consultants",
)

DEFAULT_POLICIES = (
    ("PDM", "Plan de mobilité"),
    ("PCAET", "Plan climat-air-énergie territorial"),
    ("PLU(i)", "Plan local d'urbanisme (intercommunal)"),
    ("SCoT", "Schéma de cohérence territoriale"),
    ("PLH", "Programme local de l'habitat"),
    ("CRTE", "Contrat pour la réussite de la transition écologique"),
)

DEFAULT_CRITERIA = (
    ("Facilité", "L'action est simple à mettre en œuvre avec les moyens disponibles."),
    ("Rapidité", "Des résultats visibles peuvent être obtenus à court terme."),
    ("Volonté politique", "Les élus portent l'action."),
    ("Souhait des partenaires", "Les partenaires demandent ou soutiennent l'action."),
    ("Opportunité", "Un appel à projets ou une proposition de partenariat se présente."),
)


def add_defaults(session: Session) -> None:
    session.add_all(Circle(name=name, position=i) for i, name in enumerate(DEFAULT_CIRCLES))
    session.add_all(Policy(code=code, label=label) for code, label in DEFAULT_POLICIES)
    session.add_all(
        PriorityCriterion(name=name, description=text, weight=1, position=i)
        for i, (name, text) in enumerate(DEFAULT_CRITERIA)
    )
