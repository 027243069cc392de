"""French words the large demo draws from: names, places, titles and minutes fragments."""

from random import Random

from charte_desktop.db.defaults import DEFAULT_CIRCLES
from charte_desktop.db.enums import AttendanceState, BodyKind, QuorumRule

CIRCLES: tuple[str, ...] = DEFAULT_CIRCLES

# fmt: off
FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Claire", "Anne",
    "Sophie", "Nathalie", "Isabelle", "Sandrine", "Céline", "Aurélie", "Élodie", "Laure",
    "Hélène", "Martine", "Monique", "Françoise", "Christine", "Valérie", "Agnès", "Noémie",
    "Zoé", "Yasmine", "Fatima", "Mélanie", "Thomas", "Nicolas", "Julien", "Maxime", "Hugo",
    "Lucas", "Louis", "Antoine", "Pierre", "Jean", "Philippe", "Michel", "Alain", "Bernard",
    "Patrick", "Didier", "Olivier", "Stéphane", "Frédéric", "Sébastien", "Jérôme", "Benoît",
    "Mathieu", "Romain", "Kévin", "Yann", "Karim", "Mehdi", "François", "Gérard", "Hervé",
    "Raphaël", "Théo", "Rémi", "Cédric", "Gaël",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Simon",
    "Michel", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel",
    "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez",
    "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer",
    "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer",
    "Lucas", "Meunier", "Jean", "Pérez", "Marchand", "Dufour", "Blanchard", "Barbier",
    "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard",
    "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
    "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre",
    "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot",
    "Rivière", "Le Gall", "Guillaume", "Adam", "Rey", "Moulin", "Gonzalez", "Berger",
    "Lecomte", "Ménard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoît", "Paris",
    "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet", "Collet",
    "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Cuenot",
    "Faivre", "Vuillemin", "Bouveret", "Jeannin", "Girardot", "Mougin", "Boillot",
)
COMMUNE_BASES = (
    "Orlanne", "Saint-Aubin", "Villers", "Montcerf", "Bréval", "Fontenelle", "Champvert",
    "Roche", "Vaux", "Clairmont", "Beaulieu", "Chaumont", "Fresnes", "Granges", "Mirebel",
    "Courcelles", "Aulnay", "Sorvilliers", "Belleherbe", "Longevelle",
)
COMMUNE_SUFFIXES = ("-sur-Orlanne", "-le-Haut", "-la-Forêt")
STREETS = (
    "rue de la République", "Grande Rue", "rue Pasteur", "rue Victor-Hugo", "avenue de la Gare",
    "rue des Écoles", "place de la Mairie", "rue du Moulin", "chemin des Vignes",
    "rue de l'Industrie", "route nationale", "rue Jean-Jaurès", "rue des Tilleuls",
)
PUBLIC_PARTNERS = (
    "Direction départementale des territoires (DDT)", "Direction régionale de "
    "l'environnement, de l'aménagement et du logement (DREAL)", "CCI territoriale",
    "Chambre de métiers et de l'artisanat", "Chambre d'agriculture", "Syndicat mixte du SCoT",
    "Parc naturel régional", "Syndicat départemental d'énergie", "Agence d'urbanisme",
    "Office de tourisme intercommunal", "Pôle emploi — agence locale", "Caisse d'allocations "
    "familiales", "Agence régionale de santé — délégation", "Syndicat des transports",
    "Établissement public foncier", "Conseil de développement", "Centre communal d'action "
    "sociale", "Gendarmerie — brigade territoriale", "Service départemental d'incendie et de "
    "secours", "Université — laboratoire de géographie",
)
ASSOCIATIONS = (
    "Association des usagers du vélo", "Association de transport solidaire", "Union des "
    "commerçants", "Fédération des transporteurs", "Mission locale", "Association "
    "d'insertion par l'activité économique", "Garage solidaire", "Association des parents "
    "d'élèves", "Club des aînés", "Association de défense de l'environnement",
    "Ressourcerie", "Centre social",
)
TRADES = (
    "Transports", "Messagerie", "Boulangerie", "Pharmacie", "Épicerie", "Librairie",
    "Menuiserie", "Garage", "Fromagerie", "Boucherie", "Fleuriste", "Imprimerie",
    "Coursiers", "Plomberie", "Électricité", "Supérette", "Quincaillerie", "Brasserie",
)
RESIDENTS = (
    "Conseil de quartier", "Collectif d'habitants", "Comité des usagers des transports",
    "Conseil citoyen", "Association de locataires",
)
EMPLOYERS = (
    "Hôpital", "Fruitière coopérative", "Scierie", "Plasturgie", "Entrepôt logistique",
    "Centre de tri postal", "Clinique", "Usine de décolletage", "Maison de retraite",
    "Zone d'activités — club d'entreprises",
)
SERVICES = (
    "Direction générale des services", "Direction de l'aménagement et des mobilités",
    "Direction du développement économique", "Service de la commande publique",
    "Services techniques", "Direction des finances", "Service urbanisme", "Service habitat",
    "Direction de la transition écologique", "Service communication",
    "Direction des solidarités", "Service des systèmes d'information",
    "Service de la voirie", "Direction de l'eau et de l'assainissement", "Service des sports",
)
FUNDERS = (
    "Région", "Département", "État — DSIL", "État — fonds vert", "ADEME",
    "Banque des Territoires", "Union européenne — FEDER", "Union européenne — LEADER",
    "Agence de l'eau", "Caisse d'allocations familiales",
)
CONSULTANCIES = ("Cabinet", "Bureau d'études", "Agence", "Conseil et territoires")

