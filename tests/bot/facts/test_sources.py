"""The source registry, citations in the reader's language, and city-service pointers."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from bot.facts import FactsError, FactsStore, load_store

Edit = Callable[[str, Callable[[dict], None]], Path]


def _error(path: Path) -> str:
    with pytest.raises(FactsError) as info:
        load_store(path)
    return str(info.value)


# -- registry -----------------------------------------------------------------------------
def test_every_source_has_label_language_and_kind(store: FactsStore) -> None:
    assert len(store.sources) >= 70
    for source_id, source in store.sources.items():
        assert source.label.strip() and source.lang in ("de", "fr", "en"), source_id
        assert source.kind in ("official", "press"), source_id


def test_no_preproduction_host_or_aggregator_is_cited(store: FactsStore) -> None:
    for source in store.sources.values():
        assert "preprod." not in source.url and "dayfr.com" not in source.url


def test_the_closure_report_is_cited_only_for_the_normal_journey_time(store: FactsStore) -> None:
    # rtlradio.de's "Keine Verbindung nach Luxemburg" (the 2025 closure) states the normal 46
    # minutes; the hourly service has its own source
    route = store.route("trier", "luxembourg").fact
    assert [s.url.split("/")[2] for s in store.fact_sources(route)] == [
        "www.rtlradio.de",
        "www.lessentiel.lu",
    ]
    assert "46" in route.answer_for("how_long", "de") and "46" not in route.answer_for("frequency", "de")


def test_unknown_source_fails_naming_file_and_field(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["contact"].update(source="no_such_source"))
    message = _error(store_copy)
    assert "office.yml: office.facts.contact.source: unknown source 'no_such_source'" in message


def test_unregistered_address_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml(
        "office.yml", lambda d: d["office"]["facts"]["contact"].update(source=["https://example.org/x"])
    )
    assert "office.yml: office.facts.contact.source: unknown source 'https://example.org/x'" in _error(
        store_copy
    )


@pytest.mark.parametrize("bad", ["www.vdl.lu", "ftp://example.org/x", "https://", "https://exa mple.org"])
def test_bad_registry_url_fails(edit_yaml: Edit, store_copy: Path, bad: str) -> None:
    edit_yaml("sources.yml", lambda d: d["sources"]["trier_home"].update(url=bad))
    assert "sources.yml: sources.trier_home.url: invalid source URL" in _error(store_copy)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("label", " ", "sources.yml: sources.trier_home.label: must not be empty"),
        ("lang", "lb", "sources.yml: sources.trier_home.lang: unexpected value"),
        ("kind", "blog", "sources.yml: sources.trier_home.kind: unexpected value"),
        ("date", "June 2015", "sources.yml: sources.trier_home.date: invalid date"),
    ],
)
def test_bad_registry_fields_fail(
    edit_yaml: Edit, store_copy: Path, field: str, value: str, message: str
) -> None:
    edit_yaml("sources.yml", lambda d: d["sources"]["trier_home"].update({field: value}))
    assert message in _error(store_copy)


def test_missing_label_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("sources.yml", lambda d: d["sources"]["trier_home"].pop("label"))
    assert "sources.yml: sources.trier_home.label: field required" in _error(store_copy)


# -- citations ------------------------------------------------------------------------------
def test_citation_prefers_the_readers_language(store: FactsStore) -> None:
    key = "project.fair_trade"  # English and French pages of quattropole.org
    assert store.citation(key, "en").lang == "en"
    assert store.citation(key, "fr").lang == "fr"
    assert store.citation(key, "fr").url.startswith("https://quattropole.org/fr/")
    # no German page: the first source
    assert store.citation(key, "de").url == store.citation(key, "en").url


def test_citation_prefers_official_within_a_language(store: FactsStore) -> None:
    citation = store.citation("governance.current_president", "fr")
    assert citation.official and citation.lang == "fr" and "quattropole.org" in citation.label
    # in German only the press report exists
    assert not store.citation("governance.current_president", "de").official


def test_citation_has_a_readable_label_and_a_date_in_the_language(store: FactsStore) -> None:
    de = store.citation("office.location", "de")
    assert de.label == "Rathaus-Zeitung, Stadt Trier – trier.de"
    assert de.date_text == "23. Juni 2015"
    en = store.citation("office.location", "en")
    assert en.label == "Ville de Luxembourg – vdl.lu" and en.date_text == "November 2025"
    assert store.citation("city.trier.languages", "fr").date_text == "2018"
    assert store.citation("no.such.key", "de") is None


def test_citation_of_a_fact_object_equals_by_key(store: FactsStore) -> None:
    fact = store.fact("city.trier.mayor")
    assert store.citation(fact, "de") == store.citation("city.trier.mayor", "de")


def test_readers_language_coverage(store: FactsStore) -> None:
    """More than half of the facts cite a page in French and in English where one exists."""
    for lang in ("fr", "en"):
        in_lang = sum(1 for key in store.keys() if store.citation(key, lang).lang == lang)
        assert in_lang >= 20, lang


# -- city services ---------------------------------------------------------------------------
def test_topics(store: FactsStore) -> None:
    for topic in ("id_documents", "registration", "public_transport", "tourism", "jobs", "weather", "taxes"):
        assert topic in store.service_topics


def test_pointers_city_first_then_region(store: FactsStore) -> None:
    trier = store.pointers("id_documents", "trier")
    assert [p.city for p in trier] == ["trier"]
    assert "trier.de" in trier[0].url and trier[0].citation is not None
    jobs = store.pointers("jobs", "metz")
    assert jobs and all(p.city is None for p in jobs)
    assert "eures" in jobs[0].url
    lux = store.pointers("public_transport", "luxembourg")
    assert [p.city for p in lux] == ["luxembourg"]
    assert {p.city for p in store.pointers("public_transport")} == {
        "luxembourg",
        "metz",
        "saarbruecken",
        "trier",
    }
    assert [p.url for p in store.pointers("weather", "metz")] == ["https://www.meteo.fr"]
    assert store.pointers("registration", "metz") == []  # no official page found


def test_pointers_link_their_own_source(store: FactsStore) -> None:
    """A pointer's address is the page of the source it names, and that source is official."""
    for pointer in store.all_pointers:
        assert pointer.citation is not None, pointer
        assert pointer.url == pointer.citation.url, pointer
        assert pointer.citation.official, pointer


