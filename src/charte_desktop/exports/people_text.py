"""People as the meeting documents name them: formally (« M. Bernard Cuenot,
Président »), in full at a first mention (with function and organisation), greeted
(« Madame la Vice-présidente ») and signing (« La Vice-présidente, Sylvie Marguet »)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from charte_desktop.civility import formal_name, salutation
from charte_desktop.db.enums import Civility
from charte_desktop.text import fold

if TYPE_CHECKING:
    from charte_desktop.db.models import Contact

_ARTICLES = {Civility.MADAME: "La", Civility.MONSIEUR: "Le"}
_VOWELS = frozenset("aeiouy")


def formal(contact: "Contact | None") -> str:
    """« M. Bernard Cuenot, Président », « Mme Inès Haddad » (no title), "" for no one."""
    if contact is None:
        return ""
    name = formal_name(contact.civility, contact.first_name, contact.last_name)
    return f"{name}, {contact.title}" if contact.title else name


def role(contact: "Contact") -> str:
    """The function, or the title when the function does not already begin with it
    (« Vice-présidente chargée des mobilités » says « Vice-présidente » once)."""
    title, function = contact.title.strip(), contact.function.strip()
    if not title:
        return function
    if not function:
        return title
    if fold(function).startswith(fold(title)):
        return function
    return f"{title}, {function}"


def described(contact: "Contact | None") -> str:
    """A first mention: « Mme Sylvie Marguet, Vice-présidente chargée des mobilités,
    Communauté de communes du Val d'Aubrance »."""
    if contact is None:
        return ""
    name = formal_name(contact.civility, contact.first_name, contact.last_name)
    parts = [name, lower_first(role(contact))]
    if contact.organisation is not None:
        parts.append(contact.organisation.name)
    return ", ".join(part for part in parts if part)


def with_organisation(contact: "Contact", separator: str = " – ") -> str:
    """« M. Bernard Cuenot, Président – Communauté de communes… » (lists of people)."""
    text = formal(contact)
    if contact.organisation is not None:
        text += f"{separator}{contact.organisation.name}"
    return text


def lower_first(text: str) -> str:
    """« chargée de mission » inside a sentence; « DGS » and « Président X » stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def greeting(contacts: Iterable["Contact"]) -> str:
    """The letter's greeting, without comma: the one addressee's (« Monsieur le
    Président »), else « Madame » / « Monsieur » when all share a civilité, else
    « Madame, Monsieur » (a letter sent to each member reads to one person)."""
    people = list(contacts)
    if len(people) == 1:
        return salutation(people[0].civility, people[0].title)
    civilities = {person.civility for person in people}
    if civilities == {Civility.MADAME}:
        return "Madame"
    if civilities == {Civility.MONSIEUR}:
        return "Monsieur"
    return "Madame, Monsieur"


def signing_capacity(contact: "Contact") -> str:
    """« La Vice-présidente », « Le Président », « L'Adjointe » (the title, else the
    function, with the article the civilité gives); "" with neither."""
    capacity = (contact.title or contact.function).strip()
    if not capacity:
        return ""
    article = _ARTICLES.get(contact.civility)
    if article is None:
        return capacity
    if fold(capacity[0]) in _VOWELS:
        return f"L'{capacity}"
    return f"{article} {capacity}"
