"""French content of the small demo's governance: bodies, members and meetings.

Contacts are named by the keys of `small_data.CONTACTS`, actions by their codes, dates by
offsets in days from the day the demo is built (meetings then move to the next weekday).
"""

from dataclasses import dataclass

from charte_desktop.db.enums import AttendanceState, BodyKind, MeetingState, MembershipRole

# Tables are laid out by hand, one entry per line or so: keep them compact.
# fmt: off
_CHAIR = MembershipRole.CHAIR
_REFERENT = MembershipRole.REFERENT
_MEMBER = MembershipRole.MEMBER
_GUEST = MembershipRole.PERMANENT_GUEST


@dataclass(frozen=True)
class MemberSpec:
    contact: str
    role: MembershipRole = MembershipRole.MEMBER
    voting: bool = True
    start: int = -420
    end: int | None = None


@dataclass(frozen=True)
class BodySpec:
    key: str
    kind: BodyKind
    name: str
    short: str  # how a journal note names it: "Décision du COTECH du …"
    mission: str
    frequency: str
    quorum: tuple[str, int]  # QuorumRule value, quorum value
    action: str | None
    members: tuple[MemberSpec, ...]


def _members(start: int, role: MembershipRole, *keys: str) -> tuple[MemberSpec, ...]:
    return tuple(MemberSpec(key, role, True, start) for key in keys)


BODIES: tuple[BodySpec, ...] = (
    BodySpec(
        "copil", BodyKind.COPIL, "Comité de pilotage de la charte", "COPIL",
        "Décide des priorités, arbitre les moyens et valide le bilan de la charte. Réunit "
        "les élus concernés par la logistique urbaine et la mobilité.",
        "Deux fois par an", ("share", 50), None,
        (MemberSpec("marguet", _CHAIR), MemberSpec("cuenot"), MemberSpec("faivre"),
         MemberSpec("benali"), MemberSpec("rognon"), MemberSpec("rigoulot"),
         MemberSpec("pernot", end=-150),
         MemberSpec("roussel", _REFERENT, voting=False),
         MemberSpec("guyon", _GUEST, voting=False),
         MemberSpec("bourgeois", _GUEST, voting=False)),
    ),
    BodySpec(
        "cotech", BodyKind.COTECH, "Comité technique de la charte", "COTECH",
        "Suit l'avancement des fiches actions, prépare les décisions du COPIL et coordonne "
        "les services et les partenaires publics.",
        "Tous les deux mois", ("none", 0), None,
        (MemberSpec("bourgeois", _CHAIR), MemberSpec("roussel", _REFERENT),
         *_members(-420, _MEMBER, "monnier", "lambert", "droz", "haddad", "chauvin", "besson",
                   "vernier", "tissot", "boillot", "grandjean")),
    ),
    BodySpec(
        "partners", BodyKind.PARTNERS_COMMITTEE,
        "Comité des partenaires de la logistique et des mobilités", "comité des partenaires",
        "Instance de concertation de la charte et comité des partenaires prévu par la loi "
        "d'orientation des mobilités : informe, consulte et mobilise les acteurs "
        "économiques, les associations, les employeurs, les habitants et les usagers.",
        "Au moins une fois par an", ("count", 10), None,
        (MemberSpec("marguet", _CHAIR, start=-170),
         MemberSpec("roussel", _REFERENT, voting=False, start=-170),
         *_members(-170, _MEMBER, "bourgeois", "chauvin", "vernier", "tissot", "perrin", "cart",
                   "maire", "louvrier", "ouali", "mercier", "chopard", "mougin", "girardot",
                   "cordier", "belkacem", "prost", "simonin", "bouveret", "jeannin", "lhomme"),
         MemberSpec("carrez", _GUEST, voting=False, start=-170),
         MemberSpec("moreau", _GUEST, voting=False, start=-170),
         MemberSpec("barbier", _GUEST, voting=False, start=-170),
         MemberSpec("duval", _GUEST, voting=False, start=-170)),
    ),
    BodySpec(
        "gp_horaires", BodyKind.PROJECT_GROUP,
        "Groupe projet « Horaires et réglementation des livraisons »",
        "groupe projet « Horaires et réglementation des livraisons »",
        "Prépare des plages horaires de livraison harmonisées et un modèle d'arrêté commun.",
        "Selon les besoins de l'action", ("none", 0), "1.2",
        (MemberSpec("boillot", _REFERENT, start=-110),
         *_members(-110, _MEMBER, "roussel", "petitjean", "maire", "mercier", "chopard",
                   "vernier", "louvrier")),
    ),
    BodySpec(
        "gp_solidaire", BodyKind.PROJECT_GROUP,
        "Groupe projet « Plateforme de mobilité solidaire »",
        "groupe projet « Plateforme de mobilité solidaire »",
        "Construit le parcours d'accompagnement et le guichet unique de la mobilité solidaire.",
        "Tous les deux mois", ("none", 0), "2.1",
        (MemberSpec("bourgeois", _REFERENT, start=-90),
         *_members(-90, _MEMBER, "roussel", "moreau", "ouali", "cart", "le_goff", "belkacem",
                   "prost", "haddad")),
    ),
    BodySpec(
        "gp_elp", BodyKind.PROJECT_GROUP,
        "Groupe projet « Espace logistique de proximité »",
        "groupe projet « Espace logistique de proximité »",
        "Prépare l'étude de faisabilité et la candidature à l'appel à projets.",
        "Mensuelle pendant la préparation", ("none", 0), "1.3",
        (MemberSpec("monnier", _REFERENT, start=-40),
         *_members(-40, _MEMBER, "roussel", "mougin", "vernier", "faivre_pierret"),
         MemberSpec("duval", _MEMBER, voting=False, start=-40),
         MemberSpec("barbier", _GUEST, voting=False, start=-40)),
    ),
)