def test_weather_points_to_each_countrys_service(store: FactsStore) -> None:
    """A national service is attached to its country's city, never region-wide."""
    hosts = {"luxembourg": "meteolux.lu", "metz": "meteo.fr", "saarbruecken": "dwd.de", "trier": "dwd.de"}
    for city, host in hosts.items():
        assert [host in p.url for p in store.pointers("weather", city)] == [True], city


def test_pointer_order_with_city_and_region(tmp_path: Path, edit_yaml: Edit, store_copy: Path) -> None:
    def add(data: dict) -> None:
        region_wide = next(p for p in data["pointers"] if "city" not in p)
        data["pointers"].insert(0, {**region_wide, "topic": "id_documents"})  # region-wide first in file

    edit_yaml("services.yml", add)
    store = load_store(store_copy)
    cities = [p.city for p in store.pointers("id_documents", "saarbruecken")]
    assert cities == ["saarbruecken", None]
    assert [p.city for p in store.pointers("id_documents")][0] is None


def test_pointer_without_url_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("services.yml", lambda d: d["pointers"][0].pop("url"))
    assert "services.yml: pointers.0.url: field required" in _error(store_copy)


def test_pointer_with_bad_url_or_unknown_topic_fails(edit_yaml: Edit, store_copy: Path) -> None:
    def change(data: dict) -> None:
        data["pointers"][0]["url"] = "guichet.lu"
        data["pointers"][1]["topic"] = "parking"

    edit_yaml("services.yml", change)
    message = _error(store_copy)
    assert "services.yml: pointers.0.url: invalid source URL" in message


def test_pointer_with_unknown_topic_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("services.yml", lambda d: d["pointers"][1].update(topic="gardening"))
    assert "services.yml: pointers.1.topic: unknown topic 'gardening'" in _error(store_copy)


def test_pointer_with_unknown_source_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("services.yml", lambda d: d["pointers"][1].update(source="somewhere"))
    assert "services.yml: pointers.1.source: unknown source 'somewhere'" in _error(store_copy)


@pytest.mark.parametrize(
    ("lang", "phrase", "topic"),
    [
        ("de", "personalausweis", "id_documents"),
        ("de", "wohnsitz anmelden", "registration"),
        ("de", "busticket", "public_transport"),
        ("de", "stellenangebote", "jobs"),
        ("de", "wetter", "weather"),
        ("de", "steuern", "taxes"),
        ("de", "touristinfo", "tourism"),
        ("fr", "carte d'identité", "id_documents"),
        ("fr", "déclarer son domicile", "registration"),
        ("fr", "ticket de bus", "public_transport"),
        ("fr", "travailler au luxembourg", "jobs"),
        ("fr", "météo", "weather"),
        ("fr", "impôts", "taxes"),
        ("fr", "office de tourisme", "tourism"),
        ("en", "id card", "id_documents"),
        ("en", "register my address", "registration"),
        ("en", "bus fare", "public_transport"),
        ("en", "jobs", "jobs"),
        ("en", "weather", "weather"),
        ("en", "taxes", "taxes"),
        ("en", "tourist office", "tourism"),
    ],
)
def test_service_entity_patterns(store: FactsStore, lang: str, phrase: str, topic: str) -> None:
    patterns = store.entity_patterns(lang)
    found = {
        p["id"]
        for p in patterns
        if p["label"] == "service"
        and " ".join(t["LOWER"] for t in p["pattern"]) in (phrase, phrase.replace("'", "' "))
    }
    tokens = {
        p["id"]
        for p in patterns
        if p["label"] == "service"
        and [t["LOWER"] for t in p["pattern"]] == phrase.replace("d'", "d' ").split()
    }
    assert topic in found | tokens, (lang, phrase)
