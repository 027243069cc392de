"""The words of a convocation's or minutes' e-mail, written once as blocks and rendered
twice: plain text (what every mail program can show) and HTML (what most show), with
the officer's signature taken from Paramètres."""

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charte_desktop.exports.meeting_document import when_text
from charte_desktop.formatting import format_long_date

if TYPE_CHECKING:
    from charte_desktop.db.models import Meeting, Territory

# A block: ("p", text) a paragraph, ("ol", items) a numbered list, ("ul", items) a list.
Block = tuple[str, str | tuple[str, ...]]


@dataclass(frozen=True)
class Officer:
    """Who sends the e-mail and whom partners answer: the officer of Paramètres."""

    name: str = ""
    function: str = ""
    collectivity: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, territory: "Territory | None") -> "Officer":
        if territory is None:
            return cls()
        return cls(territory.officer_name.strip(), territory.officer_function.strip(),
                   territory.name.strip(), territory.officer_phone.strip(),
                   territory.officer_email.strip())

    def signature_lines(self) -> list[str]:
        """Name, function, collectivité, phone, e-mail: those that are known."""
        phone = f"Tél.\u00a0: {self.phone}" if self.phone else ""
        return [line for line in (self.name, self.function, self.collectivity, phone,
                                  self.email) if line]


def blocks(kind: str, meeting: "Meeting", officer: Officer) -> list[Block]:
    """The message, from « Madame, Monsieur, » to « Bien cordialement, »."""
    body = meeting.body.name
    found: list[Block] = [("p", "Madame, Monsieur,")]
    if kind == "convocation":
        where = f", {meeting.place}" if meeting.place else ""
        found.append(("p", f"Vous êtes invité·e à la réunion du {body}, le "
                           f"{when_text(meeting)}{where}."))
        if meeting.agenda_items:
            found += [("p", "Ordre du jour :"),
                      ("ol", tuple(item.title for item in meeting.agenda_items))]
        # Whom to warn, now that the officer's phone is known: no more « le secrétariat »
        # that the partner must look up.
        reach = f" ou au {officer.phone}" if officer.phone else ""
        found.append(("p", "Vous trouverez la convocation en pièce jointe. En cas "
                           f"d'empêchement, merci de nous prévenir en réponse à ce message"
                           f"{reach} et, le cas échéant, de vous faire représenter."))
    else:
        found.append(("p", f"Vous trouverez en pièce jointe le compte rendu de la réunion du "
                           f"{body} du {format_long_date(meeting.date)}."))
        if meeting.decisions:
            found += [("p", "Décisions prises :"),
                      ("ul", tuple(decision.text for decision in meeting.decisions))]
        found.append(("p", "Vos remarques éventuelles sont les bienvenues en réponse à ce "
                           "message."))
    found.append(("p", "Bien cordialement,"))
    return found


def plain_text(parts: list[Block], officer: Officer) -> str:
    lines: list[str] = []
    for tag, content in parts:
        if lines and not (tag in ("ol", "ul") and lines[-1].endswith(" :")):
            lines.append("")
        if isinstance(content, str):
            lines.append(content)
        elif tag == "ol":
            lines += [f"{number}. {item}" for number, item in enumerate(content, start=1)]
        else:
            lines += [f"- {item}" for item in content]
    signature = officer.signature_lines()
    if signature:
        lines += ["", *signature]
    return "\n".join(lines) + "\n"


_STYLE = "font-family: Calibri, Arial, sans-serif; font-size: 11pt;"


def html_text(parts: list[Block], officer: Officer) -> str:
    """The same message as HTML: paragraphs, lists, the signature with its links."""
    out = ["<!DOCTYPE html>", '<html lang="fr">', '<head><meta charset="utf-8"></head>',
           f'<body style="{_STYLE}">']
    for tag, content in parts:
        if isinstance(content, str):
            out.append(f"<p>{_escape(content)}</p>")
        else:
            items = "".join(f"<li>{_escape(item)}</li>" for item in content)
            out.append(f"<{tag}>{items}</{tag}>")
    signature = officer.signature_lines()
    if signature:
        lines = []
        for line in signature:
            if line == officer.email:
                address = html.escape(line, quote=True)
                lines.append(f'<a href="mailto:{address}">{address}</a>')
            elif line == officer.name:
                lines.append(f"<strong>{_escape(line)}</strong>")
            else:
                lines.append(_escape(line))
        out.append(f'<p style="color: #444444;">{"<br>".join(lines)}</p>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    """Text as HTML: markup characters escaped, line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "<br>")
