"""The real store: it loads, has every contracted key, and says what the research allows."""

from __future__ import annotations

import re

import pytest

from bot.facts import CITY_IDS, LANGS, Fact, FactsStore, default_store, load_store

NETWORK = ["overview", "purpose", "members", "population", "languages", "history", "motto"]
CITY = ["overview", "country", "population", "mayor", "languages", "station", "airport", "names"]
GOVERNANCE = [
    "board",
    "general_assembly",
    "president_election",
    "presidents",
    "current_president",
    "coordination_committee",
]
OFFICE = ["location", "contact", "tasks", "house_greater_region"]
PROJECTS = [
    "robert_schuman_prize",
    "music_prize",
    "swing_exchange",
    "travel_guide",
    "no_tourist_card",
    "hotel_packages",
    "cycling_map",
    "business_brochure",
    "youth_projects",
    "elearning_luxembourgish",
    "health_hackathon_2023",
    "hackathon_2025",
    "rencontres_citoyennes",
    "economic_forum",
    "fair_trade",
    "climate_declaration",
    "rail_lobbying",
]

CONTRACT_KEYS = (
    [f"network.{k}" for k in NETWORK]
    + [f"city.{c}.{k}" for c in CITY_IDS for k in CITY]
    + [f"governance.{k}" for k in GOVERNANCE]
    + [f"office.{k}" for k in OFFICE]
    + ["travel.car", "travel.airports_stations", "projects.overview", "greater_region.basics"]
    + [f"project.{p}" for p in PROJECTS]
)


def test_default_store_is_cached_and_complete(store: FactsStore) -> None:
    assert default_store() is default_store()
    assert set(default_store().keys()) == set(store.keys())


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_contract_key_present(store: FactsStore, key: str) -> None:
    fact = store.fact(key)
    assert isinstance(fact, Fact)
    assert all(fact.text[lang] for lang in LANGS)


def test_counts(store: FactsStore) -> None:
    assert len(store) == 110
    assert {name.rsplit("/", 1)[-1]: len(keys) for name, keys in store.files.items() if keys} == {
        "cities.yml": 33,
        "governance.yml": 13,  # 7 facts and the 6 presidency terms (governance.term.<year>)
        "greater_region.yml": 6,
        "network.yml": 18,
        "office.yml": 8,
        "projects.yml": 24,
        "travel.yml": 8,
    }
    assert store.cities == list(CITY_IDS)
    assert store.projects == PROJECTS
    assert len(store.routes) == 6


def test_unknown_key_is_none(store: FactsStore) -> None:
    assert store.fact("city.metz.harbour") is None
    assert store.fact("project.quattropole_card") is None


