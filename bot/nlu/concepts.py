"""Concept features: hand-written vocabulary that tells the classifier what a word means.

The intent classifier learns from the examples' words and character n-grams only. A citizen
who greets with "grüezi", says goodbye with "pfiat di" or asks for the "Stadtoberhaupt" uses a
word that no training example may contain, and the classifier guesses. `ConceptFeaturizer`
adds what a developer knows about the vocabulary: `data/lexicon/concepts.yml` lists, per
concept (greeting, farewell, mayor, population, ...), the words and phrases that express it in
German, French and English. Every concept is one feature; it is 1 when the message contains
one of the concept's entries in any of the three languages, so a German example teaches the
classifier the French and English words of the same concept too.

Matching is on folded words (lower case, no accents, see `bot.nlu.text.fold`), so
"Buergermeister", "bürgermeister" and "Bürgermeister" are the same. An entry of several words
matches them in sequence; an entry ending in `*` matches every word that starts with it
("bürgermeister*" finds "Oberbürgermeisterin" only if listed as "oberbürgermeister*" too, and
"Bürgermeisterwahl").

It is a sparse featurizer like CountVectorsFeaturizer: sequence features (per token: the
concepts of the entries it is part of) and sentence features (per message: the concepts it
contains), read by LogisticRegressionClassifier (sentence) and DIET (both).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Text, Tuple

import numpy as np
import scipy.sparse
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.facts import FactsStore, store_at
from bot.language import LANGS
from bot.nlu.text import deletions, words

logger = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "lexicon"
TOKENS = "text_tokens"


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the file and the concept."""


@dataclass(frozen=True)
class Entry:
    """One entry: folded words; `prefix` means the last word only has to start the word."""

    words: Tuple[Text, ...]
    prefix: bool

    def matches_at(self, found: Sequence[Text], start: int) -> bool:
        if start + len(self.words) > len(found):
            return False
        last = len(self.words) - 1
        for offset, word in enumerate(self.words):
            candidate = found[start + offset]
            if offset == last and self.prefix:
                if not candidate.startswith(word):
                    return False
            elif candidate != word:
                return False
        return True


class Lexicon:
    """Concepts and their entries (all languages together), in a fixed order."""

    def __init__(
        self,
        concepts: Dict[Text, List[Entry]],
        languages: Optional[Dict[Text, Set[Text]]] = None,
        fuzzy: bool = True,
    ) -> None:
        self.names: List[Text] = sorted(concepts)
        #: also match one-letter typos of one-word entries
        self.fuzzy = fuzzy
        #: concept → the languages that have entries for it
        self.languages: Dict[Text, Set[Text]] = languages or {}
        # First word of an entry → (concept index, entry); prefix entries are checked apart.
        self._exact: Dict[Text, List[Tuple[int, Entry]]] = {}
        self._prefix: List[Tuple[int, Entry]] = []
        # One-word prefix entries by their first four letters (a stem has four or more).
        self._prefix_by_start: Dict[Text, List[Tuple[int, Entry]]] = {}
        # Typos of one-word entries (see `_fuzzy`; a prefix entry's stem as a word): entry
        # word → concepts, and every entry word with one letter left out → concepts.
        self._single: Dict[Text, Set[int]] = {}
        self._deleted: Dict[Text, Set[int]] = {}
        for index, name in enumerate(self.names):
            for entry in concepts[name]:
                if entry.prefix and len(entry.words) == 1:
                    self._prefix.append((index, entry))
                    self._prefix_by_start.setdefault(entry.words[0][:4], []).append((index, entry))
                else:
                    self._exact.setdefault(entry.words[0], []).append((index, entry))
                if len(entry.words) == 1 and len(entry.words[0]) >= 5:
                    word = entry.words[0]
                    self._single.setdefault(word, set()).add(index)
                    for shorter in deletions(word):
                        self._deleted.setdefault(shorter, set()).add(index)

    @classmethod
    def load(cls, path: Optional[Path] = None, store: Optional[FactsStore] = None) -> "Lexicon":
        """Read a lexicon file, or every `*.yml` file of a folder (default: data/lexicon/);
        the entries of a concept in several files are merged. With a facts `store`, its entity
        names are concepts too (`facts_city`, `facts_project`, ...; see `facts_concepts`)."""
        path = Path(path or LEXICON_PATH)
        files = sorted(path.glob("*.yml")) if path.is_dir() else [path]
        if not files:
            raise LexiconError(f"{path}: no lexicon file (*.yml) found")
        concepts: Dict[Text, List[Entry]] = {}
        languages: Dict[Text, Set[Text]] = {}
        for file in files:
            for name, by_lang in _read(file).items():
                for lang, entries in by_lang.items():
                    concepts.setdefault(name, []).extend(entries)
                    languages.setdefault(name, set()).add(lang)
        if store is not None:
            for name, entries in facts_concepts(store).items():
                concepts[name] = entries
                languages[name] = set(LANGS)
        return cls(concepts, languages)

    def missing_languages(self) -> Dict[Text, List[Text]]:
        """Concepts without entries in one of the three languages → those languages."""
        return {
            name: sorted(set(LANGS) - self.languages.get(name, set()))
            for name in self.names
            if set(LANGS) - self.languages.get(name, set())
        }

    def words(self) -> Iterable[Text]:
        """Every word of every entry (prefix entries as written): known vocabulary."""
        for bucket in self._exact.values():
            for _, entry in bucket:
                yield from entry.words
        for _, entry in self._prefix:
            yield from entry.words

    def match(self, found: Sequence[Text]) -> List[Tuple[int, int, int]]:
        """(concept index, first word, end word) of every entry found in the folded words."""
        hits: List[Tuple[int, int, int]] = []
        for start, word in enumerate(found):
            before = len(hits)
            for index, entry in self._exact.get(word, ()):
                if entry.matches_at(found, start):
                    hits.append((index, start, start + len(entry.words)))
            for index, entry in self._prefix_by_start.get(word[:4], ()):
                if word.startswith(entry.words[0]):
                    hits.append((index, start, start + 1))
            if len(hits) == before and self.fuzzy:
                hits.extend((index, start, start + 1) for index in self._fuzzy(word))
        return hits

    def _fuzzy(self, word: Text) -> Set[int]:
        """Concepts of a one-word entry (five letters or more) that `word` is a typo of: one
        letter left out ("halo" → hallo), one too many in a word of six letters or more
        ("tschuess" → tschüss), one changed or two swapped in a word of seven or more
        ("Vorstnad" → Vorstand). Shorter words are too close to other words for that ("sagen"
        is not "wagen"). Only for words no entry matches as they are."""
        if len(word) < 4:
            return set()
        found = set(self._deleted.get(word, ()))  # a letter left out
        if len(word) >= 6:
            for shorter in deletions(word):
                found |= self._single.get(shorter, set())  # a letter too many
                if len(word) >= 7:
                    found |= self._deleted.get(shorter, set())  # a letter changed, two swapped
        return found

    def concepts_of(self, text: Text) -> List[Text]:
        """The names of the concepts `text` contains (for tests and debugging)."""
        return sorted({self.names[i] for i, _, _ in self.match(words(text))})