FUNCTIONS: dict[str, tuple[str, ...]] = {
    "Partenaires publics": ("Chargé·e d'études", "Chef·fe de service", "Directeur·rice",
                            "Directeur·rice des services techniques", "Secrétaire de mairie"),
    "Monde associatif": ("Président·e", "Trésorier·ère", "Coordinateur·rice", "Bénévole",
                         "Directeur·rice"),
    "Entreprises": ("Gérant·e", "Responsable d'exploitation", "Artisan·e", "Commerçant·e",
                    "Directeur·rice d'agence"),
    "Habitants et usagers": ("Habitant·e", "Porte-parole", "Usager·ère des transports",
                             "Membre du conseil de quartier"),
    "Employeurs": ("Responsable des ressources humaines", "Directeur·rice de site",
                   "Référent·e mobilité", "Responsable QSE"),
    "Services de la collectivité": ("Chargé·e de mission", "Directeur·rice",
                                    "Responsable de service", "Technicien·ne", "Assistant·e"),
    "Élus": ("Maire", "Adjoint·e au maire", "Vice-président·e", "Conseiller·ère "
             "communautaire", "Conseiller·ère municipal·e"),
    "Financeurs": ("Chargé·e de mission", "Chef·fe de projet", "Instructeur·rice"),
    "Consultants": ("Consultant·e", "Directeur·rice d'études", "Chef·fe de projet"),
}

PLANS = (  # title (start year, end year), (first year offset, length), description
    ("Charte pour une logistique urbaine durable {}-{}", (-1, 3),
     "Charte d'engagement volontaire avec les acteurs économiques."),
    ("Plan de mobilité simplifié {}-{}", (-2, 5), "Plan de mobilité de l'agglomération."),
    ("Plan climat-air-énergie territorial {}-{}", (-2, 6), "PCAET : atténuation et adaptation."),
    ("Projet de territoire {}-{}", (-1, 5), "Feuille de route du mandat."),
)
AXIS_THEMES = (
    "Apaiser les centres-bourgs", "Décarboner les transports", "Développer les mobilités "
    "actives", "Soutenir l'économie de proximité", "Une collectivité exemplaire",
    "Mobilité solidaire et inclusion", "Sobriété et efficacité énergétique", "Énergies "
    "renouvelables", "Adaptation au changement climatique", "Gouvernance et évaluation",
    "Qualité de l'air et santé", "Aménagement et foncier",
)
SUB_AXIS_THEMES = (
    "Réglementation et contrôle", "Équipements et aménagements", "Accompagnement des "
    "acteurs", "Sensibilisation et communication", "Observation et évaluation",
    "Expérimentations", "Partenariats",
)
ACTION_STEMS = (
    "Réaménager les aires de livraison", "Expérimenter un espace logistique de proximité",
    "Étendre le transport solidaire", "Installer des stationnements vélos sécurisés",
    "Développer le covoiturage domicile-travail", "Accompagner les plans de mobilité employeur",
    "Déployer des bornes de recharge", "Tester la cyclologistique",
    "Harmoniser les horaires de livraison", "Étudier un service d'autopartage",
    "Rénover l'éclairage public", "Créer des zones de rencontre",
    "Soutenir les circuits courts alimentaires", "Verdir la flotte de véhicules",
    "Réaliser un schéma directeur cyclable", "Ouvrir un guichet de la mobilité",
    "Sécuriser les abords des écoles", "Végétaliser les cours et les places",
    "Mutualiser les livraisons des services", "Accompagner la rénovation énergétique",
)
PLACES = ("à {}", "dans le centre de {}", "autour de la gare de {}", "sur la zone d'activités "
          "de {}", "entre les communes de l'agglomération", "pour les habitants de {}")
