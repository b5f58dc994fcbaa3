"""The loaded facts store: dotted-key lookups, city spellings, routes, presidents, patterns.

Built by ``bot.facts.loader.load_store`` from validated files; it never reads files itself.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from bot.facts import clock
from bot.facts.model import (
    CITY_IDS,
    LANGS,
    City,
    Fact,
    PartialDate,
    President,
    Project,
    ServiceTopic,
    Source,
    Texts,
    Vocabulary,
)
from bot.facts.text import name_key, spellings, token_variants

# Fuzzy city matching is for long names only: short words ("tier", "mets", "the") are too
# close to real words in the three languages, so short typos must be listed in the YAML.
FUZZY_CUTOFF = 0.85
FUZZY_MIN_LENGTH = 6
FUZZY_MAX_LENGTH_DIFF = 2
FUZZY_MAX_NGRAM = 3
#: A word made from a city's name ("Trierer", "luxembourgeoise") counts when the name is this long.
NAME_STEM_MIN_LENGTH = 5
YEAR_REGEX = r"^(19[5-9]\d|20[0-3]\d)$"


#: a number of four digits or more, maybe grouped by thousands ("530 000", "530.000", "124,396")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ .,'\u202f\u00a0]\d{3})+(?![\d])|(?<![\d.,])\d{4,}(?![\d])")


@lru_cache(maxsize=1024)
def _numbers(text: str) -> Tuple[str, ...]:
    """The numbers of four digits or more in `text`, as plain digits (the facts' texts are
    read once, not on every question that quotes a number)."""
    return tuple(n for n in (re.sub(r"\D", "", m) for m in _NUMBER.findall(text)) if len(n) >= 4)


@dataclass(frozen=True)
class Route:
    """A travel fact between two cities (ids sorted alphabetically)."""

    a: str
    b: str
    fact: Fact
    direct_train: Optional[bool]
    covers: Tuple[str, ...] = ("train",)


@dataclass(frozen=True)
class Citation:
    """How a reply names its source: a readable label, the address and the page's date."""

    label: str
    url: str
    date_text: Optional[str]
    official: bool
    source_id: str = ""
    lang: str = ""

    def as_dict(self) -> Dict[str, Any]:
        return {"label": self.label, "url": self.url, "date": self.date_text}


@dataclass(frozen=True)
class Pointer:
    """Where citizens go for a topic: in one city (``city``) or the whole region (None)."""

    topic: str
    city: Optional[str]
    text: Texts
    url: str
    source: str
    as_of: PartialDate
    citation: Optional[Citation] = None

    def text_for(self, lang: str) -> str:
        return self.text[lang]


# Month names per language for the citation date; the chat-wide formats live in
# bot/language/formats.yml, read through format_date when it is available.
def _date_text(date: Optional[PartialDate], lang: str) -> Optional[str]:
    if date is None:
        return None
    from bot.language.format import format_date  # plain Python, no Rasa

    return format_date(date, lang)


@dataclass(frozen=True)
class _Term:
    president: President
    fact: Fact
    first_month: int
    last_month: int


#: A surname this short is also a common word ("gros"): only the full name counts, or the
#: surname after a title ("Herr Sohn", "Monsieur Gros").
MIN_SURNAME = 5
_TITLED = re.compile(r"\b(?:herr|herrn|frau|monsieur|madame|mme|mr|mrs|ms|dr)\s+(\w+)")


def _spaced_words(text: str) -> str:
    """The folded words of `text` between single spaces, with one before and after, so that a
    term's words are found as whole words with `in`."""
    return " " + " ".join(name_key(text).split()) + " "


def _names(name: str, said: set, folded: str) -> bool:
    """True when the folded text names the person: the full name, or a surname long enough."""
    surname = name.split()[-1]
    return name in folded or (len(surname) >= MIN_SURNAME and surname in said)


