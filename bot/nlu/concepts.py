"""Concept features: hand-written vocabulary that tells the classifier what a word means.

The intent classifier learns from the examples' words and character n-grams only. A citizen
who greets with "grüezi", says goodbye with "pfiat di" or asks for the "Stadtoberhaupt" uses a
word that no training example may contain, and the classifier guesses. `ConceptFeaturizer`
adds what a developer knows about the vocabulary: `data/lexicon/{de,fr,en}.yml` list, per
concept (greeting, farewell, mayor, population, ...), the words and phrases that express it in
each language. Every concept is one feature; it is 1 when the message contains
one of the concept's entries in any of the three languages, so a German example teaches the
classifier the French and English words of the same concept too.

The lexicon itself (files, entries, matching) is `bot.language.concepts`, which knows no Rasa.

It is a sparse featurizer like CountVectorsFeaturizer: sequence features (per token: the
concepts of the entries it is part of) and sentence features (per message: the concepts it
contains), read by the intent classifier (bot/nlu/blend.py, sentence features only).

The concepts are part of the trained model: `train` saves the concept list and entries it was
trained with, and a loaded model uses those, never data/lexicon as it is now. Editing the lexicon
(or the facts store's names) therefore changes nothing until the model is retrained, and both
are inputs of the retraining decision (`fingerprint_addon`, scripts/train_if_needed.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Text, Tuple

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.facts import DEFAULT_PATH as FACTS_PATH
from bot.facts import store_at
from bot.language.concepts import LEXICON_PATH, Lexicon
from bot.language.text import words

logger = logging.getLogger(__name__)

TOKENS = "text_tokens"
_LEXICON_FILE = "concepts.json"


def concept_matrices(lexicon: Lexicon, token_texts: Sequence[Text]) -> Tuple[np.ndarray, np.ndarray]:
    """Sequence features (tokens × concepts) and sentence features (1 × concepts) for the
    tokens of one message."""
    found: List[Text] = []
    owner: List[int] = []  # token index of each folded word
    for index, text in enumerate(token_texts):
        for word in words(text):
            found.append(word)
            owner.append(index)
    sequence = np.zeros((len(token_texts), len(lexicon.names)))
    sentence = np.zeros((1, len(lexicon.names)))
    for concept, start, end in lexicon.match(found):
        sentence[0, concept] = 1.0
        for position in range(start, end):
            sequence[owner[position], concept] = 1.0
    return sequence, sentence


def lexicon_for(config: Dict[str, Any]) -> Lexicon:
    """The lexicon a ConceptFeaturizer with this config trains with (also for bench.quick_cv)."""
    settings = {**ConceptFeaturizer.get_default_config(), **config}
    store = store_at(settings["facts_path"]) if settings["facts_concepts"] else None
    return Lexicon.load(settings["lexicon_path"], store)


def lexicon_digest(config: Dict[str, Any]) -> Text:
    """A digest of the files `lexicon_for(config)` reads: Rasa retrains the components that
    read them when it changes (`GraphComponent.fingerprint_addon`)."""
    settings = {**ConceptFeaturizer.get_default_config(), **config}
    roots = [Path(settings["lexicon_path"] or LEXICON_PATH)]
    if settings["facts_concepts"]:
        roots.append(Path(settings["facts_path"] or FACTS_PATH))
    digest = hashlib.sha256()
    for root in roots:
        for file in sorted(root.rglob("*.yml")) if root.is_dir() else [root]:
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class ConceptFeaturizer(SparseFeaturizer, GraphComponent):
    """One sparse feature per concept of `data/lexicon/` (and per facts-store entity type), as
    they were when the model was trained."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            **SparseFeaturizer.get_default_config(),
            # Path of the lexicon (a file or a folder); None means the project's data/lexicon/.
            "lexicon_path": None,
            # Also one concept per entity type of the facts store (facts_city, ...).
            "facts_concepts": True,
            # Path of the facts store; None means the project's data/facts.
            "facts_path": None,
            # The value of a concept's feature (the count features are counts of 1 and more).
            "weight": 1.0,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        lexicon: Lexicon,
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
    ) -> None:
        super().__init__(config["alias"], config)
        self.lexicon = lexicon
        self.weight = config["weight"]
        self._storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ConceptFeaturizer:
        return cls(config, lexicon_for(config), model_storage, resource)

    @classmethod
    def load(
        cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, *_: Any, **__: Any
    ) -> ConceptFeaturizer:
        """The concepts saved by `train`; data/lexicon is not read again."""
        with model_storage.read_from(resource) as directory:
            saved = json.loads((directory / _LEXICON_FILE).read_text(encoding="utf-8"))
        return cls(config, Lexicon.from_dict(saved), model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        return lexicon_digest(config)

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        pass

    def train(self, training_data: TrainingData) -> Resource:
        """Save the concepts the features are built from with the model."""
        assert self._storage is not None and self._resource is not None
        with self._storage.write_to(self._resource) as directory:
            (directory / _LEXICON_FILE).write_text(
                json.dumps(self.lexicon.as_dict(), ensure_ascii=False), encoding="utf-8"
            )
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tokens: List[Token] = message.get(TOKENS) or []
            if not tokens:
                continue
            sequence, sentence = concept_matrices(self.lexicon, [t.text for t in tokens])
            self.add_features_to_message(
                scipy.sparse.coo_matrix(sequence * self.weight),
                scipy.sparse.coo_matrix(sentence * self.weight),
                TEXT,
                message,
            )
        return messages
