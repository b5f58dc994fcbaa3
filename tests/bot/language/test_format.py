"""Numbers and as-of dates per reply language (bot.language.format)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts import PartialDate
from bot.language.format import format_as_of, format_number

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [
        (179296, "de", "179.296"),
        (179296, "fr", f"179{NNBSP}296"),
        (179296, "en", "179,296"),
        (530000, "de", "530.000"),
        (1234567, "en", "1,234,567"),
        (999, "de", "999"),
        (0, "fr", "0"),
        (-12000, "en", "-12,000"),
        (11.6, "de", "11,6"),
        (11.6, "fr", "11,6"),
        (11.6, "en", "11.6"),
        (65401, "fr", f"65{NNBSP}401"),
    ],
)
def test_format_number(n: float, lang: str, expected: str) -> None:
    assert format_number(n, lang) == expected


def test_format_number_decimals() -> None:
    assert format_number(1234.5678, "de", decimals=2) == "1.234,57"
    assert format_number(2.5, "en", decimals=0) == "3"


def test_format_number_rejects_unknown_language() -> None:
    with pytest.raises(ValueError):
        format_number(1, "es")


@pytest.mark.parametrize(
    ("as_of", "lang", "expected"),
    [
        (PartialDate.parse("2025-11"), "de", "Stand: November 2025"),
        (PartialDate.parse("2025-11"), "fr", "état : novembre 2025"),
        (PartialDate.parse("2025-11"), "en", "as of November 2025"),
        (PartialDate.parse("2025"), "de", "Stand: 2025"),
        (PartialDate.parse("2025"), "fr", "état : 2025"),
        (PartialDate.parse("2025"), "en", "as of 2025"),
        (PartialDate.parse("2022-05-15"), "de", "Stand: Mai 2022"),
        (PartialDate.parse("2024-03"), "de", "Stand: März 2024"),
        (PartialDate.parse("2025-08"), "fr", "état : août 2025"),
        (PartialDate.parse("2025-02"), "fr", "état : février 2025"),
        (dt.date(2025, 12, 31), "en", "as of December 2025"),
        ("2025-11", "en", "as of November 2025"),
        (2025, "fr", "état : 2025"),
    ],
)
def test_format_as_of(as_of: object, lang: str, expected: str) -> None:
    assert format_as_of(as_of, lang) == expected


def test_format_as_of_with_store_fact(store) -> None:
    fact = store.fact("city.metz.mayor")
    assert format_as_of(fact.as_of, "fr") == "état : novembre 2025"


def test_format_as_of_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        format_as_of("November 2025", "en")
    with pytest.raises(ValueError):
        format_as_of("2025", "xx")
