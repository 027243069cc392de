"""French content of the small demo: the territory, its directory, its plan and indicators.

Everything here is fictional (the Val d'Aubrance does not exist); real institutions
(Région, ADEME, Banque des Territoires…) appear only as funders, with invented people.
Dates are offsets in days from the day the demo is built; e-mail domains end in the
reserved `.example`; phone numbers come from the ranges ARCEP keeps for fiction
(03 53 01 xx xx and 06 39 98 xx xx).
"""

from dataclasses import dataclass

from charte_desktop.db.enums import (
    ActionStatus,
    Dimension,
    Direction,
    FundingState,
    IndicatorKind,
    Priority,
)

# Tables are laid out by hand, one entry per line or so: keep them compact.
# fmt: off
TERRITORY_NAME = "Communauté de communes du Val d'Aubrance"
TERRITORY_TOWN = "Saint-Aubin-sur-Aubrance"  # where its letters are signed
TERRITORY_ADDRESS = (
    "Maison de l'intercommunalité\n2 place du Champ-de-Foire\n25990 Saint-Aubin-sur-Aubrance"
)
PLAN_TITLE = "Charte pour une logistique urbaine durable et une mobilité solidaire {start}-{end}"
PLAN_DESCRIPTION = (
    "Charte d'engagement volontaire co-construite avec les partenaires publics, le monde "
    "associatif, les entreprises, les employeurs et les habitants du Val d'Aubrance "
    "(14 communes, 23 400 habitants). Elle décline le diagnostic marchandises et le "
    "diagnostic de mobilité solidaire en trois axes et quinze fiches actions, suivies par "
    "le COPIL, le COTECH, le comité des partenaires et un groupe projet par action. "
    "Elle est articulée avec le PCAET, le plan de mobilité simplifié et le PLUi en cours "
    "d'élaboration."
)


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    circle: str
    domain: str
    address: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ContactSpec:
    key: str
    first_name: str
    last_name: str
    function: str
    org: str | None
    circle: str | None = None  # the person's own circle, when not their organisation's
    mobile: bool = False
    notes: str = ""
    title: str = ""  # an elected member's title, as letters address them


# Who is addressed « Madame »; everyone else « Monsieur ».
WOMEN = frozenset({
    "marguet", "benali", "rigoulot", "roussel", "bourgeois", "lambert", "haddad", "besson",
    "tissot", "petitjean", "cart", "maire", "ouali", "chopard", "girardot", "cordier", "prost",
    "bouveret", "lhomme", "moreau", "barbier", "duval",
})

_BOURG = "25990 Saint-Aubin-sur-Aubrance"
_CC = "CC du Val d'Aubrance — "
_CC_DOMAIN = "cc-valdaubrance.example"
_MAISON = "Maison de l'intercommunalité, 2 place du Champ-de-Foire, " + _BOURG

