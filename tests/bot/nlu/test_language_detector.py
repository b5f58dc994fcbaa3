"""bot.nlu.language_detector: the Rasa component annotates messages and never raises."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import DETECTION_KEY as LANGUAGE_DETECTION
from bot.nlu.language_detector import LanguageDetector


def test_registered_as_non_trainable_component() -> None:
    registered = DefaultV1Recipe._from_registry("bot.nlu.language_detector.LanguageDetector")
    assert registered.clazz is LanguageDetector
    assert not registered.is_trainable


def test_process_sets_the_detection_in_the_parse_data() -> None:
    messages = [
        Message(data={"text": "Hallo", "metadata": {"language": "fr"}}),
        Message(data={"text": "ok", "metadata": {"language_choice": "en"}}),
        Message(data={"text": None}),
        Message(data={}),
    ]
    LanguageDetector().process(messages)
    first, second, third, fourth = (m.get(LANGUAGE_DETECTION) for m in messages)
    assert first["language"] == "de" and first["evidence"]
    assert second["requested"] == "en" and not second["evidence"]
    assert third["evidence"] is False and fourth["evidence"] is False
    assert LANGUAGE_DETECTION in messages[0].as_dict_nlu()


def test_training_data_is_unchanged() -> None:
    data = TrainingData([Message(data={"text": "Hallo", "intent": "greet"})])
    assert LanguageDetector().process_training_data(data) is data