DESCRIPTIONS = (
    "Action issue du diagnostic partagé avec les partenaires ; calendrier et budget à "
    "préciser en groupe projet.",
    "Action prioritaire pour les élus : résultats visibles attendus dans l'année.",
    "Action proposée par le comité des partenaires, portée avec les acteurs économiques.",
    "Action conditionnée à l'obtention d'un cofinancement (appel à projets en cours).",
    "Action de long terme, inscrite dans les documents de planification (PDM, PCAET, PLUi).",
)
MILESTONES = (
    ("Cadrage et validation du calendrier", "Constitution du groupe projet",
     "Étude préalable"),
    ("Réalisation de la première tranche", "Consultation des entreprises",
     "Mise en service"),
    ("Bilan et évaluation", "Restitution au comité des partenaires", "Bilan de la première année"),
)
NOTES = (
    "Point d'étape avec le pilote : calendrier confirmé.",
    "Réunion bilatérale avec les partenaires ; accord de principe obtenu.",
    "Retard de livraison du matériel ; nouvelle date communiquée par le fournisseur.",
    "Dossier de subvention déposé ; réponse attendue sous trois mois.",
    "Visite de terrain avec les commerçants et les riverains.",
    "Échange avec une autre collectivité ayant mené une action comparable.",
)
MISSIONS = (
    "Assure le pilotage et le suivi de la mise en œuvre.",
    "Prépare les décisions et coordonne les services et les partenaires.",
    "Informe, consulte et mobilise les acteurs du territoire.",
    "Réunit le pilote de l'action et les acteurs publics et privés qui y participent.",
)
FREQUENCIES = ("Mensuelle", "Tous les deux mois", "Trimestrielle", "Deux fois par an",
               "Selon les besoins de l'action")
HOURS = (("09:00", "11:00"), ("09:30", "12:00"), ("14:00", "16:30"), ("18:00", "20:00"))
PLACES_OF_MEETING = (
    "Salle du conseil, hôtel d'agglomération", "Salle 2, hôtel d'agglomération",
    "Mairie annexe", "Salle polyvalente", "Maison des associations", "Visioconférence",
    "Locaux de la CCI", "Médiathèque intercommunale",
)
CANCELLED = "Séance annulée faute de quorum ; les points sont reportés à la séance suivante."
AGENDA = (
    "Approbation du relevé de décisions précédent", "Tour des actions en cours",
    "Actions en retard et mesures correctives", "Point budgétaire", "Indicateurs de suivi",
    "Retour du groupe projet", "Présentation d'un retour d'expérience",
    "Candidature à un appel à projets", "Calendrier des prochaines étapes",
    "Communication auprès des habitants", "Nouveaux partenaires et signataires",
    "Arbitrages à soumettre au COPIL", "Questions diverses",
)
MINUTE_OPENINGS = (
    "Le pilote présente l'avancement depuis la dernière séance et les difficultés "
    "rencontrées.",
    "Les participants échangent sur les propositions présentées et les moyens disponibles.",
    "Le point est introduit par le référent de l'instance, qui rappelle les décisions "
    "précédentes.",
)
MINUTE_BULLETS = (
    "le calendrier est confirmé pour les prochains mois ;",
    "les partenaires économiques demandent à être associés plus tôt ;",
    "le budget engagé reste dans l'enveloppe prévue ;",
    "une visite de terrain est proposée avant la prochaine séance ;",
    "les habitants ont été informés par la lettre intercommunale ;",
    "un cofinancement complémentaire est à rechercher ;",
    "le retour d'expérience d'un territoire voisin sera présenté ;",
    "les indicateurs seront mis à jour pour le prochain COPIL ;",
)
MINUTE_CLOSINGS = (
    "Les participants valident les orientations proposées.",
    "Le point sera réinscrit à l'ordre du jour de la prochaine séance.",
    "Aucune opposition n'est exprimée.",
)
DECISIONS = (
    "Le calendrier de l'action est validé.", "Le budget complémentaire est accordé.",
    "La candidature à l'appel à projets est approuvée.", "L'échéance est reportée de trois "
    "mois.", "Le cahier des charges est validé.", "Le lancement de la consultation est "
    "autorisé.", "L'action est déclarée prioritaire pour l'année.",
)
FOLLOW_UPS = (
    "Transmettre le compte rendu aux partenaires", "Préparer la note de cadrage",
    "Relancer les financeurs", "Organiser la visite de terrain", "Mettre à jour le tableau "
    "de suivi", "Rédiger le cahier des charges", "Consulter les commerçants concernés",
)
ATTENDANCE_STATES = (AttendanceState.PRESENT, AttendanceState.EXCUSED,
                     AttendanceState.ABSENT, AttendanceState.REPRESENTED)