@dataclass(frozen=True)
class ItemSpec:
    title: str
    presenter: str | None
    duration: int
    minutes: str = ""


@dataclass(frozen=True)
class DecisionSpec:
    item: int  # index of the agenda item
    text: str
    action: str | None = None
    vote: str | tuple[int, int, int] | None = None  # "unanimité", or (pour, contre, abst.)


@dataclass(frozen=True)
class FollowUpSpec:
    item: int
    text: str
    owner: str
    due: int  # days from today
    done: bool = False
    action: str | None = None


@dataclass(frozen=True)
class MeetingSpec:
    body: str
    day: int
    hours: tuple[str, str]
    place: str
    state: MeetingState
    items: tuple[ItemSpec, ...]
    # Members who did not simply come: (contact, state, represented by).
    absences: tuple[tuple[str, AttendanceState, str | None], ...] = ()
    guests: tuple[str, ...] = ()  # non-members invited to this meeting
    decisions: tuple[DecisionSpec, ...] = ()
    follow_ups: tuple[FollowUpSpec, ...] = ()
    notes: str = ""


_CONSEIL = "Salle du conseil, Maison de l'intercommunalité, Saint-Aubin-sur-Aubrance"
_SALLE2 = "Salle 2, Maison de l'intercommunalité, Saint-Aubin-sur-Aubrance"
_I = ItemSpec
_Dc = DecisionSpec
_Fu = FollowUpSpec
_EXC = AttendanceState.EXCUSED
_ABS = AttendanceState.ABSENT
_REP = AttendanceState.REPRESENTED
_HELD = MeetingState.HELD
_PLANNED = MeetingState.PLANNED

MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        "copil", -200, ("09:30", "12:00"), _CONSEIL, _HELD,
        (_I("Ouverture de séance et approbation du relevé de décisions précédent", "marguet",
            10, "Sylvie Marguet ouvre la séance et remercie les élus présents. Le quorum est "
            "atteint : cinq membres votants présents sur sept, et un pouvoir.\n\nLe relevé de "
            "décisions du précédent COPIL est approuvé sans modification."),
         _I("Priorisation des actions de la charte", "roussel", 45,
            "Camille Roussel présente la grille de priorisation : chaque fiche action est "
            "notée de 0 à 3 sur cinq critères de même poids.\n"
            "- facilité de mise en œuvre avec les moyens disponibles ;\n"
            "- rapidité des premiers résultats visibles ;\n"
            "- volonté politique ;\n"
            "- souhait des partenaires ;\n"
            "- opportunité (appel à projets, proposition de partenariat).\n\n"
            "Le classement fait ressortir le plan aires de livraison et le transport "
            "solidaire, faciles et attendus. Jean-Luc Faivre souligne l'intérêt de l'aide "
            "aux utilitaires propres, cofinancée par la Région et l'État.\n\n"
            "Les élus souhaitent commencer par une action « facile et rapide », simple et "
            "visible, pour crédibiliser la démarche auprès des partenaires."),
         _I("Étude d'opportunité sur l'autopartage entre communes (action 2.4)", "haddad", 20,
            "Inès Haddad présente les conclusions de l'étude : la demande potentielle hors de "
            "Saint-Aubin est très faible (moins de 40 utilisateurs), pour un coût de "
            "fonctionnement estimé à 28 000 € par an.\n\nHervé Rognon regrette l'abandon "
            "mais reconnaît que le transport solidaire répond mieux aux besoins des "
            "habitants des petites communes."),
         _I("Calendrier des instances et installation du comité des partenaires", "roussel",
            15, "Le comité des partenaires sera installé à l'automne, à Villers-sur-Aubrance, "
            "en soirée pour permettre aux commerçants et aux habitants d'y participer.")),
        absences=(("rigoulot", _EXC, None), ("benali", _REP, "rognon")),
        decisions=(
            _Dc(1, "Les actions 1.1, 1.2, 1.4, 2.1, 2.2 et 3.1 sont déclarées prioritaires.",
                vote="unanimité"),
            _Dc(2, "L'action 2.4 « autopartage entre communes » est abandonnée ; ses moyens sont "
                "reportés sur le transport solidaire (action 2.2).", "2.4", vote=(5, 0, 1)),
            _Dc(3, "Le comité des partenaires sera installé dans les six semaines.", "3.1")),
        follow_ups=(
            _Fu(1, "Diffuser la grille de priorisation validée à tous les pilotes d'actions",
                "roussel", -185, True),
            _Fu(2, "Informer les maires concernés de l'abandon de l'autopartage", "rognon",
                -170, True, "2.4"),
            _Fu(3, "Envoyer les invitations au comité des partenaires", "roussel", -175, True,
                "3.1")),
    ),
    MeetingSpec(
        "partners", -160, ("18:00", "20:30"), "Salle des fêtes de Villers-sur-Aubrance", _HELD,
        (_I("Accueil et tour de table", "marguet", 15,
            "Sylvie Marguet accueille les participants et rappelle l'esprit de la charte : un "
            "engagement volontaire, construit avec les acteurs du territoire.\n\nChaque "
            "participant se présente et indique ce qu'il attend du comité."),
         _I("Présentation de la charte et des actions prioritaires", "roussel", 30,
            "Camille Roussel présente les trois axes de la charte et les six actions "
            "prioritaires retenues par le COPIL.\n\nLes transporteurs saluent le "
            "réaménagement des aires de livraison, déjà engagé dans la Grande Rue."),
         _I("Ateliers : attentes des commerçants, transporteurs, employeurs et usagers",
            "duval", 60,
            "Trois ateliers ont réuni les participants. Principales attentes exprimées :\n"
            "- des horaires de livraison identiques d'une commune à l'autre ;\n"
            "- des aires de livraison respectées, avec des contrôles réguliers ;\n"
            "- une solution de transport pour les salariés en horaires décalés ;\n"
            "- une information claire sur les aides à l'achat de véhicules propres.\n\n"
            "Les représentants des usagers demandent que le transport solidaire soit étendu "
            "à toutes les communes avant la fin de l'année."),
         _I("Engagement des signataires et suites de la démarche", "roussel", 15,
            "La charte est ouverte à la signature. Douze entreprises et associations la "
            "signent en séance ; la CCI se charge de la faire connaître à ses adhérents.")),
        absences=(("chauvin", _REP, "besson"), ("belkacem", _ABS, None),
                  ("jeannin", _EXC, None), ("lhomme", _ABS, None), ("carrez", _EXC, None)),
        guests=("besson",),  # came in Philippe Chauvin's place, holding his proxy
        decisions=(
            _Dc(2, "Le comité des partenaires demande la création d'un groupe projet sur les "
                "horaires de livraison.", "1.2"),
            _Dc(3, "Les signataires se réuniront au moins une fois par an ; un point d'étape "
                "écrit leur sera adressé chaque semestre.", "3.1", vote="unanimité")),
        follow_ups=(
            _Fu(2, "Constituer le groupe projet « Horaires et réglementation des livraisons »",
                "roussel", -120, True, "1.2"),
            _Fu(2, "Transmettre la synthèse des ateliers aux participants", "duval", -140, True),
            _Fu(3, "Recueillir de nouvelles signatures de la charte auprès des entreprises",
                "vernier", -60, True, "3.1")),
    ),
    MeetingSpec(
        "cotech", -120, ("14:00", "16:30"), _SALLE2, _HELD,
        (_I("Avancement des actions prioritaires", "roussel", 40,
            "Tour des fiches actions à partir du tableau de suivi.\n"
            "- 1.1 : travaux de marquage programmés, fin prévue dans trois semaines ;\n"
            "- 1.4 : règlement d'aide adopté, neuf dossiers en cours d'instruction ;\n"
            "- 2.2 : le transport solidaire couvre désormais les quatorze communes ;\n"
            "- 2.1 : recensement des solutions de mobilité en cours avec la Mission locale.\n\n"
            "Les pilotes demandent un modèle commun de fiche de suivi."),
         _I("Aide aux utilitaires à faibles émissions : premiers dossiers", "monnier", 30,
            "Julien Monnier présente les six premiers dossiers complets : quatre artisans, "
            "un transporteur et un commerçant, pour 21 000 € d'aides.\n\nKarine Tissot "
            "propose d'organiser une journée d'essai de véhicules avec la CMA."),
         _I("Contribution au diagnostic du PLUi : enjeux de logistique urbaine", "bourgeois",
            30, "Aurélie Bourgeois rappelle le calendrier du PLUi. Laure Besson (DDT) "
            "recommande une orientation d'aménagement et de programmation dédiée aux "
            "livraisons et aux espaces logistiques.\n\nLe syndicat du SCoT, absent, sera "
            "associé à la rédaction de la note d'enjeux."),
         _I("Questions diverses", None, 10,
            "Aucune question diverse n'est soulevée.")),
        absences=(("lambert", _EXC, None), ("grandjean", _ABS, None), ("tissot", _EXC, None)),
        decisions=(
            _Dc(0, "Les pilotes mettent à jour le tableau de suivi avant chaque COTECH."),
            _Dc(1, "Les six premiers dossiers d'aide sont proposés au comité d'attribution, "
                "pour 21 000 € au total.", "1.4")),
        follow_ups=(
            _Fu(0, "Diffuser un modèle commun de fiche de suivi aux pilotes", "roussel", -100,
                True, "3.1"),
            _Fu(1, "Préparer les arrêtés d'attribution des six premières aides", "monnier", -110,
                True, "1.4"),
            _Fu(2, "Rédiger la note d'enjeux logistiques pour le bureau d'études du PLUi",
                "bourgeois", -100, False, "1.6")),
    ),
    MeetingSpec(
        "gp_horaires", -95, ("09:00", "11:00"), "Salle des mariages, hôtel de ville de "
        "Saint-Aubin-sur-Aubrance", _HELD,
        (_I("Inventaire des arrêtés de circulation et des horaires de livraison", "boillot", 30,
            "Didier Boillot présente l'inventaire : onze communes sur quatorze ont un arrêté, "
            "avec des plages horaires toutes différentes.\n\nTrois communes n'ont aucune "
            "règle, ce qui reporte les livraisons sur les heures d'entrée et de sortie des "
            "écoles."),
         _I("Contraintes des transporteurs et des commerçants", "louvrier", 45,
            "Patrick Louvrier rappelle que les tournées commencent tôt et que les chauffeurs "
            "ne peuvent pas respecter quatorze règlements différents.\n"
            "- les commerçants veulent être livrés avant l'ouverture ;\n"
            "- les transporteurs demandent une tolérance pour les véhicules électriques ;\n"
            "- la police municipale souhaite des règles simples à contrôler.\n\n"
            "Chantal Maire insiste sur le respect des aires de livraison le samedi."),
         _I("Proposition de plages horaires harmonisées", "roussel", 30,
            "Le groupe projet s'accorde sur une proposition commune, qui sera soumise aux "
            "conseils municipaux avec un modèle d'arrêté.")),
        absences=(("mercier", _ABS, None),),
        decisions=(
            _Dc(2, "Le groupe projet propose des livraisons libres de 6 h à 11 h et de 14 h à "
                "16 h dans les centres-bourgs, avec une tolérance pour les véhicules "
                "électriques.", "1.2"),),
        follow_ups=(
            _Fu(2, "Rédiger un modèle d'arrêté de circulation commun aux communes", "boillot",
                -70, True, "1.2"),
            _Fu(0, "Relancer les communes qui n'ont pas délibéré sur les horaires de "
                "livraison", "roussel", -25, False, "1.2"),
            _Fu(1, "Recenser les aires de livraison occupées hors des plages horaires",
                "petitjean", 20, False, "1.2")),
    ),
    MeetingSpec(
        "gp_solidaire", -70, ("14:00", "16:00"), "Mission locale du Val d'Aubrance, salle de "
        "réunion", _HELD,
        (_I("Recensement des solutions de mobilité existantes", "ouali", 30,
            "Samia Ouali présente la carte des solutions existantes : transport solidaire, "
            "transport à la demande, garage solidaire, aide au permis.\n\nLes jeunes "
            "suivis par la Mission locale citent d'abord l'absence de solution le matin "
            "avant 7 h."),
         _I("Parcours d'accompagnement : du diagnostic mobilité au guichet unique", "moreau",
            40, "Delphine Moreau présente le parcours prévu par le plan d'action commun :\n"
            "- un diagnostic mobilité réalisé par un conseiller ;\n"
            "- une orientation vers la solution adaptée ;\n"
            "- un suivi à trois mois.\n\n"
            "Odile Prost témoigne de la difficulté de trouver l'information quand on n'a pas "
            "internet."),
         _I("Profil de poste du conseiller en mobilité", "bourgeois", 20,
            "Le profil de poste est relu en séance ; le poste sera cofinancé par le "
            "Département.")),
        absences=(("le_goff", _EXC, None),),
        decisions=(
            _Dc(1, "Le guichet unique sera hébergé à la Mission locale, avec une permanence "
                "hebdomadaire dans deux bourgs-centres.", "2.1"),
            _Dc(2, "Le profil de poste du conseiller en mobilité est validé ; le recrutement "
                "est lancé.", "2.1")),
        follow_ups=(
            _Fu(2, "Publier l'offre d'emploi de conseiller en mobilité", "bourgeois", -50, True,
                "2.1"),
            _Fu(1, "Finaliser la convention de partenariat avec le Département et la Mission "
                "locale", "bourgeois", 10, False, "2.1"),
            _Fu(0, "Mettre à jour la carte des solutions de mobilité", "cart", -15, False)),
    ),
    MeetingSpec(
        "cotech", -40, ("14:00", "16:30"), _SALLE2, _HELD,
        (_I("Point d'avancement des actions et actions en retard", "roussel", 45,
            "Le tableau de suivi fait apparaître deux actions en retard.\n"
            "- 1.2 : deux communes n'ont pas encore délibéré sur les horaires de livraison ;\n"
            "- 1.6 : les propositions d'OAP sont attendues par le bureau d'études du PLUi.\n\n"
            "Les autres actions avancent conformément au calendrier ; le plan aires de "
            "livraison (1.1) est achevé."),
         _I("Suspension de l'expérimentation de cyclologistique (action 1.5)", "roussel", 20,
            "L'opérateur pressenti réorganise son activité et ne peut pas reprendre les "
            "livraisons avant plusieurs mois.\n\nClara Duval indique que d'autres "
            "territoires ont fait appel à une association d'insertion dans ce cas."),
         _I("Verdissement de la flotte : livraison des premiers utilitaires électriques",
            "droz", 20,
            "Marc Droz annonce la livraison de quatre utilitaires électriques. Les bornes "
            "de recharge du centre technique seront installées au printemps."),
         _I("Préparation du prochain COPIL", "bourgeois", 15,
            "Le prochain COPIL fera le bilan d'étape de la charte et arbitrera les moyens "
            "de l'exercice suivant.")),
        absences=(("chauvin", _REP, "besson"), ("grandjean", _EXC, None)),
        guests=("duval",),
        decisions=(
            _Dc(0, "Les communes qui n'ont pas délibéré sur les horaires de livraison seront "
                "relancées par la vice-présidente ; point au prochain COTECH.", "1.2"),
            _Dc(1, "L'action 1.5 est suspendue jusqu'à la reprise d'activité de l'opérateur ; "
                "le budget non engagé est conservé.", "1.5"),
            _Dc(2, "Les quatre utilitaires électriques sont affectés aux services techniques "
                "et au portage de repas.", "3.2")),
        follow_ups=(
            _Fu(0, "Préparer le courrier de relance aux maires, à la signature de la "
                "vice-présidente", "roussel", -30, True, "1.2"),
            _Fu(1, "Informer les commerçants du test de la suspension du service", "roussel", -5,
                False, "1.5"),
            _Fu(2, "Demander le versement de l'aide aux bornes de recharge", "lambert", 25,
                False, "3.2"),
            _Fu(3, "Préparer le dossier du COPIL : bilan d'étape et arbitrages budgétaires",
                "roussel", 28, False)),
    ),
    MeetingSpec(
        "gp_elp", -20, ("10:00", "12:00"), _SALLE2, _HELD,
        (_I("Retours d'expérience d'espaces logistiques de proximité", "duval", 40,
            "Clara Duval présente trois espaces logistiques ouverts dans des villes de "
            "10 000 à 30 000 habitants.\n"
            "- surface utile de 150 à 300 m² ;\n"
            "- équilibre économique atteint en trois ans, avec un soutien public au "
            "démarrage ;\n"
            "- clé du succès : un opérateur local et l'engagement des commerçants."),
         _I("Sites potentiels à Saint-Aubin", "monnier", 30,
            "Julien Monnier présente quatre sites. Deux sont retenus pour leur accessibilité "
            "et leur coût : l'ancienne halle de la gare et un local vacant de la rue des "
            "Tanneurs."),
         _I("Montage du dossier de candidature à l'appel à projets", "roussel", 30,
            "Le dossier doit être déposé dans six semaines. Hélène Barbier (ADEME) précise "
            "les dépenses éligibles et le taux d'aide.")),
        absences=(("faivre_pierret", _EXC, None),),
        decisions=(
            _Dc(1, "L'étude de faisabilité portera sur deux sites : l'ancienne halle de la "
                "gare et le local vacant de la rue des Tanneurs.", "1.3"),
            _Dc(2, "La candidature à l'appel à projets de l'ADEME sera déposée avant "
                "l'échéance.", "1.3")),
        follow_ups=(
            _Fu(0, "Transmettre les retours d'expérience aux membres du groupe projet", "duval",
                -15, True),
            _Fu(1, "Obtenir l'accord de principe du propriétaire de l'ancienne halle",
                "monnier", -5, False, "1.3"),
            _Fu(2, "Rédiger la note de présentation du projet pour la candidature", "duval", 10,
                False, "1.3")),
    ),
    MeetingSpec(
        "gp_horaires", -12, ("09:00", "11:00"), "Salle des mariages, hôtel de ville de "
        "Saint-Aubin-sur-Aubrance", MeetingState.CANCELLED,
        (_I("Point sur les délibérations des communes", "boillot", 30),),
        notes="Séance annulée : la plupart des transporteurs étaient excusés en période de "
        "forte activité. Nouvelle date à fixer après le prochain COTECH.",
    ),
    MeetingSpec(
        "cotech", 12, ("14:00", "16:30"), _SALLE2, _PLANNED,
        (_I("Relevé de décisions du COTECH précédent et suites à donner", "roussel", 15),
         _I("Horaires de livraison : état des délibérations des communes (action 1.2)",
            "boillot", 20),
         _I("Candidature à l'appel à projets pour l'espace logistique de proximité (1.3)",
            "monnier", 30),
         _I("Préparation du COPIL : bilan d'étape et arbitrages budgétaires", "bourgeois", 30),
         _I("Questions diverses", None, 10)),
    ),
    MeetingSpec(
        "copil", 35, ("09:30", "12:00"), _CONSEIL, _PLANNED,
        (_I("Bilan d'étape de la charte : actions, indicateurs et budget", "roussel", 40),
         _I("Arbitrages budgétaires pour l'exercice suivant", "faivre", 30),
         _I("Intégration de la logistique urbaine dans le PLUi", "benali", 25),
         _I("Date et ordre du jour du prochain comité des partenaires", "marguet", 10)),
    ),
    MeetingSpec(
        "partners", 75, ("18:00", "20:30"), "Salle polyvalente des Granges-Vernier", _PLANNED,
        (_I("Bilan annuel de la charte", "marguet", 30),
         _I("Témoignages : livraisons du centre-bourg et transport solidaire", "maire", 30),
         _I("Nouveaux signataires de la charte", "vernier", 15),
         _I("Ateliers : priorités pour l'année à venir", "duval", 60)),
    ),
)
# fmt: on
