"""FactsEntityRuler (bot/nlu/facts_entities.py): lemmas and the store's entities, per language.

The component is created as Rasa creates it (`create` with its default config), so the spaCy
pipelines come from `build_pipelines` and the patterns from the facts store. Messages are
tokenized by Rasa's WhitespaceTokenizer first, as in config.yml's pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.facts import DEFAULT_PATH, FactsStore
from bot.nlu.facts_entities import FactsEntityRuler

TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())


def create(tmp_path: Path, **config: Any) -> FactsEntityRuler:
    return FactsEntityRuler.create(
        {**FactsEntityRuler.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("facts_entity_ruler"),
        ExecutionContext(graph_schema=None, model_id="test"),
    )


@pytest.fixture(scope="module")
def ruler(tmp_path_factory) -> FactsEntityRuler:
    return create(tmp_path_factory.mktemp("ruler"))


def message(text: str, lang: Optional[str] = None, entities: Optional[List[Dict]] = None) -> Message:
    msg = Message(data={"text": text})
    if lang is not None:
        msg.set("language_detection", {"language": lang})
    if entities is not None:
        msg.set("entities", entities)
    TOKENIZER.process([msg])
    return msg


def found(ruler: FactsEntityRuler, msg: Message) -> List[tuple]:
    ruler.process([msg])
    text = msg.get("text")
    return [(e["entity"], e["value"], text[e["start"] : e["end"]]) for e in msg.get("entities", [])]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "de",
            "Wie komme ich von Saarbrücken nach Luxemburg-Stadt?",
            [("city", "saarbruecken", "Saarbrücken"), ("city", "luxembourg", "Luxemburg-Stadt")],
        ),
        (
            "fr",
            "Qui présidait l'assemblée générale à Trèves en 2019 ?",
            [
                ("organ", "general_assembly", "assemblée générale"),
                ("city", "trier", "Trèves"),
                ("year", "2019", "2019"),
            ],
        ),
        (
            "en",
            "Tell me about the QuattroPole music prize",
            [("project", "music_prize", "QuattroPole music prize")],
        ),
    ],
)
def test_the_stores_names_become_entities_with_canonical_values(ruler, lang, text, expected):
    msg = message(text, lang)
    assert found(ruler, msg) == expected
    assert {e["extractor"] for e in msg.get("entities")} == {"FactsEntityRuler"}
    assert [e["start"] for e in msg.get("entities")] == sorted(e["start"] for e in msg.get("entities"))


def test_every_city_id_is_found_under_its_name_in_every_language(ruler, store: FactsStore):
    for city in store.cities:
        for lang in ("de", "fr", "en"):
            name = store.city_name(city, lang)
            assert ("city", city, name) in found(ruler, message(f"{name} ?", lang)), (city, lang)


def test_a_misspelt_city_the_patterns_miss_is_found_by_the_fuzzy_resolver(ruler, store, monkeypatch):
    text = "how far is Luxxembourg by bus"
    assert "Luxxembourg" not in str(store.entity_patterns())
    assert found(ruler, message(text, "en")) == [
        ("city", "luxembourg", "Luxxembourg"),
        ("transport", "bus", "bus"),
    ]
    monkeypatch.setitem(ruler._config, "fuzzy_cities", False)
    assert found(ruler, message(text, "en")) == [("transport", "bus", "bus")]


def test_the_entities_come_from_the_configured_store(tmp_path, ruler):
    """A name added to the store is an entity once the component is built from that store."""
    facts = tmp_path / "facts"
    shutil.copytree(DEFAULT_PATH, facts)
    cities = yaml.safe_load((facts / "cities.yml").read_text(encoding="utf-8"))
    cities["cities"]["metz"]["aliases"].append("Divodurum")
    (facts / "cities.yml").write_text(
        yaml.safe_dump(cities, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    text = "Was gibt es in Divodurum?"
    assert found(ruler, message(text, "de")) == []
    assert found(create(tmp_path / "storage", facts_path=str(facts)), message(text, "de")) == [
        ("city", "metz", "Divodurum")
    ]


def test_the_language_comes_from_the_detection_else_from_the_text(ruler):
    # spaCy's German and French lemmas differ: the pipeline chosen shows in the lemmas
    detected = message("Die Städte und ihre Einwohner", "de")
    undetected = message("Die Städte und ihre Einwohner")
    unknown = message("Die Städte und ihre Einwohner", "xx")
    told_french = message("Die Städte und ihre Einwohner", "fr")
    for msg in (detected, undetected, unknown, told_french):
        ruler.process([msg])
    lemmas = [[t.lemma for t in m.get("text_tokens")] for m in (detected, undetected, unknown, told_french)]
    assert lemmas[0][1] == "stadt"
    assert lemmas[0] == lemmas[1] == lemmas[2]
    assert lemmas[3][1] != "stadt"  # the detection's language wins over the text


def test_training_data_gets_lemmas_but_no_entities(ruler):
    msg = message("Combien d'habitants compte Trèves ?", "fr")
    ruler.process_training_data(TrainingData([msg]))
    assert msg.get("entities") is None
    lemmas = [t.lemma for t in msg.get("text_tokens")]
    assert "habitant" in lemmas


def test_entities_already_found_are_kept(ruler):
    other = {"entity": "email", "value": "a@b.lu", "start": 0, "end": 6, "extractor": "Other"}
    msg = message("a@b.lu Metz", "fr", entities=[other])
    ruler.process([msg])
    assert msg.get("entities")[0] == other
    assert [e["value"] for e in msg.get("entities")[1:]] == ["metz"]


def test_an_empty_message_is_left_alone(ruler):
    msg = message("   ", "en")
    ruler.process([msg])
    assert msg.get("entities") is None


def test_a_failing_annotation_keeps_the_message(ruler, caplog, monkeypatch):
    monkeypatch.setattr(ruler, "_nlp", {})  # every language lookup fails
    first, second = message("Metz ?", "fr"), message("Trier ?", "de")
    assert ruler.process([first, second]) == [first, second]
    assert first.get("entities") is None and second.get("entities") is None
    assert "FactsEntityRuler failed" in caplog.text


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        (
            "de",
            "und saarbrücken-trier dauert?",
            [("city", "saarbruecken", "saarbrücken"), ("city", "trier", "trier")],
        ),
        ("fr", "metz-luxembourg c combien", [("city", "metz", "metz"), ("city", "luxembourg", "luxembourg")]),
        ("de", "Wie komme ich nach Esch-sur-Alzette?", []),
    ],
)
def test_a_route_written_with_a_hyphen_names_both_cities(ruler, lang, text, expected):
    """One token to the tokenizer, two cities to the reader."""
    assert [e for e in found(ruler, message(text, lang)) if e[0] == "city"] == expected