def _read(path: Path) -> Dict[Text, Dict[Text, List[Entry]]]:
    """concept → language → entries of one lexicon file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: cannot read the lexicon: {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("concepts"), dict):
        raise LexiconError(f"{path}: expected a mapping 'concepts: {{name: {{de: [...]}}}}'")
    concepts: Dict[Text, Dict[Text, List[Entry]]] = {}
    for name, by_lang in raw["concepts"].items():
        if not isinstance(name, str):  # `yes:` / `no:` are booleans in YAML
            raise LexiconError(f"{path}: concept name {name!r} is not a string; quote it")
        if not isinstance(by_lang, dict) or not by_lang or set(by_lang) - set(LANGS):
            raise LexiconError(
                f"{path}: concept '{name}': expected languages among {', '.join(LANGS)} as keys"
            )
        concepts[name] = {}
        for lang, items in by_lang.items():
            entries = concepts[name][lang] = []
            if not isinstance(items, list):
                raise LexiconError(f"{path}: concept '{name}', {lang}: expected a list")
            for item in items:
                entry = parse_entry(str(item))
                if entry is None or (len(entry.words) == 1 and len(entry.words[0]) < 2):
                    raise LexiconError(
                        f"{path}: concept '{name}', {lang}: entry '{item}' "
                        "needs a word of two letters or more"
                    )
                if entry.prefix and len(entry.words[-1]) < 4:
                    raise LexiconError(
                        f"{path}: concept '{name}', {lang}: prefix entry "
                        f"'{item}' needs four letters or more before the *"
                    )
                entries.append(entry)
    return concepts


def facts_concepts(store: FactsStore) -> Dict[Text, List[Entry]]:
    """The facts store's entity names as concepts, one per entity type: `facts_city` (every
    spelling of the four cities), `facts_project` (every project's names), `facts_organ`,
    `facts_transport`. Patterns that are not plain words (the year's regex) are left out."""
    concepts: Dict[Text, List[Entry]] = {}
    for pattern in store.entity_patterns():
        values = [token.get("LOWER") for token in pattern["pattern"]]
        if not values or not all(isinstance(v, str) for v in values):
            continue
        found = tuple(words(" ".join(values)))
        if found:
            concepts.setdefault(f"facts_{pattern['label']}", []).append(Entry(found, False))
    return concepts


def parse_entry(item: Text) -> Optional[Entry]:
    prefix = item.rstrip().endswith("*")
    found = tuple(words(item.replace("*", " ")))
    return Entry(found, prefix) if found else None


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
    """The lexicon a ConceptFeaturizer with this config uses (also for bench.quick_cv)."""
    defaults = ConceptFeaturizer.get_default_config()
    settings = {**defaults, **config}
    store = store_at(settings["facts_path"]) if settings["facts_concepts"] else None
    return Lexicon.load(settings["lexicon_path"], store)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class ConceptFeaturizer(SparseFeaturizer, GraphComponent):
    """One sparse feature per concept of `data/lexicon/` (and per facts-store entity type)."""

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

    def __init__(self, config: Dict[str, Any], lexicon: Lexicon) -> None:
        super().__init__(config["alias"], config)
        self.lexicon = lexicon

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ConceptFeaturizer:
        return cls(config, lexicon_for(config))

    @classmethod
    def validate_config(cls, config: Dict[str, Any]) -> None:
        pass

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            tokens: List[Token] = message.get(TOKENS) or []
            if not tokens:
                continue
            sequence, sentence = concept_matrices(self.lexicon, [t.text for t in tokens])
            weight = self._config["weight"]
            self.add_features_to_message(
                scipy.sparse.coo_matrix(sequence * weight),
                scipy.sparse.coo_matrix(sentence * weight),
                TEXT,
                message,
            )
        return messages
