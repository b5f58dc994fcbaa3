"""The concept lexicon (data/lexicon/{de,fr,en}.yml): per concept (greeting, farewell, mayor,
fare, ...), the words and phrases that express it in each language. Plain Python, no Rasa:
the NLU's `bot.nlu.concepts.ConceptFeaturizer` turns concepts into features, the actions ask
which concepts a message contains (`concepts_of`), and `make validate` checks the files.

Matching is on folded words (lower case, no accents, see `bot.language.fold`), so
"Buergermeister", "bürgermeister" and "Bürgermeister" are the same. An entry of several words
matches them in sequence; an entry ending in `*` matches every word that starts with it
("bürgermeister*" finds "Bürgermeisterwahl"; "Oberbürgermeisterin" only if listed as
"oberbürgermeister*" too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Set, Text, Tuple

import yaml

from bot.language.text import LANGS, deletions, words

#: Everyday words that are one letter away from an entry but never a typo of it: German "oder"
#: (not "order"), French "mais" (not "mails") and "ensuite", English "into" (not "intro")
NOT_TYPOS = frozenset({"oder", "mais", "ensuite", "into", "onto"})
#: ae, oe, ue for ä, ö, ü (folded to a, o, u), after a consonant: "waehlt", not "quelle"
_TRANSLITERATED = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(?:ae|oe|ue)")

if TYPE_CHECKING:
    from bot.facts import FactsStore

LEXICON_PATH = Path(__file__).resolve().parents[2] / "data" / "lexicon"
#: Concepts only the actions look for (not NLU features), in the same format.
ACTION_WORDS_PATH = LEXICON_PATH.with_name("action_words.yml")


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
        self.concepts = concepts
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
    def load(
        cls, path: Optional[Path] = None, store: Optional["FactsStore"] = None, shortest: int = 2
    ) -> "Lexicon":
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
            for name, by_lang in _read(file, shortest).items():
                for lang, entries in by_lang.items():
                    concepts.setdefault(name, []).extend(entries)
                    languages.setdefault(name, set()).add(lang)
        if store is not None:
            for name, entries in facts_concepts(store).items():
                concepts[name] = entries
                languages[name] = set(LANGS)
        return cls(concepts, languages)

    def as_dict(self) -> Dict[Text, Any]:
        """Everything that defines the features, as JSON-ready data (see `from_dict`)."""
        return {
            "concepts": {
                name: [[list(entry.words), entry.prefix] for entry in self.concepts[name]]
                for name in self.names
            },
            "languages": {name: sorted(found) for name, found in sorted(self.languages.items())},
            "fuzzy": self.fuzzy,
        }

    @classmethod
    def from_dict(cls, data: Dict[Text, Any]) -> "Lexicon":
        concepts = {
            name: [Entry(tuple(found), bool(prefix)) for found, prefix in entries]
            for name, entries in data["concepts"].items()
        }
        languages = {name: set(found) for name, found in data["languages"].items()}
        return cls(concepts, languages, bool(data["fuzzy"]))

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
        # "waehlt", "gruendung": German umlauts typed as ae, oe, ue are tried as a, o, u
        plain = [_TRANSLITERATED.sub(lambda m: m.group(0)[0], word) for word in found]
        for start, word in enumerate(found):
            before = len(hits)
            for words_seen in (found, plain) if plain[start] != word else (found,):
                if len(hits) > before:
                    break
                seen = words_seen[start]
                for index, entry in self._exact.get(seen, ()):
                    if entry.matches_at(words_seen, start):
                        hits.append((index, start, start + len(entry.words)))
                for index, entry in self._prefix_by_start.get(seen[:4], ()):
                    if seen.startswith(entry.words[0]):
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
        if len(word) < 4 or word in NOT_TYPOS:
            return set()
        found = set(self._deleted.get(word, ()))  # a letter left out
        if len(word) >= 6:
            for shorter in deletions(word):
                found |= self._single.get(shorter, set())  # a letter too many
                if len(word) >= 7:
                    found |= self._deleted.get(shorter, set())  # a letter changed, two swapped
        return found

    def ends_with(self, text: Text, concept: Text) -> bool:
        """True when `text` ends with an entry of `concept` ("... nach" for `to_marker`);
        only spaces may follow it."""
        stripped = text.rstrip()
        if not stripped or not stripped[-1].isalpha():
            return False
        found = words(stripped)
        index = self.names.index(concept)
        return any(i == index and end == len(found) for i, _, end in self.match(found))

    def says(self, text: Text, concept: Text) -> bool:
        """True when `text` contains an entry of `concept`."""
        return concept in self.concepts_of(text)

    def concepts_of(self, text: Text) -> List[Text]:
        """The names of the concepts `text` contains (for tests and debugging)."""
        return sorted({self.names[i] for i, _, _ in self.match(words(text))})


def _read(path: Path, shortest: int = 2) -> Dict[Text, Dict[Text, List[Entry]]]:
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
                if entry is None or (len(entry.words) == 1 and len(entry.words[0]) < shortest):
                    raise LexiconError(
                        f"{path}: concept '{name}', {lang}: entry '{item}' "
                        f"needs a word of {shortest} letters or more"
                    )
                if entry.prefix and len(entry.words[-1]) < 4:
                    raise LexiconError(
                        f"{path}: concept '{name}', {lang}: prefix entry "
                        f"'{item}' needs four letters or more before the *"
                    )
                entries.append(entry)
    return concepts


def facts_concepts(store: "FactsStore") -> Dict[Text, List[Entry]]:
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


@lru_cache(maxsize=1)
def project_lexicon() -> Lexicon:
    """data/lexicon as it is now (read once), for the actions."""
    return Lexicon.load()


@lru_cache(maxsize=1)
def action_words() -> Lexicon:
    """data/action_words.yml (read once), matched as written: no typo tolerance for these
    short grammar words ("tun" is not "tu", "von" is not "vom")."""
    lexicon = Lexicon.load(ACTION_WORDS_PATH, shortest=1)  # the French 'à'
    lexicon.fuzzy = False
    return lexicon