ORGANISATIONS: tuple[OrgSpec, ...] = (
    # Partenaires publics
    OrgSpec("ddt", "Direction départementale des territoires (DDT)", "Partenaires publics",
            "ddt.example", "Cité administrative, 25000 Besançon"),
    OrgSpec("cci", "CCI territoriale — antenne du Val d'Aubrance", "Partenaires publics",
            "cci.example", "Espace entreprises, 8 rue des Tanneurs, " + _BOURG),
    OrgSpec("cma", "Chambre de métiers et de l'artisanat (CMA) — antenne de Saint-Aubin",
            "Partenaires publics", "cma.example", "10 rue des Tanneurs, " + _BOURG),
    OrgSpec("st_aubin", "Commune de Saint-Aubin-sur-Aubrance", "Partenaires publics",
            "saint-aubin.example", "Hôtel de ville, 1 place de la Mairie, " + _BOURG),
    OrgSpec("villers", "Commune de Villers-sur-Aubrance", "Partenaires publics",
            "villers-sur-aubrance.example",
            "Mairie, 3 rue de l'Église, 25990 Villers-sur-Aubrance"),
    OrgSpec("granges", "Commune des Granges-Vernier", "Partenaires publics",
            "granges-vernier.example", "Mairie, 1 Grande Rue, 25990 Les Granges-Vernier"),
    OrgSpec("scot", "Syndicat mixte du SCoT du Pays d'Aubrance", "Partenaires publics",
            "scot-aubrance.example", "5 avenue de la Gare, " + _BOURG),
    # Monde associatif
    OrgSpec("velo", "Vélo Aubrance — association des usagers du vélo", "Monde associatif",
            "velo-aubrance.example", "Maison des associations, 4 rue Pasteur, " + _BOURG),
    OrgSpec("mobil", "Mobil'Aubrance — association de transport solidaire", "Monde associatif",
            "mobilaubrance.example", "Maison des associations, 4 rue Pasteur, " + _BOURG),
    OrgSpec("ucas", "Union des commerçants et artisans de Saint-Aubin (UCAS)",
            "Monde associatif", "ucas.example", "17 Grande Rue, " + _BOURG),
    OrgSpec("fedtrans", "Fédération des transporteurs de l'Est — délégation d'Aubrance",
            "Monde associatif", "fte.example", "ZA des Combes, " + _BOURG),
    OrgSpec("mission_locale", "Mission locale du Val d'Aubrance", "Monde associatif",
            "ml-aubrance.example", "9 rue Victor-Hugo, " + _BOURG),
    # Entreprises
    OrgSpec("mercier", "Transports Mercier et Fils", "Entreprises", "transports-mercier.example",
            "ZA des Combes, 12 rue de l'Industrie, " + _BOURG),
    OrgSpec("express", "Aubrance Express (messagerie)", "Entreprises", "aubrance-express.example",
            "ZA des Combes, 3 rue de l'Industrie, " + _BOURG),
    OrgSpec("coursiers", "Les Coursiers du Val (SCOP de cyclologistique)", "Entreprises",
            "coursiers-du-val.example", "22 rue des Tanneurs, " + _BOURG),
    OrgSpec("girardot", "Boulangerie-pâtisserie Girardot", "Entreprises", "girardot.example",
            "6 Grande Rue, " + _BOURG),
    OrgSpec("marche", "Le Marché du Bourg (supermarché)", "Entreprises", "marche-du-bourg.example",
            "Avenue de Bourgogne, " + _BOURG),
    OrgSpec("garage", "Garage Vuillemin (véhicules utilitaires)", "Entreprises",
            "garage-vuillemin.example", "Route de Villers, " + _BOURG),
    # Habitants et usagers
    OrgSpec("conseil_citoyen", "Conseil citoyen de Saint-Aubin", "Habitants et usagers",
            "conseil-citoyen.example", "Centre socioculturel, 2 rue des Écoles, " + _BOURG),
    OrgSpec("collectif_tad", "Collectif des usagers du transport à la demande",
            "Habitants et usagers", "usagers-tad.example"),
    # Employeurs
    OrgSpec("laiterie", "Fruitière coopérative du Val d'Aubrance", "Employeurs",
            "fruitiere-aubrance.example", "Route des Granges, 25990 Les Granges-Vernier",
            "Environ 140 salariés, travail posté de 5 h à 21 h."),
    OrgSpec("hopital", "Hôpital intercommunal de Saint-Aubin", "Employeurs",
            "hopital-saint-aubin.example", "15 avenue du Général-Leclerc, " + _BOURG,
            "Environ 420 agents ; plan de mobilité employeur à construire."),
    OrgSpec("pta", "Plastiques Techniques de l'Aubrance (PTA)", "Employeurs", "pta.example",
            "ZA des Combes, 30 rue de l'Industrie, " + _BOURG, "Environ 210 salariés."),
    # Services de la collectivité
    OrgSpec("cc_dg", _CC + "Direction générale des services", "Services de la collectivité",
            _CC_DOMAIN, _MAISON),
    OrgSpec("cc_amenagement", _CC + "Direction de l'aménagement, des mobilités et de "
            "l'environnement", "Services de la collectivité", _CC_DOMAIN, _MAISON),
    OrgSpec("cc_eco", _CC + "Service du développement économique",
            "Services de la collectivité", _CC_DOMAIN, _MAISON),
    OrgSpec("cc_achats", _CC + "Service de la commande publique", "Services de la collectivité",
            _CC_DOMAIN, _MAISON),
    OrgSpec("cc_technique", _CC + "Services techniques et parc automobile",
            "Services de la collectivité", _CC_DOMAIN,
            "Centre technique intercommunal, rue du Moulin, " + _BOURG),
    # Élus
    OrgSpec("conseil", "Conseil communautaire du Val d'Aubrance", "Élus", _CC_DOMAIN, _MAISON),
    # Financeurs
    OrgSpec("region", "Région Bourgogne-Franche-Comté", "Financeurs", "region.example"),
    OrgSpec("departement", "Département du Doubs", "Financeurs", "departement.example"),
    OrgSpec("etat", "Préfecture du Doubs — État (DSIL, fonds vert)", "Financeurs",
            "prefecture.example"),
    OrgSpec("ademe", "ADEME — direction régionale Bourgogne-Franche-Comté", "Financeurs",
            "ademe.example"),
    OrgSpec("bdt", "Banque des Territoires — direction régionale", "Financeurs",
            "banquedesterritoires.example"),
    # Consultants
    OrgSpec("logicites", "Logicités Conseil", "Consultants", "logicites.example",
            "41 rue de la Liberté, 21000 Dijon"),
    OrgSpec("mobiterr", "Mobilités et Territoires (bureau d'études)", "Consultants",
            "mobilites-territoires.example", "7 quai Vauban, 25000 Besançon"),
)