def test_default_path_does_not_depend_on_cwd(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(load_store()) == 110


def test_fact_api(store: FactsStore) -> None:
    fact = store.fact("city.saarbruecken.population")
    assert fact.text["de"] == fact.text_for("de")
    assert "179.296" in fact.text_for("de")
    assert "179,296" in fact.text_for("en")
    assert fact.source.startswith("https://")
    assert (fact.as_of.year, fact.as_of.month, fact.as_of.day) == (2022, 5, 15)
    assert fact.as_of.precision == "day"
    assert fact.time_bound is True
    with pytest.raises(KeyError):
        fact.text_for("es")


def test_time_bound_facts_are_marked(store: FactsStore) -> None:
    for city in CITY_IDS:
        assert store.fact(f"city.{city}.mayor").time_bound
        assert store.fact(f"city.{city}.population").time_bound
    for key in ["governance.current_president", "network.population", "office.contact"]:
        assert store.fact(key).time_bound
    for route in store.routes:
        assert route.fact.time_bound


def test_city_names_and_websites(store: FactsStore) -> None:
    assert store.city_name("trier", "fr") == "Trèves"
    assert store.city_name("saarbruecken", "fr") == "Sarrebruck"
    assert store.city_name("luxembourg", "de") == "Luxemburg"
    assert store.city_name("luxembourg", "en") == "Luxembourg"
    assert "Lëtzebuerg" in store.fact("city.luxembourg.names").text_for("en")
    assert {c: store.city_website(c) for c in CITY_IDS} == {
        "luxembourg": "https://www.vdl.lu",
        "metz": "https://metz.fr",
        "saarbruecken": "https://www.saarbruecken.de",
        "trier": "https://www.trier.de",
    }
    assert store.network_website == "https://www.quattropole.org"


def test_project_names(store: FactsStore) -> None:
    assert store.project_name("music_prize", "de") == "QuattroPole-Musikpreis"
    assert "Musikpreis" in store.project_names("music_prize", "de")
    assert "prix de musique" in store.project_names("music_prize", "fr")
    assert store.project_names("music_prize", "en")[0] == "QuattroPole Music Prize"


# --- what the research notes allow us to say ---------------------------------------------


#: The one fact allowed to name the non-existent card, and only to say it is not known.
NO_CARD = "project.no_tourist_card"


def _all_text(store: FactsStore) -> str:
    return "\n".join(store.fact(k).text[lang] for k in store.keys() if k != NO_CARD for lang in LANGS)


@pytest.mark.parametrize(
    "lang, denial", [("de", "nicht bekannt"), ("fr", "ne connais pas"), ("en", "don't know of any")]
)
def test_the_card_question_gets_a_denial_not_a_card(store: FactsStore, lang: str, denial: str) -> None:
    assert denial in store.fact(NO_CARD).text[lang]


@pytest.mark.parametrize(
    "forbidden",
    [
        r"QuattroPole[- ]?(card|karte|carte)",
        r"carte QuattroPole",
        r"\b(4|vier|quatre|four) (ICE|TGV)",
        r"\b(3|drei|trois|three) (Häfen|ports)",
        r"voll belegt|fully occupied|entièrement occupée",
        r"\b(150|120) (Gäste|guests|invités)",
    ],
)
def test_no_forbidden_claims(store: FactsStore, forbidden: str) -> None:
    assert not re.search(forbidden, _all_text(store), re.IGNORECASE)


def test_signatories_2000_are_not_the_wikipedia_ones(store: FactsStore) -> None:
    text = store.fact("network.founders").text_for("en")
    for name in ["Paul Helminger", "Jean-Marie Rausch", "Hajo Hoffmann", "Helmut Schröer"]:
        assert name in text
    for wrong in ["Polfer", "Britz", "Leibe"]:
        assert wrong not in text


def test_population_is_the_network_figure(store: FactsStore) -> None:
    fact = store.fact("network.population")
    assert "530.000" in fact.text["de"] and "530 000" in fact.text["fr"]
    assert "around 530,000" in fact.text["en"] and "network" in fact.text["en"]
    assert fact.confidence == "medium"


@pytest.mark.parametrize("key", ["city.metz.mayor", "governance.current_president"])
def test_metz_after_march_2026_is_hedged(store: FactsStore, key: str) -> None:
    from bot.language.format import format_as_of

    fact = store.fact(key)
    # The date is said with every answer (time-bound), the 2026 caveat in the text itself.
    assert fact.time_bound and str(fact.as_of) == "2025-11"
    assert format_as_of(fact.as_of, "de") == "Stand: November 2025" and "2026" in fact.text["de"]
    assert format_as_of(fact.as_of, "fr") == "état : novembre 2025" and "2026" in fact.text["fr"]
    assert format_as_of(fact.as_of, "en") == "as of November 2025" and "2026" in fact.text["en"]
    assert "Grosdidier" in fact.text["en"]


def test_office_is_in_esch_and_seat_only_at_founding(store: FactsStore) -> None:
    assert "Esch-sur-Alzette" in store.fact("office.location").text_for("en")
    for key in store.keys():
        text = store.fact(key).text_for("en")
        if re.search(r"\bseat\b", text):
            assert "founding in 2014" in text, key


def test_leibe_is_history_not_current(store: FactsStore) -> None:
    assert "Leibe" not in store.fact("governance.current_president").text_for("en")
    assert "2019–2020" in store.fact("governance.presidents").text_for("en")


def test_every_source_is_registered_with_a_url(store: FactsStore) -> None:
    for key in store.keys():
        sources = store.fact_sources(key)
        assert sources and len(sources) == len(store.fact(key).source_refs), key
        for source in sources:
            assert re.match(r"^https?://[^\s/]+", source.url), key


def test_a_named_by_term_names_one_fact_as_whole_words(store: FactsStore) -> None:
    terms = [(key, term) for key in store.keys() for term in store.fact(key).named_by]
    assert terms, "no fact has named_by terms"
    for key, term in terms:
        assert store.facts_named_in(f"was ist das {term}?") == [key], term
    assert store.facts_named_in("wann hat die Mitgliederversammlung das Leitbild beschlossen?") == [
        "network.roadmap"
    ]
    # part of a longer word is no term: "Leitbilds", "Leitbildprojekt"
    assert store.facts_named_in("auf Grundlage des Leitbildprojekts") == []


def test_no_past_event_is_told_as_the_next_one(store: FactsStore) -> None:
    # R42: "the next Music Prize final is on 8 April 2026", told in December 2026
    past = [store.fact(k) for k in store.keys() if store.fact(k).event and store.fact(k).is_past()]
    assert past, "the store has no past event to check"
    for fact in past:
        for lang in LANGS:
            assert fact.answer_for("next", lang) is None
