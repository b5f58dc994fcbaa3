"""Send messages in which the assistant knows no word to the fallback.

The intent classifier always picks the intent whose character n-grams fit best, even for
keyboard mashing: "asdf jklö" came out as `affirm` (0.74), "???" as `affirm`, "hmm" as
`greet`. A citizen who types that should be asked to rephrase, not told "Anything else?".

`UnknownWordsFallback` remembers, when it is trained, every word of the training examples (all
three languages), of the facts store's entity patterns and of the concept lexicon, folded to lower case
without accents. At run time a message whose words are all unknown, and in which no entity
(city, organ, project, ...) was found, gets the intent `nlu_fallback`. A word also counts as
known when its first five letters begin a known word, so typos and inflections at the end of a
word ("quattropol", "Luxemburgh", "Bahnhöfe") are still understood, and so is a word one
letter away from a known one ("bonjur", "byee", "ouai"). It runs after
FallbackClassifier and changes nothing else of the message.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Iterable, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.text import deletions, words
from bot.nlu.concepts import lexicon_digest, lexicon_for

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"
PREFIX = 5  # letters a known word and a typo or inflection of it share
SUBSTITUTION = 5  # shortest word in which one changed letter still counts as a typo
_VOCABULARY_FILE = "vocabulary.json"


def _lexicon_config(config: Dict[str, Any]) -> Dict[str, Any]:
    """The ConceptFeaturizer settings whose lexicon words count as known."""
    return {"lexicon_path": config.get("lexicon_path"), "facts_path": config.get("facts_path")}


class Vocabulary:
    """Known words; a word also counts as known when it is one letter away from a known word
    (left out, added, or changed in a word of five letters or more: "bonjur", "byee", "ouai",
    "presidant") or starts with the same five
    letters as one ("quattropol", "Bürgermeisterin")."""

    def __init__(self, known: Iterable[Text], symbols: Iterable[Text] = ()) -> None:
        self.words: Set[Text] = set(known)
        # Training examples without a word ("👎", "@+"): known as they are.
        self.symbols: Set[Text] = {s.strip() for s in symbols}
        self.prefixes: Set[Text] = {w[:PREFIX] for w in self.words if len(w) >= PREFIX}
        # Symmetric deletion (as in SymSpell): two words are at most one edit apart when
        # one of them, or one letter less of each, meet.
        self.deleted: Set[Text] = set()
        for w in self.words:
            if len(w) >= 3:
                self.deleted.update(deletions(w))

    def knows(self, word: Text) -> bool:
        if word in self.words or (len(word) >= PREFIX and word[:PREFIX] in self.prefixes):
            return True
        if len(word) < 2:
            return False
        if word in self.deleted:  # a known word with one letter more
            return True
        # One letter too many; or, in words of SUBSTITUTION letters and more, one letter changed
        # (in shorter ones a changed letter makes too many words "known": "qwrt" ~ "wort").
        substitution = len(word) >= SUBSTITUTION
        return any(
            d in self.words or (substitution and d in self.deleted) for d in deletions(word) if len(d) >= 2
        )

    def knows_any(self, text: Text) -> bool:
        """False when `text` has no word this vocabulary knows (or no word at all and is not
        one of the wordless training examples)."""
        found = words(text)
        if not found:
            return text.strip() in self.symbols
        return any(self.knows(word) for word in found)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """`nlu_fallback` for messages without a single known word or entity."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # Path of the facts store whose entity patterns are known words; None: data/facts.
        # Path of the concept lexicon whose words are known; None: data/lexicon.
        return {"facts_path": None, "lexicon_path": None}

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Optional[Vocabulary] = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsFallback:
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return lexicon_digest(_lexicon_config(config))

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsFallback:
        try:
            with model_storage.read_from(resource) as directory:
                saved = json.loads((directory / _VOCABULARY_FILE).read_text(encoding="utf-8"))
            vocabulary = Vocabulary(saved["words"], saved["symbols"])
            return cls(config, model_storage, resource, vocabulary)
        except (ValueError, OSError, KeyError, TypeError):
            logger.warning("UnknownWordsFallback has no vocabulary; it will change nothing.")
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        known: Set[Text] = set()
        symbols: Set[Text] = set()
        for message in training_data.training_examples:
            text = message.get(TEXT) or ""
            found = words(text)
            known.update(found)
            if not found and text.strip():
                symbols.add(text.strip())
        # The concept lexicon's words ("grüezi", "bourgmestre"; a prefix entry as written) and
        # the facts store's names ("trèves"), as the ConceptFeaturizer reads them.
        known.update(lexicon_for(_lexicon_config(self._config)).words())
        self.vocabulary = Vocabulary(known, symbols)
        saved = {"words": sorted(known), "symbols": sorted(symbols)}
        with self._storage.write_to(self._resource) as directory:
            (directory / _VOCABULARY_FILE).write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.vocabulary is None:
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            if message.get(ENTITIES) or self.vocabulary.knows_any(text):
                continue
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) == FALLBACK_INTENT:
                continue
            confidence = 1.0
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != FALLBACK_INTENT
            ]
            message.set(
                INTENT,
                {INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: confidence},
                add_to_output=True,
            )
            message.set(
                INTENT_RANKING_KEY,
                [{INTENT_NAME_KEY: FALLBACK_INTENT, PREDICTED_CONFIDENCE_KEY: confidence}] + ranking,
                add_to_output=True,
            )
        return messages