CONTACTS: tuple[ContactSpec, ...] = (
    # Élus
    ContactSpec("cuenot", "Bernard", "Cuenot", "Président de la communauté de communes",
                "conseil", mobile=True, title="Président"),
    ContactSpec("marguet", "Sylvie", "Marguet",
                "Vice-présidente chargée des mobilités et de la transition écologique",
                "conseil", mobile=True, title="Vice-présidente"),
    ContactSpec("faivre", "Jean-Luc", "Faivre", "Vice-président chargé du développement "
                "économique et des finances", "conseil", mobile=True, title="Vice-président"),
    ContactSpec("benali", "Nadia", "Benali",
                "Vice-présidente chargée de l'aménagement et du PLUi", "conseil", mobile=True,
                title="Vice-présidente"),
    ContactSpec("rognon", "Hervé", "Rognon", "Maire de Villers-sur-Aubrance, conseiller "
                "communautaire", "villers", circle="Élus", mobile=True, title="Maire"),
    ContactSpec("pernot", "Gérard", "Pernot", "Conseiller communautaire, ancien vice-président "
                "chargé des transports", "conseil",
                notes="A quitté le COPIL après sa démission de la vice-présidence."),
    ContactSpec("rigoulot", "Élodie", "Rigoulot", "Maire des Granges-Vernier",
                "granges", circle="Élus", mobile=True, title="Maire"),
    # Services de la collectivité
    ContactSpec("roussel", "Camille", "Roussel", "Chargée de mission logistique urbaine et "
                "mobilité", "cc_amenagement", notes="Référente de la charte ; secrétaire "
                "des instances."),
    ContactSpec("guyon", "Thomas", "Guyon", "Directeur général des services", "cc_dg"),
    ContactSpec("bourgeois", "Aurélie", "Bourgeois",
                "Directrice de l'aménagement, des mobilités et de l'environnement",
                "cc_amenagement"),
    ContactSpec("monnier", "Julien", "Monnier", "Responsable du développement économique",
                "cc_eco"),
    ContactSpec("lambert", "Sophie", "Lambert", "Responsable de la commande publique",
                "cc_achats"),
    ContactSpec("droz", "Marc", "Droz", "Responsable des services techniques et du parc "
                "automobile", "cc_technique"),
    ContactSpec("haddad", "Inès", "Haddad", "Chargée de mission PCAET et évaluation",
                "cc_amenagement"),
    # Partenaires publics
    ContactSpec("chauvin", "Philippe", "Chauvin",
                "Chef du service mobilité, aménagement et risques", "ddt"),
    ContactSpec("besson", "Laure", "Besson", "Chargée d'études déplacements", "ddt"),
    ContactSpec("vernier", "François", "Vernier", "Conseiller commerce et centres-villes",
                "cci"),
    ContactSpec("tissot", "Karine", "Tissot", "Chargée de développement économique", "cma"),
    ContactSpec("boillot", "Didier", "Boillot", "Directeur des services techniques",
                "st_aubin"),
    ContactSpec("petitjean", "Valérie", "Petitjean", "Cheffe de la police municipale",
                "st_aubin"),
    ContactSpec("grandjean", "Olivier", "Grandjean", "Directeur du syndicat mixte", "scot"),
    # Monde associatif
    ContactSpec("perrin", "Lucas", "Perrin", "Président", "velo", mobile=True),
    ContactSpec("cart", "Monique", "Cart", "Présidente", "mobil", mobile=True),
    ContactSpec("le_goff", "Yann", "Le Goff", "Coordinateur des chauffeurs bénévoles", "mobil"),
    ContactSpec("maire", "Chantal", "Maire", "Présidente", "ucas", mobile=True),
    ContactSpec("louvrier", "Patrick", "Louvrier", "Délégué territorial", "fedtrans"),
    ContactSpec("ouali", "Samia", "Ouali", "Conseillère mobilité et insertion",
                "mission_locale"),
    # Entreprises
    ContactSpec("mercier", "Stéphane", "Mercier", "Gérant", "mercier", mobile=True),
    ContactSpec("chopard", "Émilie", "Chopard", "Responsable d'exploitation", "express"),
    ContactSpec("mougin", "Kévin", "Mougin", "Cogérant", "coursiers", mobile=True),
    ContactSpec("girardot", "Annie", "Girardot", "Artisane boulangère", "girardot"),
    ContactSpec("faivre_pierret", "Nicolas", "Faivre-Pierret", "Directeur du magasin",
                "marche"),
    ContactSpec("vuillemin", "Gilles", "Vuillemin", "Gérant", "garage"),
    # Habitants et usagers
    ContactSpec("cordier", "Jeanne", "Cordier", "Membre du conseil citoyen", "conseil_citoyen"),
    ContactSpec("belkacem", "Ahmed", "Belkacem", "Porte-parole", "collectif_tad", mobile=True),
    ContactSpec("prost", "Odile", "Prost", "Habitante de Courcelles-lès-Aubrance, usagère du "
                "transport solidaire", None, circle="Habitants et usagers", mobile=True),
    ContactSpec("simonin", "Raphaël", "Simonin", "Habitant de Saint-Aubin, cycliste du "
                "quotidien", None, circle="Habitants et usagers", mobile=True),
    # Employeurs
    ContactSpec("bouveret", "Christine", "Bouveret", "Responsable des ressources humaines",
                "laiterie"),
    ContactSpec("jeannin", "Pascal", "Jeannin", "Directeur adjoint, référent mobilité",
                "hopital"),
    ContactSpec("lhomme", "Sandrine", "Lhomme", "Responsable qualité, sécurité, environnement",
                "pta"),
    # Financeurs
    ContactSpec("carrez", "Benoît", "Carrez", "Chargé de mission mobilités rurales", "region"),
    ContactSpec("moreau", "Delphine", "Moreau", "Cheffe du service insertion et mobilité",
                "departement"),
    ContactSpec("lefevre", "Arnaud", "Lefèvre", "Chargé de la DSIL, bureau du développement "
                "local", "etat"),
    ContactSpec("barbier", "Hélène", "Barbier", "Ingénieure transport et mobilité", "ademe"),
    ContactSpec("roy", "Mathieu", "Roy", "Chargé de développement territorial", "bdt"),
    # Consultants
    ContactSpec("duval", "Clara", "Duval", "Consultante en logistique urbaine", "logicites",
                mobile=True),
    ContactSpec("fabre", "Romain", "Fabre", "Directeur d'études", "mobiterr"),
)

