"""Two mail headers written by hand, because Python's folding of them is not safe to send.

- Addresses: Python folds a long To header by cutting a name inside a word
  ("=?utf-8?q?Aur=C3=A9?= =?utf-8?q?lie?="); that is legal, yet some readers (Python's own
  parser among them) then show "Auré lie". Here each accented name is one encoded word,
  and the list breaks only between addresses.
- Attachment name: the standard file name (RFC 2231, kept in Content-Disposition) is not
  read by every Outlook, which then shows "ATT00001.dat"; Content-Type also gets the
  encoded-word `name` those versions read (what most mail programs send).

The values are set with `Message.set_raw` and written with `refold_source="none"`, so the
email package stores them exactly as made here.
"""

import base64
import re
from collections.abc import Iterable

FOLD = "\r\n "
_ATOM = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*")  # atext and spaces: no quoting
_MAX_ENCODED_BYTES = 45  # "=?utf-8?b?" + base64 of 45 bytes + "?=" = 72 characters


def encoded_words(text: str) -> list[str]:
    """`text` as base64 encoded words (RFC 2047) of at most 75 characters each, never
    cutting a character; readers join adjacent encoded words without the space."""
    chunks: list[bytes] = [b""]
    for char in text:
        data = char.encode("utf-8")
        if len(chunks[-1]) + len(data) > _MAX_ENCODED_BYTES:
            chunks.append(b"")
        chunks[-1] += data
    return [f"=?utf-8?b?{base64.b64encode(chunk).decode('ascii')}?=" for chunk in chunks]


def phrase(name: str) -> str:
    """A display name as RFC 5322 words: plain, quoted, or encoded when accented."""
    name = " ".join(name.split())
    if not name.isascii():
        return " ".join(encoded_words(name))
    if _ATOM.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def address_list(addresses: Iterable[tuple[str, str]]) -> str:
    """(display name, e-mail) pairs as a To value, one address per line."""
    return ("," + FOLD).join(f"{phrase(name)} <{email}>" if name else email
                             for name, email in addresses)


def attachment_type(mime_type: str, file_name: str) -> str:
    """A Content-Type value naming the file for mail programs that ignore RFC 2231."""
    if file_name.isascii() and '"' not in file_name and "\\" not in file_name:
        return f'{mime_type};{FOLD}name="{file_name}"'
    return f'{mime_type};{FOLD}name="{FOLD.join(encoded_words(file_name))}"'
