"""spaCy EntityRuler patterns generated from the store's vocabulary."""

from __future__ import annotations

import re
from typing import Dict, List, Set, Tuple

import pytest

from bot.facts import CITY_IDS, ORGAN_IDS, TRANSPORT_IDS, FactsStore


def _index(patterns: List[dict]) -> Dict[Tuple[str, ...], Set[Tuple[str, str]]]:
    index: Dict[Tuple[str, ...], Set[Tuple[str, str]]] = {}
    for p in patterns:
        if p["label"] == "year":
            continue
        tokens = tuple(t["LOWER"] for t in p["pattern"])
        index.setdefault(tokens, set()).add((p["label"], p["id"]))
    return index


def test_shape(store: FactsStore) -> None:
    patterns = store.entity_patterns()
    labels = {p["label"] for p in patterns}
    assert labels == {"city", "organ", "project", "transport", "service", "year"}
    for p in patterns:
        assert isinstance(p["pattern"], list) and p["pattern"]
        if p["label"] != "year":
            assert all(set(t) == {"LOWER"} and t["LOWER"] == t["LOWER"].lower() for t in p["pattern"])


def test_covers_all_ids(store: FactsStore) -> None:
    patterns = store.entity_patterns()
    ids = {
        label: {p["id"] for p in patterns if p["label"] == label}
        for label in ("city", "organ", "project", "transport")
    }
    assert ids["city"] == set(CITY_IDS)
    assert ids["organ"] == set(ORGAN_IDS)
    assert ids["transport"] == set(TRANSPORT_IDS)
    assert ids["project"] == set(store.projects)


def test_no_phrase_has_two_meanings(store: FactsStore) -> None:
    for lang in (None, "de", "fr", "en"):
        for tokens, owners in _index(store.entity_patterns(lang)).items():
            assert len(owners) == 1, (lang, tokens, owners)


@pytest.mark.parametrize(
    ("tokens", "label", "value"),
    [
        (("saarbrücken",), "city", "saarbruecken"),
        (("saarbruecken",), "city", "saarbruecken"),
        (("saarbrucken",), "city", "saarbruecken"),
        (("sarrebruck",), "city", "saarbruecken"),
        (("saarbrüken",), "city", "saarbruecken"),
        (("trèves",), "city", "trier"),
        (("treves",), "city", "trier"),
        (("lëtzebuerg",), "city", "luxembourg"),
        (("letzebuerg",), "city", "luxembourg"),
        (("luxemburg",), "city", "luxembourg"),
        (("luxenburg",), "city", "luxembourg"),
        (("luxembourg-ville",), "city", "luxembourg"),
        (("luxembourg", "-", "ville"), "city", "luxembourg"),
        (("metz",), "city", "metz"),
        (("mitgliederversammlung",), "organ", "general_assembly"),
        (("assemblée", "générale"), "organ", "general_assembly"),
        (("assemblee", "generale"), "organ", "general_assembly"),
        (("vorstand",), "organ", "board"),
        (("présidente",), "organ", "president"),
        (("koordinationsausschuss",), "organ", "coordination_committee"),
        (("geschäftsstelle",), "organ", "office"),
        (("secrétariat", "général"), "organ", "office"),
        (("musikpreis",), "project", "music_prize"),
        (("prix", "de", "musique"), "project", "music_prize"),
        (("music", "prize"), "project", "music_prize"),
        (("hackathon",), "project", "hackathon_2025"),
        (("health", "hackathon"), "project", "health_hackathon_2023"),
        (("prix", "d'art", "robert", "schuman"), "project", "robert_schuman_prize"),
        (("prix", "d'", "art", "robert", "schuman"), "project", "robert_schuman_prize"),
        (("radkarte",), "project", "cycling_map"),
        (("e-learning",), "project", "elearning_luxembourgish"),
        (("e", "-", "learning"), "project", "elearning_luxembourgish"),
        (("commerce", "équitable"), "project", "fair_trade"),
        (("zug",), "transport", "train"),
        (("voiture",), "transport", "car"),
        (("car",), "transport", "car"),
        (("autocar",), "transport", "bus"),
        (("flugzeug",), "transport", "plane"),
    ],
)
def test_phrase(store: FactsStore, tokens: Tuple[str, ...], label: str, value: str) -> None:
    assert _index(store.entity_patterns())[tokens] == {(label, value)}


def test_words_that_must_not_match(store: FactsStore) -> None:
    index = _index(store.entity_patterns())
    for word in ["mets", "tier", "the", "ice", "re", "luxembourgish", "bahnhof"]:
        assert (word,) not in index, word


def test_language_filter(store: FactsStore) -> None:
    de = _index(store.entity_patterns("de"))
    fr = _index(store.entity_patterns("fr"))
    assert ("musikpreis",) in de and ("musikpreis",) not in fr
    assert ("prix", "de", "musique") in fr and ("prix", "de", "musique") not in de
    # city spellings are language-neutral
    assert de[("trèves",)] == fr[("trèves",)] == {("city", "trier")}
    with pytest.raises(ValueError):
        store.entity_patterns("es")


def test_year_pattern(store: FactsStore) -> None:
    (year,) = [p for p in store.entity_patterns() if p["label"] == "year"]
    regex = re.compile(year["pattern"][0]["TEXT"]["REGEX"])
    assert all(regex.match(str(y)) for y in (1950, 1957, 2000, 2019, 2039))
    assert not any(regex.match(s) for s in ("1949", "2040", "202", "20190", "abcd"))


_RULERS: Dict[str, object] = {}


def _ruler(store: FactsStore, lang: str):
    """A blank spaCy pipeline with the store's patterns for `lang`, built once per language."""
    if lang not in _RULERS:
        spacy = pytest.importorskip("spacy")
        nlp = spacy.blank(lang)
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None})
        ruler.add_patterns(store.entity_patterns(lang))
        _RULERS[lang] = nlp
    return _RULERS[lang]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Wie komme ich mit dem Zug von Saarbrücken nach Luxemburg-Stadt?",
            [("transport", "train"), ("city", "saarbruecken"), ("city", "luxembourg")],
        ),
        (
            "fr",
            "Qui présidait l'assemblée générale à Trèves en 2019 ?",
            [("organ", "general_assembly"), ("city", "trier"), ("year", None)],
        ),
        ("fr", "Parlez-moi du Prix d'Art Robert Schuman", [("project", "robert_schuman_prize")]),
        (
            "en",
            "Tell me about the e-learning and the music prize in Luxembourg-Ville",
            [("project", "elearning_luxembourgish"), ("project", "music_prize"), ("city", "luxembourg")],
        ),
        (
            "en",
            "How long by car from Saarbruecken to Treves?",
            [("transport", "car"), ("city", "saarbruecken"), ("city", "trier")],
        ),
    ],
)
def test_patterns_in_spacy(store: FactsStore, lang: str, text: str, expected: list) -> None:
    """The patterns match real spaCy tokenisation (which differs per language)."""
    doc = _ruler(store, lang)(text)
    found = [(ent.label_, ent.ent_id_ or None) for ent in doc.ents]
    assert found == expected