# Axes: key, parent key, code, title, description.
AXES: tuple[tuple[str, str | None, str, str, str], ...] = (
    ("1", None, "1", "Organiser une logistique urbaine durable",
     "Apaiser les livraisons en centre-bourg et décarboner le transport de marchandises."),
    ("1A", "1", "1.A", "Aires et horaires de livraison",
     "Réglementation, aires de livraison et espaces logistiques de proximité."),
    ("1B", "1", "1.B", "Véhicules, transporteurs et planification",
     "Accompagner la transition des flottes et inscrire la logistique dans le PLUi."),
    ("2", None, "2", "Développer une mobilité solidaire",
     "Plan d'action commun en faveur de la mobilité solidaire avec le Département et la "
     "Région : aucun habitant sans solution pour se rendre à l'emploi, à la formation ou "
     "aux soins."),
    ("3", None, "3", "Une collectivité exemplaire et une gouvernance partagée",
     "Animer la charte, montrer l'exemple et évaluer les résultats."),
)


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due: int
    done: bool


@dataclass(frozen=True)
class FundingSpec:
    funder: str
    amount: str
    state: FundingState
    note: str = ""


@dataclass(frozen=True)
class ActionSpec:
    code: str
    axis: str
    title: str
    description: str
    status: ActionStatus
    priority: Priority | None
    pilot: str
    copilots: tuple[str, ...]
    partners: tuple[str, ...]
    policies: tuple[str, ...]
    start: int
    end: int
    progress: int
    budget: tuple[str, str, str]  # planned, committed, spent (euros)
    scores: tuple[int, int, int, int, int]  # facilité, rapidité, volonté, partenaires, opportunité
    milestones: tuple[MilestoneSpec, ...] = ()
    fundings: tuple[FundingSpec, ...] = ()
    notes: tuple[tuple[int, str], ...] = ()
    from_milestones: bool = False


