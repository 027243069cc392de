"""Anonymising a person (RGPD, droit à l'effacement) without breaking the history.

After a verified backup, in one transaction: the contact row keeps its id but loses
everything that says who they were (name, e-mail, phone, notes, civility, title,
function, structure, circle — see `person_data.IDENTITY`) and is named « Personne
anonymisée »; every mention of their name or e-mail in free text (minutes, decisions,
notes…) is replaced by « Personne anonymisée ». Memberships, attendances and roles stay,
pointing at the anonymised contact: minutes of held meetings keep their counts and still
export. SQLite's secure_delete wipes the old values from the file's free space.
"""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charte_desktop.db import Database
from charte_desktop.db.models import Base, Contact
from charte_desktop.errors import CharteError
from charte_desktop.services.common import get_or_fail
from charte_desktop.services.person_data import (
    ANONYMOUS_NAME,
    IDENTITY,
    PERSON_LINKS,
    is_anonymous,
)
from charte_desktop.services.person_mentions import (
    Mention,
    find_mentions,
    needles,
    replace_all_mentions,
)


@dataclass
class Anonymised:
    """What anonymising did, for the command line's and the window's report."""

    contact_id: int
    former_name: str
    backup: Path | None  # None on a server: no copy of the person's data on this computer
    cleared: list[str] = field(default_factory=list)  # French labels of emptied fields
    mentions: list[Mention] = field(default_factory=list)
    links_kept: int = 0  # memberships, attendances, roles now pointing at the anonymous
    left: int = 0  # texts still naming them once done (checked after: 0)

    def summary(self) -> list[str]:
        """French lines: what was replaced."""
        lines = [f"« {self.former_name} » (contact n° {self.contact_id}) est devenu·e "
                 f"« {ANONYMOUS_NAME} »."]
        if self.cleared:
            lines.append("Effacé : " + ", ".join(self.cleared) + ".")
        count = len(self.mentions)
        if count:
            lines.append(f"Nom ou courriel remplacé dans {count} texte"
                         f"{'s' if count > 1 else ''} (" + ", ".join(
                             sorted({mention.where for mention in self.mentions})) + ").")
        else:
            lines.append("Son nom et son courriel n'étaient cités dans aucun autre texte.")
        if self.links_kept:
            lines.append(f"{self.links_kept} participation"
                         f"{'s' if self.links_kept > 1 else ''} (instances, réunions, "
                         "actions) conservée"
                         f"{'s' if self.links_kept > 1 else ''} sous « Personne anonymisée » : "
                         "les comptes rendus gardent leurs décomptes.")
        lines.append("Vérifié : son nom et son courriel ne figurent plus dans aucun texte du "
                     "fichier." if not self.left else
                     f"Attention : {self.left} texte(s) les citent encore.")
        if self.backup is not None:
            lines.append(f"Sauvegarde faite avant : « {self.backup} » (elle contient encore "
                         "ses données : à détruire selon vos règles de conservation).")
        else:
            lines.append("Base partagée : aucune copie n'a été faite sur ce poste ; les "
                         "sauvegardes du serveur gardent ses données selon leurs règles de "
                         "conservation.")
        return lines


def is_anonymised(contact: Contact) -> bool:
    return is_anonymous(contact.first_name, contact.last_name, contact.email)


def _refuse_if_read_only(db: Database) -> None:
    if db.read_only:
        from charte_desktop.db.read_only import ReadOnlyFileError, read_only_message

        raise ReadOnlyFileError(read_only_message(
            db.path, db.read_only_reason or "il a été ouvert en lecture seule"))


def check_anonymisable(db: Database, contact_id: int) -> str:
    """The person's full name, or a French refusal (unknown, already anonymous, file
    read-only); nothing is written."""
    _refuse_if_read_only(db)
    with db.session() as session:
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        if is_anonymised(contact):
            raise CharteError(f"Le contact n° {contact_id} est déjà anonymisé : rien à faire.")
        return contact.full_name


def _count_links(session: Session, contact_id: int) -> int:
    total = 0
    for link in PERSON_LINKS:
        table = Base.metadata.tables[link.table]
        total += session.scalar(select(func.count()).select_from(table)
                                .where(table.c[link.column] == contact_id)) or 0
    return total


def anonymise_contact(db: Database, contact_id: int, *,
                      backup_folder: Path | None = None) -> Anonymised:
    """Back the file up, then anonymise contact `contact_id` in one transaction. On a
    server base, no copy is made: it would carry the person's data onto this computer,
    and the transaction is all or nothing."""
    from charte_desktop.db.backups import REASON_MANUAL, chosen_backup_folder, make_backup

    former = check_anonymisable(db, contact_id)
    backup = None if db.server is not None else make_backup(
        db.path, backup_folder or chosen_backup_folder(db.path), reason=REASON_MANUAL)
    with db.session() as session:
        if db.server is None:
            # Overwritten values are wiped from the file's free space, not merely unlinked
            # (a server's own vacuum reclaims its old row versions).
            session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        contact = get_or_fail(session, Contact, contact_id, "Le contact")
        found = needles(contact.first_name, contact.last_name, contact.email)
        report = Anonymised(contact_id, former, backup)
        for column, (label, blank) in IDENTITY.items():
            if getattr(contact, column) not in (blank, None, ""):
                report.cleared.append(label.lower() if column != "last_name" else "nom")
            setattr(contact, column, blank)
        if hasattr(contact, "archived"):
            contact.archived = True
        session.flush()
        report.mentions = replace_all_mentions(session, contact_id, found, ANONYMOUS_NAME)
        report.links_kept = _count_links(session, contact_id)
    with db.session() as session:  # checked once written: every text of every table
        report.left = len(find_mentions(session, 0, found))
    return report