INDICATORS = (  # name, unit, scale of the baseline
    ("Trajets réalisés par le transport solidaire", "trajets", 10),
    ("Part modale du vélo", "%", 1), ("Émissions de gaz à effet de serre", "t CO₂e", 100),
    ("Aires de livraison réaménagées", "aires", 1), ("Fréquentation des lignes", "voyages",
                                                      100),
    ("Concentration en dioxyde d'azote", "µg/m³", 1), ("Entreprises signataires",
                                                       "entreprises", 1),
    ("Taux de vacance commerciale", "%", 1), ("Consommation d'énergie des bâtiments publics",
                                              "MWh", 10),
    ("Personnes accompagnées", "personnes", 5), ("Bornes de recharge installées", "bornes", 1),
    ("Kilomètres d'aménagements cyclables", "km", 1),
)
SOURCES = ("Services de l'agglomération", "Observatoire régional", "Opérateur de transport",
           "Enquête annuelle", "Comptages automatiques", "Partenaires associatifs")

TERRITORY_NAME = (
    "Communauté d'agglomération du Grand Val d'Orlanne (territoire de démonstration volumineux)"
)
TERRITORY_ADDRESS = "Hôtel d'agglomération\n1 esplanade des Territoires\n25991 Orlanne-Centre"

# The steering bodies of every plan: kind, name, how a journal note names it, quorum rule
# and value, and how many members are drawn from which circle.
MAIN_BODIES: tuple[tuple[BodyKind, str, str, QuorumRule, int, tuple[tuple[str, int], ...]], ...] = (
    (BodyKind.COPIL, "Comité de pilotage", "COPIL", QuorumRule.SHARE, 50,
     (("Élus", 18), ("Services de la collectivité", 4))),
    (BodyKind.COTECH, "Comité technique", "COTECH", QuorumRule.NONE, 0,
     (("Services de la collectivité", 15), ("Partenaires publics", 10))),
    (BodyKind.PARTNERS_COMMITTEE, "Comité des partenaires", "comité des partenaires",
     QuorumRule.COUNT, 20, tuple((circle, 7) for circle in CIRCLES)),
)

# fmt: on


def communes() -> list[str]:
    """Sixty fictional communes along the (fictional) Orlanne."""
    return [f"{base}{suffix}" for suffix in COMMUNE_SUFFIXES for base in COMMUNE_BASES]


def organisation_name(rng: Random, circle: str, k: int, places: list[str]) -> str:
    """The name of the `k`-th organisation of a circle."""
    commune = places[k % len(places)]
    if circle == "Partenaires publics":
        return PUBLIC_PARTNERS[k] if k < len(PUBLIC_PARTNERS) else f"Commune de {commune}"
    if circle == "Monde associatif":
        return f"{rng.choice(ASSOCIATIONS)} de {commune}"
    if circle == "Entreprises":
        suffix = f" ({commune})" if k >= 100 else ""
        return f"{rng.choice(TRADES)} {rng.choice(LAST_NAMES)}{suffix}"
    if circle == "Habitants et usagers":
        return f"{rng.choice(RESIDENTS)} de {commune}"
    if circle == "Employeurs":
        return f"{rng.choice(EMPLOYERS)} de {commune}"
    if circle == "Services de la collectivité":
        rank, service = divmod(k, len(SERVICES))
        return SERVICES[service] + (f" — pôle territorial {rank}" if rank else "")
    if circle == "Élus":
        return "Conseil communautaire" if k == 0 else f"Conseil municipal de {commune}"
    if circle == "Financeurs":
        return FUNDERS[k % len(FUNDERS)]
    return f"{rng.choice(CONSULTANCIES)} {rng.choice(LAST_NAMES)}"


def minutes(rng: Random) -> str:
    """A short discussion: an opening, three bullets, a conclusion."""
    lines = [f"- {line}" for line in rng.sample(MINUTE_BULLETS, 3)]
    lines[-1] = lines[-1].removesuffix(" ;") + "."  # the last bullet ends the list
    return "\n".join([rng.choice(MINUTE_OPENINGS), *lines, "", rng.choice(MINUTE_CLOSINGS)])