_M = MilestoneSpec
_F = FundingSpec
_S = ActionStatus
_P = Priority
_FS = FundingState

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "1.1", "1A", "Élaborer et mettre en œuvre le plan aires de livraison du centre-bourg",
        "Recenser les aires existantes, les réaménager et les signaler pour qu'elles servent "
        "vraiment aux livraisons : dimensions, marquage, panneaux, arrêts minute devant les "
        "commerces de proximité. Action « facile et rapide » choisie pour lancer la charte.",
        _S.DONE, _P.HIGH, "roussel", ("boillot", "petitjean"),
        ("st_aubin", "cci", "ucas", "mercier"), ("PDM",), -420, -90, 100,
        ("38000", "36500", "36240.50"), (3, 3, 3, 2, 1),
        (_M("Relevé de terrain des 22 aires existantes", -380, True),
         _M("Concertation avec les commerçants et les transporteurs", -300, True),
         _M("Arrêté municipal de réaménagement des aires", -200, True),
         _M("Travaux de marquage et de signalétique", -100, True)),
        (_F("region", "12000", _FS.PAID, "Fonds régional de revitalisation des centres-bourgs"),),
        ((-385, "Relevé des aires réalisé avec la police municipale : 9 aires sur 22 sont "
                "occupées en permanence par des voitures en stationnement."),
         (-95, "Réception des travaux : 14 aires réaménagées, dont deux arrêts minute devant "
               "la boulangerie et la pharmacie de la Grande Rue.")),
    ),
    ActionSpec(
        "1.2", "1A", "Harmoniser les horaires de livraison et les arrêtés de circulation",
        "Proposer aux communes des plages horaires de livraison communes et un modèle "
        "d'arrêté, pour que les transporteurs trouvent les mêmes règles d'un bourg à l'autre.",
        _S.IN_PROGRESS, _P.HIGH, "boillot", ("roussel",),
        ("st_aubin", "villers", "granges", "ucas", "fedtrans", "mercier", "express"), ("PDM",),
        -300, -45, 60, ("6000", "2400", "2400"), (2, 2, 2, 3, 0),
        (_M("Inventaire des arrêtés de circulation des 14 communes", -240, True),
         _M("Proposition de plages horaires harmonisées (groupe projet)", -95, True),
         _M("Adoption des arrêtés harmonisés par les communes", -45, False)),
        (),
        ((-238, "Inventaire terminé : 11 communes ont un arrêté, aux horaires tous différents "
                "(de 6 h–10 h à 7 h 30–11 h 30)."),
         (-50, "Deux communes demandent un délai supplémentaire pour délibérer : l'échéance "
               "ne sera pas tenue.")),
    ),
    ActionSpec(
        "1.3", "1A", "Expérimenter un espace logistique de proximité à Saint-Aubin",
        "Étudier puis ouvrir à titre expérimental un espace de réception et de distribution "
        "des colis en centre-bourg, d'où partent les livraisons du dernier kilomètre à pied, "
        "en vélo cargo ou en véhicule électrique.",
        _S.TO_START, _P.MEDIUM, "monnier", ("roussel", "duval"),
        ("coursiers", "cci", "marche", "logicites"), ("PCAET", "PLU(i)"),
        60, 540, 0, ("180000", "0", "0"), (1, 1, 2, 2, 3),
        (_M("Dépôt de la candidature à l'appel à projets de l'ADEME", 45, False),
         _M("Étude de faisabilité et choix du site", 150, False),
         _M("Ouverture de l'espace à titre expérimental", 420, False)),
        (_F("ademe", "72000", _FS.REQUESTED, "Appel à projets logistique urbaine"),
         _F("bdt", "25000", _FS.REQUESTED, "Cofinancement de l'étude de faisabilité")),
    ),
    ActionSpec(
        "1.4", "1B", "Accompagner transporteurs et artisans vers des utilitaires à faibles "
        "émissions",
        "Aide de 1 500 à 4 000 € par véhicule utilitaire électrique, au GNV ou au "
        "bioGNV, conseil individuel avec la CMA et journée d'essai de véhicules.",
        _S.IN_PROGRESS, _P.HIGH, "monnier", ("tissot",),
        ("cma", "fedtrans", "garage", "mercier"), ("PCAET", "CRTE"),
        -330, 400, 45, ("120000", "64000", "41250"), (2, 1, 3, 2, 3),
        (_M("Règlement d'aide adopté en conseil communautaire", -280, True),
         _M("Premier comité d'attribution des aides", -110, True),
         _M("Bilan à mi-parcours : 20 véhicules aidés", 60, False),
         _M("Dernier comité d'attribution", 380, False)),
        (_F("region", "40000", _FS.GRANTED, "Convention signée, versement sur justificatifs"),
         _F("etat", "30000", _FS.PAID, "DSIL")),
        ((-60, "Journée d'essai de véhicules utilitaires électriques sur le parking de la "
               "CMA : 37 artisans présents, 9 demandes d'aide déposées dans le mois."),),
    ),
    ActionSpec(
        "1.5", "1A", "Développer la cyclologistique pour le dernier kilomètre",
        "Tester puis pérenniser des livraisons en vélo cargo pour les commerces de la Grande "
        "Rue et les services de la collectivité.",
        _S.SUSPENDED, _P.MEDIUM, "roussel", ("perrin",), ("coursiers", "velo", "ucas"),
        ("PDM", "PCAET"), -200, 300, 20, ("45000", "8000", "3600"), (2, 2, 1, 2, 1),
        (_M("Test de livraisons en vélo cargo avec trois commerçants", -150, True),
         _M("Convention avec un opérateur de cyclologistique", -30, False)),
        (),
        ((-148, "Test concluant : 412 livraisons en six semaines, aucun incident, "
                "commerçants satisfaits."),
         (-60, "L'opérateur pressenti réorganise son activité et ne peut pas poursuivre "
               "l'expérimentation dans l'immédiat.")),
    ),
    ActionSpec(
        "1.6", "1B", "Intégrer la logistique urbaine dans le PLUi",
        "Orientation d'aménagement et de programmation « logistique », règles sur les aires "
        "de livraison dans les opérations nouvelles, réserve foncière pour un espace logistique.",
        _S.IN_PROGRESS, _P.MEDIUM, "bourgeois", ("grandjean", "chauvin"),
        ("ddt", "scot", "mobiterr"), ("PLU(i)", "SCoT", "PDM"),
        -250, 330, 35, ("15000", "15000", "6000"), (1, 0, 2, 1, 2),
        (_M("Note d'enjeux logistiques pour le diagnostic du PLUi", -100, True),
         _M("Transmission des propositions d'OAP « logistique » au bureau d'études", -20, False),
         _M("Intégration au projet de PLUi arrêté", 300, False)),
    ),
    ActionSpec(
        "2.1", "2", "Créer une plateforme de mobilité solidaire avec les acteurs de l'insertion",
        "Un guichet unique pour les personnes sans solution de mobilité : diagnostic "
        "individuel, conseil, prêt de véhicule, aide au permis, orientation vers le transport "
        "solidaire et la location de vélos.",
        _S.IN_PROGRESS, _P.HIGH, "bourgeois", ("moreau", "ouali"),
        ("mobil", "mission_locale", "departement", "region", "collectif_tad"), ("PDM", "CRTE"),
        -280, 450, 40, ("95000", "52000", "28700"), (2, 1, 3, 3, 2),
        (_M("Recensement des solutions de mobilité existantes", -150, True),
         _M("Recrutement du conseiller en mobilité", 30, False),
         _M("Convention de partenariat avec le Département et la Mission locale", 40, False),
         _M("Ouverture du guichet unique de la mobilité solidaire", 150, False)),
        (_F("departement", "30000", _FS.GRANTED,
            "Plan d'action commun en faveur de la mobilité solidaire"),
         _F("region", "20000", _FS.PAID, "Acompte de 50 %"),
         _F("bdt", "15000", _FS.REQUESTED, "Ingénierie : dossier déposé")),
    ),
    ActionSpec(
        "2.2", "2", "Déployer un transport solidaire assuré par des chauffeurs bénévoles",
        "Trajets vers les soins, les démarches et les courses pour les habitants sans "
        "voiture, assurés par des chauffeurs bénévoles indemnisés au kilomètre.",
        _S.DONE, _P.HIGH, "cart", ("le_goff", "haddad"), ("mobil", "villers", "granges"),
        ("PDM",), -400, -150, 100, ("12000", "12000", "11860"), (3, 3, 2, 3, 1),
        (_M("Recrutement de 15 chauffeurs bénévoles", -330, True),
         _M("Lancement du service sur 5 communes pilotes", -250, True),
         _M("Extension du service aux 14 communes", -160, True)),
        (_F("departement", "6000", _FS.PAID),),
        ((-245, "Premier mois : 61 trajets, dont 38 vers des rendez-vous médicaux."),),
    ),
    ActionSpec(
        "2.3", "2", "Proposer des vélos à assistance électrique en location solidaire",
        "Location de longue durée à 10 € par mois (3 € pour les bénéficiaires de minima "
        "sociaux), avec remise en selle et entretien assurés par l'association Vélo Aubrance.",
        _S.IN_PROGRESS, _P.MEDIUM, "perrin", ("haddad",),
        ("velo", "mission_locale", "conseil_citoyen"), ("PDM", "PCAET"),
        -160, 200, 55, ("54000", "48000", "30150.80"), (2, 2, 2, 2, 2),
        (_M("Achat de 30 vélos à assistance électrique", -100, True),
         _M("Ouverture des locations à tarif solidaire", -60, True),
         _M("Bilan de la première saison", 120, False)),
        (_F("ademe", "18000", _FS.GRANTED, "Programme de soutien aux mobilités actives"),),
    ),
    ActionSpec(
        "2.4", "2", "Mettre en place un autopartage entre communes",
        "Voitures partagées en libre-service dans les bourgs-centres, réservables en ligne.",
        _S.ABANDONED, _P.LOW, "haddad", (), ("villers", "granges"), ("PDM",),
        -350, -30, 15, ("30000", "0", "0"), (1, 1, 1, 0, 0),
        (_M("Étude d'opportunité", -250, True),),
        (),
        ((-240, "Étude d'opportunité : moins de 40 utilisateurs potentiels hors de "
                "Saint-Aubin, pour un coût de 28 000 € par an."),),
    ),
    ActionSpec(
        "2.5", "2", "Accompagner les employeurs dans leurs plans de mobilité employeur",
        "Aider les trois principaux employeurs à établir un plan de mobilité employeur : "
        "enquête auprès des salariés, covoiturage, horaires décalés, forfait mobilités durables.",
        _S.TO_START, _P.LOW, "roussel", ("bouveret",), ("laiterie", "hopital", "pta", "cci"),
        ("PDM",), -120, -10, 0, ("8000", "0", "0"), (2, 1, 1, 2, 1),
        (_M("Réunion de lancement avec les trois principaux employeurs", -60, False),),
        (),
        ((-30, "Lancement différé : l'accompagnement des employeurs attend le recrutement du "
               "conseiller en mobilité (action 2.1)."),),
    ),
    ActionSpec(
        "3.1", "3", "Animer le comité des partenaires et la gouvernance de la charte",
        "Secrétariat du COPIL, du COTECH et du comité des partenaires ; lettre d'information "
        "semestrielle ; recueil de nouvelles signatures de la charte.",
        _S.IN_PROGRESS, _P.HIGH, "roussel", ("guyon",), ("cci", "cma", "ucas", "fedtrans"),
        ("CRTE",), -420, 700, 60, ("10000", "4200", "3800"), (3, 3, 3, 3, 0),
        (_M("Installation du COPIL et du COTECH", -400, True),
         _M("Première réunion du comité des partenaires", -160, True),
         _M("Signature de la charte par 20 entreprises", -60, True),
         _M("Deuxième réunion du comité des partenaires", 75, False),
         _M("Bilan à mi-parcours de la charte", 400, False)),
        from_milestones=True,
    ),
    ActionSpec(
        "3.2", "3", "Verdir la flotte de la collectivité et mutualiser les livraisons des services",
        "Remplacer les véhicules les plus anciens par des utilitaires électriques, installer "
        "des bornes au centre technique et regrouper les livraisons internes.",
        _S.IN_PROGRESS, _P.MEDIUM, "droz", ("lambert",), ("st_aubin",), ("PCAET", "CRTE"),
        -300, 600, 25, ("260000", "85000", "62400"), (1, 1, 3, 1, 2),
        (_M("Audit de la flotte (42 véhicules)", -240, True),
         _M("Acquisition de quatre utilitaires électriques", -40, True),
         _M("Installation de six bornes de recharge au centre technique", 90, False)),
        (_F("etat", "52000", _FS.GRANTED, "Fonds vert"),
         _F("ademe", "9600", _FS.PAID, "Bornes de recharge")),
    ),
    ActionSpec(
        "3.3", "3", "Intégrer des clauses logistiques dans les marchés publics",
        "Clauses de livraison groupée et décarbonée dans les marchés de fournitures et de "
        "travaux de la collectivité ; critère d'attribution sur les émissions.",
        _S.TO_START, _P.LOW, "lambert", ("roussel",), ("cci",), ("PCAET",),
        30, 360, 0, ("0", "0", "0"), (2, 2, 2, 1, 0),
        (_M("Guide interne des clauses logistiques", 150, False),
         _M("Premier marché avec une clause de livraison décarbonée", 300, False)),
    ),
    ActionSpec(
        "3.4", "3", "Évaluer la charte et publier un bilan annuel des indicateurs",
        "Tableau de bord des indicateurs de réalisation et de résultat, bilan annuel présenté "
        "au comité des partenaires et publié sur le site de la communauté de communes.",
        _S.TO_START, _P.MEDIUM, "haddad", ("roussel", "fabre"), ("mobiterr",),
        ("PCAET", "PDM"), 20, 420, 0, ("18000", "0", "0"), (2, 2, 2, 1, 1),
        (_M("Choix d'un bureau d'études pour l'évaluation", 40, False),
         _M("Publication du premier bilan annuel de la charte", 110, False)),
        (_F("bdt", "9000", _FS.REQUESTED, "Ingénierie territoriale"),),
    ),
)


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    description: str
    kind: IndicatorKind
    dimension: Dimension
    unit: str
    direction: Direction
    baseline: str
    target: str
    target_days: int  # target date, in days from today
    source: str
    frequency: str
    actions: tuple[str, ...]
    count: int  # number of measurements
    step_months: int  # months between two measurements
    pace: str  # "ahead", "behind", "achieved" or "none" (no measurement yet)
    decimals: int = 0
    last_comment: str = ""