class FactsStore:
    """Read-only lookups over the facts; construct it with ``load_store()``."""

    def __init__(
        self,
        facts: Dict[str, Fact],
        cities: Dict[str, City],
        organs: Dict[str, Vocabulary],
        transport: Dict[str, Vocabulary],
        projects: Dict[str, Project],
        presidents: List[President],
        routes: Dict[Tuple[str, str], Route],
        files: Dict[str, List[str]],
        network_website: Optional[str] = None,
        region_names: Optional[Texts] = None,
        board_roles: Optional[Dict[str, Texts]] = None,
        board_role_said: Optional[Texts] = None,
        sources: Optional[Dict[str, Source]] = None,
        source_ids: Optional[Dict[str, str]] = None,
        topics: Optional[Dict[str, ServiceTopic]] = None,
        pointers: Optional[List[Pointer]] = None,
    ) -> None:
        self.network_website = network_website
        """The network's own website, where the assistant points when it does not know."""
        self._region_names = region_names
        self._board_roles: Dict[str, Texts] = dict(board_roles or {})
        self._board_role_said = board_role_said
        self._facts = dict(facts)
        self._cities = dict(cities)
        self._organs = dict(organs)
        self._transport = dict(transport)
        self._projects = dict(projects)
        self._routes = dict(routes)
        self.files: Dict[str, List[str]] = {name: list(keys) for name, keys in files.items()}
        """Fact keys per store file, in file order (for summaries)."""
        self._sources: Dict[str, Source] = dict(sources or {})
        self._source_ids: Dict[str, str] = dict(source_ids or {})
        for source_id in self._sources:
            self._source_ids.setdefault(source_id, source_id)
        self._topics: Dict[str, ServiceTopic] = dict(topics or {})
        self._terms = [
            _Term(
                president=p,
                fact=self._facts.get(p.key()) or p.to_fact(),
                first_month=p.start.months_index(),
                # an open term is only known up to the date of its source
                last_month=(p.end or p.as_of).months_index(end=p.end is not None),
            )
            for p in presidents
        ]
        self._term_person: Dict[str, str] = {p.key(): p.person for p in presidents}
        self._city_keys: Dict[str, str] = {}
        for city_id, city in self._cities.items():
            for spelling in [*city.names.dict().values(), *city.aliases, *city.typos, city_id]:
                self._city_keys[name_key(spelling)] = city_id

        self._pointers: List[Pointer] = [
            Pointer(
                topic=p.topic,
                city=p.city,
                text=p.text,
                url=p.url,
                source=p.source,
                as_of=p.as_of,
                citation=self._citation_for([p.source], None, prefer_lang=False),
            )
            for p in (pointers or [])
        ]

    # -- facts ---------------------------------------------------------------------------
    def fact(self, key: str) -> Optional[Fact]:
        """The fact stored under a dotted key, or None when it is not known."""
        return self._facts.get(key)

    def key_of(self, fact: Fact) -> Optional[str]:
        """The store key of a fact (the loader sets ``fact.key``; equal copies are found too)."""
        if fact.key and fact.key in self._facts:
            return fact.key
        for key, known in self._facts.items():
            if known == fact or (known.text == fact.text and known.as_of == fact.as_of):
                return key
        return None

    def person_words(self) -> frozenset:
        """The folded words of every person's name the store knows ("lydie", "polfer")."""
        names = [*(p for f in self._facts.values() for p in f.persons), *self._term_person.values()]
        return frozenset(w for n in names for w in re.findall(r"\w+", name_key(n)))

    def facts_about(self, text: str) -> List[str]:
        """Keys of the facts about the people `text` names by surname or full name ("wer kam
        nach Leibe", "Polfer"), in store order; a presidency term names its president."""
        named = set(self.persons_named(text))
        keys = []
        for key, fact in self._facts.items():
            names = [*fact.persons, *([self._term_person[key]] if key in self._term_person else [])]
            if named & set(names):
                keys.append(key)
        return keys

    def facts_named_in(self, text: str) -> List[str]:
        """Keys of the facts one of whose `named_by` terms `text` says as whole words."""
        said = _spaced_words(text)
        return [
            key for key, fact in self._facts.items() if any(_spaced_words(t) in said for t in fact.named_by)
        ]

    def facts_with_number(self, text: str) -> List[str]:
        """Keys of the facts whose text, in any language, gives a number of four digits or
        more (not a year) that `text` gives, however grouped ("le chiffre de 530 000": the network's
        population, written "530.000" and "530,000" in the other languages)."""
        asked = {n for n in _numbers(text) if not re.match(YEAR_REGEX, n)}  # a year names too many
        if not asked:
            return []
        return [
            key
            for key, fact in self._facts.items()
            if asked & {n for lang in ("de", "fr", "en") for n in _numbers(fact.text_for(lang))}
        ]

    def persons_named(self, text: str) -> List[str]:
        """The full names of the people the store knows that `text` names (see facts_about)."""
        folded = " ".join(re.findall(r"\w+", name_key(text)))
        said = set(folded.split())
        # "Herr Sohn", "Mme Gros": after a title, a short surname is a name too
        titled = set(_TITLED.findall(folded))
        names = [*(p for f in self._facts.values() for p in f.persons), *self._term_person.values()]
        return list(
            dict.fromkeys(
                n for n in names if _names(name_key(n), said, folded) or name_key(n).split()[-1] in titled
            )
        )

    def facts_with_kind(self, kind: str, prefix: str = "") -> List[str]:
        """Keys (under ``prefix``) of the facts that answer questions of ``kind``."""
        return [k for k, f in self._facts.items() if k.startswith(prefix) and kind in f.kinds]

    # -- time ----------------------------------------------------------------------------
    def events(self, subject: Union[str, Iterable[str], None] = None) -> List[Fact]:
        """Facts with an event date (under the subject's key prefixes), earliest first."""
        found = [f for k, f in self._facts.items() if f.event is not None and _matches(k, subject)]
        return sorted(found, key=lambda f: (f.event.first_day(), f.key or ""))  # type: ignore[union-attr]

    def next_event(
        self, subject: Union[str, Iterable[str], None] = None, today: Optional[dt.date] = None
    ) -> Optional[Fact]:
        """The first event of the subject not yet past today; None when the store has none.

        ``subject`` is a key or key prefix ("project.music_prize") or several of them.
        """
        day = today or clock.today()
        for fact in self.events(subject):
            if not fact.is_past(day):
                return fact
        return None

    def last_event(
        self, subject: Union[str, Iterable[str], None] = None, today: Optional[dt.date] = None
    ) -> Optional[Fact]:
        """The most recent past event of the subject (for "when was the last ...?")."""
        day = today or clock.today()
        past = [f for f in self.events(subject) if f.is_past(day)]
        return past[-1] if past else None

    # -- sources -------------------------------------------------------------------------
    @property
    def sources(self) -> Dict[str, Source]:
        return dict(self._sources)

    def source(self, ref: str) -> Optional[Source]:
        """A source by id or registered address."""
        source_id = self._source_ids.get(ref)
        return self._sources.get(source_id) if source_id else None

    def source_id(self, ref: str) -> Optional[str]:
        return self._source_ids.get(ref)

    def fact_sources(self, key_or_fact: Union[str, Fact]) -> List[Source]:
        fact = self.fact(key_or_fact) if isinstance(key_or_fact, str) else key_or_fact
        if fact is None:
            return []
        return [s for s in (self.source(r) for r in fact.source_refs) if s is not None]

    def citation(self, key_or_fact: Union[str, Fact], lang: str) -> Optional[Citation]:
        """The source to show with a fact in ``lang``: the first of its sources written in
        ``lang`` (official before press), else its first source. None for an unknown key."""
        fact = self.fact(key_or_fact) if isinstance(key_or_fact, str) else key_or_fact
        if fact is None:
            return None
        return self._citation_for(fact.source_refs, lang)

    def _citation_for(self, refs: List[str], lang: Any, prefer_lang: bool = True) -> Optional[Citation]:
        known = [(r, s) for r, s in ((r, self.source(r)) for r in refs) if s is not None]
        if not known:
            return None
        chosen = known[0]
        if prefer_lang:
            in_lang = [item for item in known if item[1].lang == lang]
            if in_lang:
                official = [item for item in in_lang if item[1].kind == "official"]
                chosen = (official or in_lang)[0]
        ref, source = chosen
        date_lang = lang if lang in LANGS else source.lang
        return Citation(
            label=source.label,
            url=source.url,
            date_text=_date_text(source.date, date_lang),
            official=source.kind == "official",
            source_id=self._source_ids.get(ref, ref),
            lang=source.lang,
        )

    # -- city services -------------------------------------------------------------------
    @property
    def service_topics(self) -> Dict[str, ServiceTopic]:
        """Citizen topics (id -> names and aliases), e.g. id_documents, public_transport."""
        return dict(self._topics)

    def service_topics_in(self, text: str, loose: bool = True) -> List[str]:
        """The service topics whose names or aliases `text` uses, in topic order; enough for
        compounds and missing apostrophes ("Busfahrkarte", "Touristen Info", "carte d
        identite"). `loose` also takes a word that is part of a long alias ("Ausweis" for
        "Ausweisdokumente"): right once the question is known to be about a service, too loose
        to tell that it is ("Einwohner" is in "Einwohnermeldeamt")."""
        return list(self.service_topic_places(text, loose))

    def service_topic_places(self, text: str, loose: bool = True) -> Dict[str, Tuple[int, int]]:
        """Like `service_topics_in`, with where in `text` each topic is last named (the word
        index where its name ends, and how many words the name has), so that the topic asked
        about can be told from one named in passing ("ich bin neu in Luxemburg und brauche einen
        Job": the job), and a longer name from a part of it ("need a passport to go": crossing
        the border, not applying for one)."""
        words = re.findall(r"\w+", name_key(text).replace("'", " "))
        joined = f" {' '.join(words)} "
        pairs = [a + b for a, b in zip(words, words[1:])]
        found: Dict[str, Tuple[int, int]] = {}
        for topic_id, topic in self._topics.items():
            places: List[Tuple[int, int]] = []
            # "Steuerzahler" holds "Steuer" but is no tax return
            unrelated = {name_key(w) for w in topic.not_words}
            for alias in [*topic.names.dict().values(), *topic.aliases.all()]:
                alias_words = re.findall(r"\w+", name_key(alias).replace("'", " "))
                if len(alias_words) > 1:
                    phrase = f" {' '.join(alias_words)} "
                    at = joined.rfind(phrase)
                    if at >= 0:
                        places.append((joined[:at].count(" ") + len(alias_words) - 1, len(alias_words)))
                elif alias_words:
                    a = alias_words[0]
                    places += [
                        (i, 1)
                        for i, w in enumerate(words)
                        if w not in unrelated
                        and (a == w or (len(a) >= 5 and (a in w or (loose and len(w) >= 6 and w in a))))
                    ]
                    # a compound written as two words ("Bus Ticket"): the name spans both
                    places += [
                        (i + 1, 2)
                        for i, w in enumerate(pairs)
                        if a == w or (len(a) >= 5 and a in w and a not in words[i] and a not in words[i + 1])
                    ]
            if places:
                found[topic_id] = max(places)
        return found

    def decisive_topic_in(self, text: str) -> Optional[str]:
        """A `decisive` topic that `text` names by a whole alias: the question, whatever else
        the text names ("gibt es Maut zwischen Metz und Luxemburg?" asks about the toll)."""
        return next((t for t in self.service_topics_in(text, loose=False) if self._topics[t].decisive), None)

    def nationality_cities(self, topic: str, text: str) -> List[str]:
        """The member cities of the state whose nationals `text` names, for a topic whose
        documents that state issues (`nationalities` in data/facts/services.yml); [] when it
        names none or the topic has no such list."""
        service = self._topics.get(topic)
        if service is None:
            return []
        words = set(re.findall(r"\w+", name_key(text)))
        for nationality in service.nationalities:
            if any(name_key(word) in words for word in nationality.words):
                return list(nationality.cities)
        return []

    def state_cities(self, topic: str, city: str) -> List[str]:
        """The member cities of the state `city` is in, for a topic whose documents that state
        issues (`nationalities`): a resident of Saarbrücken gets a German ID card, in Saarbrücken
        or Trier; [] for a topic without such a list."""
        service = self._topics.get(topic)
        return next(
            (list(n.cities) for n in (service.nationalities if service else ()) if city in n.cities), []
        )

    def pointers(self, topic: str, city: Optional[str] = None) -> List[Pointer]:
        """Where to go for ``topic``: the city's own pointers first, then region-wide ones.

        Without ``city`` all pointers of the topic are returned, region-wide first.
        """
        of_topic = [p for p in self._pointers if p.topic == topic]
        if city is None:
            return [p for p in of_topic if p.city is None] + [p for p in of_topic if p.city]
        return [p for p in of_topic if p.city == city] + [p for p in of_topic if p.city is None]

    def pointer_citation(self, pointer: Pointer, lang: str) -> Optional[Citation]:
        """A pointer's citation with its date worded for ``lang``."""
        return self._citation_for([pointer.source], lang, prefer_lang=False)

    @property
    def all_pointers(self) -> List[Pointer]:
        return list(self._pointers)

    def keys(self) -> List[str]:
        return list(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def __contains__(self, key: object) -> bool:
        return key in self._facts

    def region_name(self, lang: str) -> str:
        """The Greater Region's name in ``lang`` ("die Großregion")."""
        return self._region_names[lang] if self._region_names else "QuattroPole"

    # -- cities --------------------------------------------------------------------------
    @property
    def cities(self) -> List[str]:
        return list(self._cities)

    def city_name(self, city_id: str, lang: str) -> str:
        return self._cities[city_id].names[lang]

    def city_website(self, city_id: str) -> str:
        return self._cities[city_id].website

    def resolve_city(self, text: str) -> Optional[str]:
        """Map any spelling of a city (or a short phrase naming exactly one) to its id.

        Exact matches on the folded text first, then whole phrases of up to three words, then
        a conservative fuzzy match for long names. Returns None when nothing or more than one
        city is named.
        """
        if not text or not text.strip():
            return None
        key = name_key(text)
        if key in self._city_keys:
            return self._city_keys[key]
        words = key.split()
        found = {city for _, city in self._phrases_naming_cities(words)}
        if not found:
            for word in words:
                city = self._fuzzy_city(word)
                if city:
                    found.add(city)
        return found.pop() if len(found) == 1 else None

    def cities_in(self, text: str) -> List[str]:
        """Every city `text` names, in the order named: its names and aliases as whole words,
        and words made from a long name ("luxembourgeoise", "Trierer"). No guessing of typos."""
        words = name_key(text).replace("'", " ").split()
        found: Dict[int, str] = {}
        for start, city in self._phrases_naming_cities(words):
            found.setdefault(start, city)  # the longest phrase starting there
        for at, word in enumerate(words):
            for key, city in self._city_keys.items():
                if " " not in key and len(key) >= NAME_STEM_MIN_LENGTH and word.startswith(key):
                    found.setdefault(at, city)
        return list(dict.fromkeys(found[at] for at in sorted(found)))

    def _phrases_naming_cities(self, words: List[str]) -> Iterator[Tuple[int, str]]:
        """(first word, city) of every phrase of up to FUZZY_MAX_NGRAM words that is a city's
        name or alias, longest phrases first."""
        for size in range(min(FUZZY_MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                city = self._city_keys.get(" ".join(words[start : start + size]))
                if city:
                    yield start, city

    def _fuzzy_city(self, word: str) -> Optional[str]:
        if len(word) < FUZZY_MIN_LENGTH - 1:
            return None
        candidates = [
            k
            for k in self._city_keys
            if " " not in k
            and len(k) >= FUZZY_MIN_LENGTH
            and k[0] == word[0]
            and abs(len(k) - len(word)) <= FUZZY_MAX_LENGTH_DIFF
        ]
        matches = difflib.get_close_matches(word, candidates, n=5, cutoff=FUZZY_CUTOFF)
        ids = {self._city_keys[m] for m in matches}
        return ids.pop() if len(ids) == 1 else None

    # -- travel --------------------------------------------------------------------------
    def route(self, a: str, b: str) -> Optional[Route]:
        """The route between two cities in either order (ids or any known spelling)."""
        ids = [c if c in self._cities else self.resolve_city(c) for c in (a, b)]
        first, second = ids
        if first is None or second is None or first == second:
            return None
        return self._routes.get((min(first, second), max(first, second)))

    @property
    def routes(self) -> List[Route]:
        return list(self._routes.values())

    # -- governance ----------------------------------------------------------------------
    def president_in_year(self, year: int) -> Optional[Fact]:
        """Who held the presidency for most of ``year``; None before 2015 or when unknown."""
        first, last = year * 12, year * 12 + 11
        best: Optional[_Term] = None
        best_overlap = 0
        for term in self._terms:
            overlap = min(last, term.last_month) - max(first, term.first_month) + 1
            if overlap > best_overlap:
                best, best_overlap = term, overlap
        return best.fact if best else None

    def presidents_between(self, first_year: int, last_year: int) -> List[Fact]:
        """Every term that overlaps the years `first_year` to `last_year`, in order: "between
        2017 and 2022" is Gros, Leibe, Polfer and, from November 2022, Conradt."""
        first, last = first_year * 12, last_year * 12 + 11
        return [t.fact for t in self._terms if t.first_month <= last and t.last_month >= first]

    def presidents(self) -> List[President]:
        return [term.president for term in self._terms]

    def term_fact(self, president: President) -> Fact:
        return next(t.fact for t in self._terms if t.president is president)

    def board_role_said(self, lang: str) -> str:
        """The sentence that names a board office's holder, with {role}, {president}, {years}
        and {person} (governance.yml `board_role_said`)."""
        return (
            self._board_role_said[lang]
            if self._board_role_said
            else "{role} ({president}, {years}): {person}."
        )

    def board_role_name(self, role: str, lang: str) -> str:
        """The display name of a board office ("Schatzmeisteramt"); KeyError if unknown."""
        return self._board_roles[role][lang]

    def board_role_holders(self, role: str) -> List[President]:
        """The terms whose source names the holder of `role`, earliest first."""
        return [t.president for t in self._terms if role in t.president.board]

    @property
    def organs(self) -> List[str]:
        return list(self._organs)

    def organ_name(self, organ_id: str, lang: str) -> str:
        return self._organs[organ_id].names[lang]

    # -- projects ------------------------------------------------------------------------
    @property
    def projects(self) -> List[str]:
        return list(self._projects)

    def project_name(self, project_id: str, lang: str) -> str:
        """The display name of a project in ``lang``."""
        return self._projects[project_id].names[lang]

    def project_names(self, project_id: str, lang: str) -> List[str]:
        """The display name first, then the aliases users may type in ``lang``."""
        project = self._projects[project_id]
        names = [project.names[lang], *project.aliases.for_lang(lang)]
        return list(dict.fromkeys(names))

    # -- NLU -----------------------------------------------------------------------------
    def entity_patterns(self, lang: Optional[str] = None) -> List[Dict[str, Any]]:
        """spaCy EntityRuler patterns (token patterns on ``LOWER``).

        Labels: city, organ, project, transport, service (``id`` is the canonical value:
        a city id, an organ id, a project id, a transport id, a city-service topic id) and year.
        With ``lang`` only that language's organ/project/transport words are used (French
        and English share words such as "car"); city spellings are always all included.
        """
        if lang is not None and lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        patterns: List[Dict[str, Any]] = []
        seen: set[Tuple[str, Tuple[str, ...]]] = set()
        for label, item_id, phrase in self.vocabulary(lang):
            for spelling in spellings(phrase):
                for tokens in token_variants(spelling):
                    signature = (label, tuple(tokens))
                    if signature in seen:
                        continue
                    seen.add(signature)
                    patterns.append(
                        {
                            "label": label,
                            "pattern": [{"LOWER": token} for token in tokens],
                            "id": item_id,
                        }
                    )
        patterns.append({"label": "year", "pattern": [{"TEXT": {"REGEX": YEAR_REGEX}}]})
        return patterns

    def vocabulary(self, lang: Optional[str] = None) -> Iterable[Tuple[str, str, str]]:
        """(label, id, phrase) for every name users may type; see ``entity_patterns``."""
        langs = LANGS if lang is None else (lang,)
        for city_id, city in self._cities.items():
            for phrase in [*city.names.dict().values(), *city.aliases, *city.typos]:
                yield "city", city_id, phrase
        groups: List[Tuple[str, Dict[str, Any]]] = [
            ("organ", self._organs),
            ("project", self._projects),
            ("transport", self._transport),
            ("service", self._topics),
        ]
        for label, items in groups:
            for item_id, item in items.items():
                for code in langs:
                    yield label, item_id, item.names[code]
                    for phrase in item.aliases.for_lang(code):
                        yield label, item_id, phrase
                for phrase in item.typos:
                    yield label, item_id, phrase


def _matches(key: str, subject: Union[str, Iterable[str], None]) -> bool:
    if subject is None:
        return True
    prefixes = [subject] if isinstance(subject, str) else list(subject)
    return any(key == p or key.startswith(p.rstrip(".") + ".") for p in prefixes)


__all__ = ["CITY_IDS", "Citation", "FactsStore", "Pointer", "Route"]
