"""UnknownWordsFallback: messages without a known word or entity go to nlu_fallback."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.text import fold, words
from bot.nlu.unknown_words import UnknownWordsFallback, Vocabulary

EXAMPLES = [
    ("Wer ist der Bürgermeister von Metz?", "ask_city_mayor"),
    ("Qui est le président de QuattroPole ?", "ask_president"),
    ("How many people live in Trier?", "ask_city_population"),
    ("ok", "affirm"),
    ("merci", "thank"),
    ("👎", "deny"),
]


@pytest.fixture(scope="module")
def component(tmp_path_factory):
    """Trained once for the module: `process` only reads the component."""
    storage = LocalModelStorage(tmp_path_factory.mktemp("unknown_words"))
    resource = Resource("unknown_words")
    context = ExecutionContext(graph_schema=None, model_id="test")
    trained = UnknownWordsFallback.create({"facts_path": None}, storage, resource, context)
    trained.train(TrainingData([Message(data={"text": t, "intent": i}) for t, i in EXAMPLES]))
    # What the Rasa server does: load the persisted vocabulary into a new instance.
    return UnknownWordsFallback.load({"facts_path": None}, storage, resource, context)


def parsed(component, text, intent="affirm", confidence=0.74, entities=()):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    message.set("entities", list(entities), add_to_output=True)
    component.process([message])
    return message


def test_fold_and_words():
    assert fold("Trèves Größe Élysée") == "treves grosse elysee"
    assert words("Qui préside, en 2019 ?") == ["qui", "preside", "en"]


@pytest.mark.parametrize("text", ["asdf jklö", "???", "👍", "xyzzy qwrt", "lalala"])
def test_nothing_known_goes_to_the_fallback(component, text):
    message = parsed(component, text)
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("intent_ranking")[0]["name"] == "nlu_fallback"
    assert message.get("intent_ranking")[1]["name"] == "affirm"  # the classifier's guess is kept


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "merci !",
        "MERCI",
        "wer ist burgermeister",  # no umlaut
        "presidente quattropol",  # typos at the end of words
        "Bürgermeisterin?",  # an inflection sharing the first five letters
        "Luxemburg",  # a name from the facts store, even without the entity
        "Sarrebruck",
    ],
)
def test_a_known_word_keeps_the_classifiers_intent(component, text):
    assert parsed(component, text).get("intent")["name"] == "affirm"


def test_an_entity_keeps_the_classifiers_intent(component):
    city = {"entity": "city", "value": "metz", "start": 0, "end": 4}
    assert parsed(component, "Mettz??", entities=[city]).get("intent")["name"] == "affirm"


def test_vocabulary_prefix_and_one_edit_rules():
    vocabulary = Vocabulary(["quattropole", "bonjour", "bus", "wort", "merci"], symbols=["👎"])
    assert vocabulary.knows("quattropolis")  # same first five letters
    assert vocabulary.knows("bonjur") and vocabulary.knows("bonjourr")  # one letter away
    assert vocabulary.knows("bu") and vocabulary.knows("buss")  # one letter less or more
    assert vocabulary.knows("mersi")  # one letter changed in a word of five letters
    # ... but not in a shorter word, where that makes nonsense known ("qwrt" ~ "wort")
    assert not vocabulary.knows("bos") and not vocabulary.knows("qwrt")
    assert not vocabulary.knows("quat") and not vocabulary.knows("bjr") and not vocabulary.knows("x")
    assert not vocabulary.knows_any("!!!") and vocabulary.knows_any(" 👎 ")


def test_a_wordless_training_example_keeps_its_intent(component):
    assert parsed(component, "👎", intent="deny").get("intent")["name"] == "deny"


def test_without_a_vocabulary_nothing_changes(tmp_path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, model_id="test")
    component = UnknownWordsFallback.load({}, storage, Resource("missing"), context)
    assert parsed(component, "asdf jklö").get("intent")["name"] == "affirm"