_K = IndicatorKind
_D = Dimension
_UP = Direction.INCREASE
_DOWN = Direction.DECREASE

INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "Aires de livraison réaménagées", "Aires réaménagées et signalées dans le centre-bourg.",
        _K.OUTPUT, _D.OPERATIONAL, "aires", _UP, "0", "14", 200,
        "Services techniques de Saint-Aubin", "Trimestrielle", ("1.1",), 5, 3, "achieved",
        last_comment="Objectif atteint : les 14 aires sont réaménagées.",
    ),
    IndicatorSpec(
        "Part des livraisons effectuées dans les plages horaires",
        "Relevé par la police municipale sur deux matinées de comptage.",
        _K.OUTCOME, _D.OPERATIONAL, "%", _UP, "48", "80", 400,
        "Police municipale (comptages)", "Semestrielle", ("1.2",), 3, 6, "behind",
    ),
    IndicatorSpec(
        "Émissions de gaz à effet de serre du transport de marchandises",
        "Estimation à partir des comptages et de la composition du parc.",
        _K.OUTCOME, _D.ENVIRONMENTAL, "t CO₂e/an", _DOWN, "18400", "15600", 900,
        "Observatoire régional climat-air-énergie", "Annuelle", ("1.4", "3.2"), 3, 12, "ahead",
        last_comment="Donnée provisoire.",
    ),
    IndicatorSpec(
        "Véhicules utilitaires à faibles émissions aidés",
        "Nombre cumulé de véhicules ayant reçu l'aide intercommunale.",
        _K.OUTPUT, _D.ENVIRONMENTAL, "véhicules", _UP, "0", "40", 400,
        "Service du développement économique", "Trimestrielle", ("1.4",), 4, 3, "behind",
    ),
    IndicatorSpec(
        "Concentration moyenne en dioxyde d'azote dans la Grande Rue",
        "Moyenne des tubes passifs posés dans la Grande Rue.",
        _K.OUTCOME, _D.ENVIRONMENTAL, "µg/m³", _DOWN, "28.4", "20.0", 700,
        "Association agréée de surveillance de la qualité de l'air", "Semestrielle",
        ("1.1", "1.2", "1.5"), 4, 6, "behind", decimals=1,
    ),
    IndicatorSpec(
        "Trajets réalisés par le transport solidaire",
        "Trajets assurés par les chauffeurs bénévoles au cours du trimestre.",
        _K.OUTPUT, _D.SOCIAL, "trajets par trimestre", _UP, "0", "450", 500,
        "Mobil'Aubrance", "Trimestrielle", ("2.2",), 6, 3, "ahead",
    ),
    IndicatorSpec(
        "Personnes accompagnées par la plateforme de mobilité solidaire",
        "Personnes ayant bénéficié d'un diagnostic ou d'une solution de mobilité (cumul).",
        _K.OUTCOME, _D.SOCIAL, "personnes", _UP, "0", "150", 450,
        "Mission locale et plateforme de mobilité", "Trimestrielle", ("2.1", "2.3"), 4, 3,
        "behind",
    ),
    IndicatorSpec(
        "Entreprises signataires de la charte", "Nombre cumulé d'entreprises signataires.",
        _K.OUTPUT, _D.ECONOMIC, "entreprises", _UP, "8", "40", 600,
        "Registre des signataires", "Trimestrielle", ("3.1",), 8, 2, "ahead",
    ),
    IndicatorSpec(
        "Taux de vacance commerciale du centre-bourg",
        "Part des cellules commerciales vacantes dans le périmètre de centralité.",
        _K.OUTCOME, _D.ECONOMIC, "%", _DOWN, "14.5", "10.0", 800,
        "CCI — observatoire du commerce", "Semestrielle", ("1.1", "1.3"), 3, 6, "behind",
        decimals=1,
    ),
    IndicatorSpec(
        "Part des véhicules de la flotte intercommunale à faibles émissions",
        "Véhicules électriques, hybrides rechargeables ou au bioGNV sur 42 véhicules.",
        _K.OUTPUT, _D.OPERATIONAL, "%", _UP, "7", "50", 600,
        "Services techniques — parc automobile", "Annuelle", ("3.2",), 0, 12, "none",
    ),
)
# fmt: on
