"""`mask`: what the report must never show of what people typed."""

from __future__ import annotations

import pytest

from bot.insights.privacy import MASK_DIGITS, MASK_EMAIL, MASK_IBAN, MASK_PHONE, mask


@pytest.mark.parametrize(
    "text, secret, marker",
    [
        ("Schreiben Sie an max.muster@example.org bitte", "max.muster@example.org", MASK_EMAIL),
        ("mon adresse : j-p.dupont+qp@mairie.metz.fr", "dupont+qp@mairie.metz.fr", MASK_EMAIL),
        ("IBAN DE89 3704 0044 0532 0130 00 bitte", "3704 0044 0532", MASK_IBAN),
        ("IBAN DE89370400440532013000", "370400440532013000", MASK_IBAN),
        ("LU28 0019 4006 4475 0000", "0019 4006", MASK_IBAN),
        ("Ruf mich an: +49 171 2345678", "2345678", MASK_PHONE),
        ("appelez le 03 87 55 50 00", "87 55 50 00", MASK_PHONE),
        ("Tel. 0651/718-1234", "718-1234", MASK_PHONE),
        ("call (0651) 718 1234 please", "718 1234", MASK_PHONE),
        ("Kundennummer A1234567", "1234567", MASK_DIGITS),
    ],
)
def test_personal_data_is_masked(text, secret, marker):
    masked = mask(text)
    assert secret not in masked
    assert marker in masked


@pytest.mark.parametrize(
    "text",
    [
        "Wie viele Einwohner hat Trier? 110.000?",
        "Luxembourg a 660 809 habitants",
        "QuattroPole wurde 2000 gegründet",
        "Metz 57000",
        "Who was president in 2019?",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert mask(text) == text


def test_text_around_the_mask_is_kept():
    assert mask("IBAN DE89 3704 0044 0532 0130 00 ok") == f"IBAN {MASK_IBAN} ok"
    assert mask("") == "" and mask(None) == ""
