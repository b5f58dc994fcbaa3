"""City spellings, routes and presidents by year."""

from __future__ import annotations

import itertools

import pytest

from bot.facts import CITY_IDS, FactsStore


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Luxembourg", "luxembourg"),
        ("Luxemburg", "luxembourg"),
        ("Lëtzebuerg", "luxembourg"),
        ("Letzebuerg", "luxembourg"),
        ("Luxembourg-Ville", "luxembourg"),
        ("luxembourg ville", "luxembourg"),
        ("Luxemburg-Stadt", "luxembourg"),
        ("LUXEMBURG", "luxembourg"),
        ("Metz", "metz"),
        ("metz", "metz"),
        ("Saarbrücken", "saarbruecken"),
        ("Saarbruecken", "saarbruecken"),
        ("Saarbrucken", "saarbruecken"),
        ("saarbruecken", "saarbruecken"),
        ("Sarrebruck", "saarbruecken"),
        ("Trier", "trier"),
        ("Trèves", "trier"),
        ("Treves", "trier"),
        ("trèves", "trier"),
        # typos
        ("Saarbrüken", "saarbruecken"),
        ("Sarbrücken", "saarbruecken"),
        ("Luxenburg", "luxembourg"),
        ("Luxemborg", "luxembourg"),
        ("Triet", "trier"),
        # a short phrase naming one city
        ("und Trier?", "trier"),
        ("et Sarrebruck ?", "saarbruecken"),
        ("what about luxembourg city", "luxembourg"),
        ("  Metz  ", "metz"),
    ],
)
def test_resolve_city(store: FactsStore, text: str, city: str) -> None:
    assert store.resolve_city(text) == city


@pytest.mark.parametrize(
    "text",
    [
        "mets",  # French "dish" / "tu mets"
        "the",
        "tier",  # German "animal"
        "Tier",
        "tirer",
        "Paris",
        "Luxembourgish",  # the language, not the city
        "luxembourgeois",
        "Luxemburgisch",
        "",
        "   ",
        "von Trier nach Metz",  # two cities: not one answer
        "hello",
        "merci",
    ],
)
def test_resolve_city_is_conservative(store: FactsStore, text: str) -> None:
    assert store.resolve_city(text) is None


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("i live in metz and work in luxembourg", ["metz", "luxembourg"]),
        ("carte d'identité luxembourgeoise", ["luxembourg"]),  # a word made from the name
        ("Trierer Bürgeramt", ["trier"]),
        ("von Sarrebruck nach Trèves", ["saarbruecken", "trier"]),
        ("hello", []),
        ("Nancy", []),
    ],
)
def test_cities_in_lists_every_city_named_in_order(store: FactsStore, text: str, cities: list) -> None:
    assert store.cities_in(text) == cities


@pytest.mark.parametrize(
    ("text", "loose", "strict"),
    [
        ("Touristen Info Luxemburg", ["tourism"], ["tourism"]),  # two words of one alias
        ("Busfahrkarte Metz", ["public_transport"], ["public_transport"]),  # an alias in a compound
        ("wie viele Einwohner hat Trier", ["registration"], []),  # a word inside a long alias
        ("how many inhabitants", [], []),
    ],
)
def test_service_topics_in_strict_and_loose(store: FactsStore, text: str, loose: list, strict: list) -> None:
    assert store.service_topics_in(text) == loose
    assert store.service_topics_in(text, loose=False) == strict


def test_every_pair_has_a_symmetric_route(store: FactsStore) -> None:
    for a, b in itertools.combinations(CITY_IDS, 2):
        there, back = store.route(a, b), store.route(b, a)
        assert there is not None and there is back
        assert (there.a, there.b) == tuple(sorted((a, b)))
        assert store.fact(f"travel.{there.a}.{there.b}") == there.fact


def test_route_details(store: FactsStore) -> None:
    assert store.route("trier", "luxembourg").direct_train is True
    assert "RE11" in store.route("luxembourg", "trier").fact.text_for("en")
    assert "46 minutes" in store.route("luxembourg", "trier").fact.answer_for("how_long", "en")
    assert store.route("saarbruecken", "luxembourg").direct_train is False
    assert store.route("saarbruecken", "metz").direct_train is None
    assert store.route("Trèves", "Sarrebruck") is store.route("trier", "saarbruecken")
    assert store.route("trier", "trier") is None
    assert store.route("trier", "paris") is None


@pytest.mark.parametrize(
    ("year", "person"),
    [
        (2015, "Britz"),
        (2016, "Britz"),
        (2017, "Gros"),
        (2018, "Gros"),
        (2019, "Leibe"),
        (2020, "Leibe"),
        (2021, "Polfer"),
        (2022, "Polfer"),  # most of 2022; Conradt from November
        (2023, "Conradt"),
        (2024, "Conradt"),
        (2025, "Grosdidier"),
    ],
)
def test_president_in_year(store: FactsStore, year: int, person: str) -> None:
    fact = store.president_in_year(year)
    assert fact is not None
    assert all(person in fact.text[lang] for lang in ("de", "fr", "en"))


def test_presidents_between_two_years(store: FactsStore) -> None:
    # Gros, Leibe, Polfer and, from November 2022, Conradt
    assert [store.key_of(f) for f in store.presidents_between(2017, 2022)] == [
        "governance.term.2017",
        "governance.term.2019",
        "governance.term.2021",
        "governance.term.2022",
    ]
    assert store.presidents_between(2000, 2010) == []


@pytest.mark.parametrize("year", [1999, 2000, 2014, 2026, 2030])
def test_president_unknown_years(store: FactsStore, year: int) -> None:
    # 2026: the Metz term is only known up to November 2025 (flag 2)
    assert store.president_in_year(year) is None


def test_president_list_structure(store: FactsStore) -> None:
    people = [(p.person, p.city) for p in store.presidents()]
    assert people == [
        ("Charlotte Britz", "saarbruecken"),
        ("Dominique Gros", "metz"),
        ("Wolfram Leibe", "trier"),
        ("Lydie Polfer", "luxembourg"),
        ("Uwe Conradt", "saarbruecken"),
        ("François Grosdidier", "metz"),
    ]
    assert store.president_in_year(2025).time_bound
    assert not store.president_in_year(2019).time_bound
