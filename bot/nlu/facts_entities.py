"""Per-language spaCy processing whose entity patterns come from the facts store.

For every message this component picks a blank spaCy pipeline for the message's language
(de/fr/en) with a lookup lemmatizer (tables from spacy-lookups-data, installed as a package,
nothing downloaded) and an `entity_ruler`. It adds the entities `city`, `organ`, `project`,
`transport` and `year`, with canonical values (city ids such as `saarbruecken`) from the
patterns `FactsStore.entity_patterns()` generates. A word the patterns miss but the store's
fuzzy city resolver recognises ("Saarbrüken") is added as a city too.

With `lemmatize: true` it would also set the lemma of each Rasa token ("Stadt" for "Städte")
for CountVectorsFeaturizer's `use_lemma`; config.yml turns that off (cross-validation says the
lemmas cost accuracy, docs/nlu_evaluation.md), so the lemmatizer only shapes the tokens the
entity ruler sees.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Dict, List

import spacy
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.facts import FactsStore, store_at
from bot.language import DETECTION_KEY, LANGS, detect

logger = logging.getLogger(__name__)

TOKENS = "text_tokens"
_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}", re.UNICODE)


def build_pipelines(store: FactsStore) -> Dict[str, spacy.language.Language]:
    """One blank pipeline per language: lookup lemmatizer, then the store's entity ruler."""
    patterns = store.entity_patterns()
    pipelines = {}
    for lang in LANGS:
        nlp = spacy.blank(lang)
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the lemma tables before the ruler tokenizes its patterns
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]  # add_pipe is typed as returning a bare Pipe
        pipelines[lang] = nlp
    return pipelines


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=False,
)
class FactsEntityRuler(GraphComponent, EntityExtractorMixin):
    """Fact entities (and lemmas, when `lemmatize` is on) from per-language spaCy pipelines."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            # Path of the facts store; None means the project's data/facts.
            "facts_path": None,
            # Set token lemmas (used by CountVectorsFeaturizer's `use_lemma`).
            "lemmatize": True,
            # Fall back to the store's fuzzy city resolver for words the patterns miss.
            "fuzzy_cities": True,
        }

    def __init__(self, config: Dict[str, Any], store: FactsStore) -> None:
        self._config = config
        self._store = store
        self._nlp = build_pipelines(store)

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> FactsEntityRuler:
        return cls(config, store_at(config.get("facts_path")))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            if message.get(TEXT):
                self._annotate(message, add_entities=False)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                self._annotate(message, add_entities=True)
            except Exception:  # a failing annotation must never lose the turn
                logger.exception("FactsEntityRuler failed on a message; skipping it.")
        return messages

    # ------------------------------------------------------------------------------------
    def _language(self, message: Message) -> str:
        detection = message.get(DETECTION_KEY) or {}
        lang = detection.get("language")
        if lang in LANGS:
            return lang
        lang = detect(message.get(TEXT) or "").language
        return lang if lang in LANGS else "en"

    def _annotate(self, message: Message, add_entities: bool) -> None:
        text = message.get(TEXT) or ""
        if not text.strip():
            return
        doc = self._nlp[self._language(message)](text)
        if self._config["lemmatize"]:
            self._set_lemmas(message.get(TOKENS) or [], doc)
        if add_entities:
            entities = self._entities(text, doc)
            if entities:
                entities = self.add_extractor_name(entities)
                message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)

    @staticmethod
    def _set_lemmas(tokens: List[Token], doc: Any) -> None:
        """Give each Rasa token the lemma(s) of the spaCy tokens inside its span."""
        by_start = {t.idx: t for t in doc}
        for token in tokens:
            inner = []
            position = token.start
            while position < token.end:
                spacy_token = by_start.get(position)
                if spacy_token is None:
                    break
                if not spacy_token.is_punct:
                    inner.append(spacy_token.lemma_.lower())
                position = spacy_token.idx + len(spacy_token.text)
                while position < token.end and position not in by_start:
                    position += 1
            if inner:
                token.lemma = "".join(inner)

    def _entities(self, text: str, doc: Any) -> List[Dict[str, Any]]:
        entities: List[Dict[str, Any]] = []
        covered: set[int] = set()
        for ent in doc.ents:
            value: str = ent.ent_id_ or ent.text
            entities.append(_entity(ent.label_, value, ent.start_char, ent.end_char, ent.text))
            covered.update(range(ent.start_char, ent.end_char))
        if self._config["fuzzy_cities"]:
            for match in _WORD.finditer(text):
                if match.start() in covered:
                    continue
                city = self._store.resolve_city(match.group())
                if city:
                    entities.append(_entity("city", city, match.start(), match.end(), match.group()))
                else:
                    entities.extend(self._route_ends(match))
        entities.sort(key=lambda e: e["start"])
        return entities

    def _route_ends(self, match: "re.Match[str]") -> List[Dict[str, Any]]:
        """ "saarbrücken-trier", one token to the tokenizer: a city on each side of a hyphen
        (two different cities, or none: "Esch-sur-Alzette" and "Metz-Nancy-Lorraine" name
        no route)."""
        parts = [(m.start() + match.start(), m.group()) for m in re.finditer(r"[^\W_]+", match.group())]
        found = [(start, part, self._store.resolve_city(part)) for start, part in parts]
        cities = [(start, part, city) for start, part, city in found if city]
        if len(parts) != 2 or len({city for _, _, city in cities}) != 2:
            return []
        return [_entity("city", city, start, start + len(part), part) for start, part, city in cities]


def _entity(label: str, value: str, start: int, end: int, text: str) -> Dict[str, Any]:
    return {
        "entity": label,
        "value": value,
        "start": start,
        "end": end,
        "confidence_entity": 1.0,
        "text": text,
    }
