"""The privacy rule: no e-mail addresses or telephone numbers in published text, except the organisation's
own public contacts (``organisation.public_contacts``) and ``organisation.contact``.

A telephone number is 10 to 15 digits, perhaps after a ``+``, with spaces, hyphens or brackets between them.
Runs of digits are measured whole, so a longer number (an account or reference number) or a date is not
mistaken for a phone number, and a number is not missed by starting the match in its middle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.UNICODE)
MAILTO_RE = re.compile(r"mailto:([^\s)\"'>\]]*)", re.IGNORECASE)
_RUN_RE = re.compile(r"\+?[(\[]?\d(?:[ \u00a0\-()\[\]]*\d)*")
_DIGITS = re.compile(r"\d")
_TEN_DIGITS = re.compile(r"\d(?:[ \u00a0\-()\[\]]*\d){9}")
"""Ten digits with only separators between: every phone number has them (a quick test before the full one)."""


@dataclass(frozen=True)
class Found:
    kind: str  # "e-mail address" or "phone number"
    text: str
    start: int

    @property
    def masked(self) -> str:
        """The finding with most of it hidden, so error logs do not repeat personal data."""
        if self.kind == "e-mail address":
            text = self.text[7:] if self.text.lower().startswith("mailto:") else self.text
            local, _, domain = text.partition("@")
            return f"{local[:1]}…@{domain}" if domain else f"mailto:{text[:1]}…"
        digits = "".join(_DIGITS.findall(self.text))
        return f"{digits[:4]}…{digits[-2:]}"


def _phone_key(text: str) -> str:
    digits = "".join(_DIGITS.findall(text))
    if digits.startswith("44") and text.strip().startswith("+"):
        digits = "0" + digits[2:]  # +44 161 ... and 0161 ... are the same UK number
    return digits


class PrivacyRule:
    """Finds personal contact details in text, allowing the organisation's listed public contacts."""

    def __init__(self, public_contacts: list[str] | tuple[str, ...] = ()):
        self.emails = set()
        self.phones = set()
        for contact in public_contacts:
            for m in EMAIL_RE.finditer(contact):
                self.emails.add(m.group(0).lower())
            for run in _RUN_RE.finditer(contact):
                if 10 <= len(_DIGITS.findall(run.group(0))) <= 15:
                    self.phones.add(_phone_key(run.group(0)))

    def find(self, text: str) -> list[Found]:
        """Every contact detail in ``text`` that is not one of the public contacts."""
        found: list[Found] = []
        if "@" in text or (":" in text and "mailto:" in text.lower()):
            emails = []
            for m in EMAIL_RE.finditer(text):
                emails.append((m.start(), m.end()))
                if m.group(0).lower() not in self.emails:
                    found.append(Found("e-mail address", m.group(0), m.start()))
            for m in MAILTO_RE.finditer(text):
                inside = any(s <= m.start(1) < e for s, e in emails)
                if not inside and m.group(1).split("?")[0].lower() not in self.emails:
                    found.append(Found("e-mail address", m.group(0), m.start()))
        if _TEN_DIGITS.search(text):
            for m in _RUN_RE.finditer(text):
                run = m.group(0)
                n = len(_DIGITS.findall(run))
                if 10 <= n <= 15 and _phone_key(run) not in self.phones:
                    found.append(Found("phone number", run.strip(), m.start()))
        return sorted(found, key=lambda f: f.start)
