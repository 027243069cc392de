"""How letters and e-mails name and greet a person: « Mme Claire Moreau », « Madame la
Vice-présidente ». Used by the documents, the e-mail drafts and the contacts import.

The title is the officer's own text (« Présidente », « Vice-président ») and is never
turned feminine or masculine here: only the article (« le », « la », « l' ») follows the
civilité."""

from charte_desktop.db.enums import Civility
from charte_desktop.text import fold

# Abbreviations of French typography: « Mme » without a full stop, « M. » with one.
_ABBREVIATIONS = {Civility.MADAME: "Mme", Civility.MONSIEUR: "M."}
_WORDS = {Civility.MADAME: "Madame", Civility.MONSIEUR: "Monsieur"}
_ARTICLES = {Civility.MADAME: "la", Civility.MONSIEUR: "le"}
# A title beginning with a vowel takes « l' » (« Madame l'Adjointe »); a leading « h »
# may be mute or aspirated, which no rule tells: it keeps the full article.
_VOWELS = frozenset("aeiouy")
# What a spreadsheet's « Civilité » column may hold, folded (case and accents ignored).
_TYPED = {
    "mme": Civility.MADAME, "mme.": Civility.MADAME, "madame": Civility.MADAME,
    "mlle": Civility.MADAME, "mlle.": Civility.MADAME, "mademoiselle": Civility.MADAME,
    "m": Civility.MONSIEUR, "m.": Civility.MONSIEUR, "mr": Civility.MONSIEUR,
    "mr.": Civility.MONSIEUR, "monsieur": Civility.MONSIEUR,
    "": Civility.NONE, "aucune": Civility.NONE, "(aucune)": Civility.NONE,
    "none": Civility.NONE,
}


def civility_abbreviation(civility: Civility) -> str:
    """« Mme », « M. », or "" without a civilité."""
    return _ABBREVIATIONS.get(civility, "")


def formal_name(civility: Civility, first_name: str, last_name: str) -> str:
    """« Mme Claire Moreau », « M. Jean Martin », « Claire Moreau » (no civilité);
    "" when the person has no name at all (a civilité alone names nobody)."""
    name = " ".join(part for part in (first_name.strip(), last_name.strip()) if part)
    if not name:
        return ""
    abbreviation = civility_abbreviation(civility)
    return f"{abbreviation} {name}" if abbreviation else name


def salutation(civility: Civility, title: str = "") -> str:
    """The greeting of a letter, without its comma: « Madame la Vice-présidente »,
    « Monsieur le Président », « Madame », « Monsieur », and « Madame, Monsieur » when
    the civilité is unknown (a title alone cannot tell which article to use)."""
    word = _WORDS.get(civility)
    if word is None:
        return "Madame, Monsieur"
    title = " ".join(title.split())
    if not title:
        return word
    if fold(title[0]) in _VOWELS:
        return f"{word} l'{title}"
    return f"{word} {_ARTICLES[civility]} {title}"


def parse_civility(text: str) -> Civility | None:
    """The civilité a cell or a typed value holds: « Mme », « Madame », « M. »,
    « Monsieur » (case and accents ignored), NONE for an empty cell; None when the text
    is none of these."""
    key = fold(" ".join(text.split()))
    if key in _TYPED:
        return _TYPED[key]
    found = Civility.from_label(text)
    return found if isinstance(found, Civility) else None
