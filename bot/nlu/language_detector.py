"""Rasa graph component that annotates each message with `bot.language.detect`'s result.

It only adds `language_detection` to the parse data; the conversation-level decision is made by
`actions/language.py` (the `language` slot's mapping action). Put it first in the pipeline.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import METADATA, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import DETECTION_KEY, detect
from bot.language.detect import NO_EVIDENCE, warm_up

logger = logging.getLogger(__name__)


# Registered as a non-trainable intent classifier: the recipe then runs `process` at inference
# in pipeline order and leaves training untouched (a tokenizer/featurizer type would also run it
# on every training example and for end-to-end featurization, for nothing).
@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Stores `Detection.as_dict()` under `language_detection` in every message's parse data."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        try:
            warm_up()  # load lexicon and profiles now, not on the first user message
        except Exception:  # detect() loads lazily again and never raises
            logger.exception("could not preload the language detector")
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._annotate(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    @staticmethod
    def _annotate(message: Message) -> None:
        try:
            text = message.get(TEXT)
            metadata: dict[str, Any] | None = message.get(METADATA)
            detection = detect(text if isinstance(text, str) else "", metadata)
        except Exception:  # never break the NLU pipeline
            logger.exception("language detection failed")
            detection = NO_EVIDENCE
        message.set(DETECTION_KEY, detection.as_dict(), add_to_output=True)
