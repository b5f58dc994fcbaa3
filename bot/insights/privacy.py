"""Masking of personal data in every text the insights report shows.

The report shows what citizens typed. Before any text reaches the HTML or the JSON it goes
through `mask`, which replaces e-mail addresses, IBANs, phone numbers and long digit sequences
(customer, case or card numbers) with a neutral marker. Masking errs on the side of privacy: a
date written with dots and eight digits is masked like a phone number.
"""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
# Digits with the separators people write in phone numbers; masked from PHONE_MIN_DIGITS digits.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d ()/.\-]{5,}\d")
PHONE_MIN_DIGITS = 7
LONG_DIGITS = re.compile(r"\d{6,}")

MASK_EMAIL = "[@]"
MASK_IBAN = "[IBAN]"
MASK_PHONE = "[☎]"
MASK_DIGITS = "[#]"


def _phone(match: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return MASK_PHONE if digits >= PHONE_MIN_DIGITS else match.group(0)


def mask(text: str | None) -> str:
    """`text` with e-mail addresses, IBANs, phone numbers and long digit runs masked."""
    if not text:
        return ""
    text = EMAIL.sub(MASK_EMAIL, text)
    text = IBAN.sub(MASK_IBAN, text)
    text = PHONE.sub(_phone, text)
    return LONG_DIGITS.sub(MASK_DIGITS, text)
