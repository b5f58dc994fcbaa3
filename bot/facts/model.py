"""Pydantic (v1) models of the facts store files.

The models describe what people write in ``data/facts/*.yml``; ``bot.facts.store`` turns them
into lookups. Every model forbids unknown fields so a typo in a field name fails loudly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Literal, Optional, Union, get_args
from urllib.parse import urlparse

from pydantic import BaseModel, Field, StrictBool, create_model, root_validator, validator

from bot.facts import clock
from bot.language.text import LANGS

CITY_IDS: tuple[str, ...] = ("luxembourg", "metz", "saarbruecken", "trier")
ORGAN_IDS: tuple[str, ...] = (
    "board",
    "general_assembly",
    "president",
    "coordination_committee",
    "office",
)
TRANSPORT_IDS: tuple[str, ...] = ("car", "train", "bus", "plane", "bike")
Confidence = Literal["high", "medium", "low"]

# The kinds of question a fact can answer. A fact lists a kind only if its text really
# answers that question ("since when?" needs a start date in the text, "how many?" a number).
Kind = Literal[
    "what",
    "who",
    "when",
    "since",
    "until",
    "where",
    "how_many",
    "how_long",
    "frequency",
    "route",
    "hours",
    "cost",
    "next",
    "winner",
    "legal_form",
    "why",
    "origin",
    "list",
    "contact",
    "before",
    "after",
    "language",
    "party",
    "personal",
    "sign_up",
    "phone",
]
QUESTION_KINDS: tuple[str, ...] = get_args(Kind)
SourceKind = Literal["official", "press"]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day ("2025", "2025-11", "2025-11-30").

    Sources rarely give a day, so the store keeps the precision it was given instead of
    inventing a 1 January.
    """

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def months_index(self, end: bool = False) -> int:
        """Month number since year 0: the first (or, with ``end``, last) month covered."""
        month = self.month if self.month is not None else (12 if end else 1)
        return self.year * 12 + month - 1

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date covers ("2026-04" -> 30 April 2026)."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is None:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        """Accept a YAML int year, a ``date`` or a "YYYY[-MM[-DD]]" string."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool):
            raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        if isinstance(value, dt.date):  # includes datetime
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        match = _PARTIAL_DATE.match(value.strip())
        if not match:
            raise ValueError(f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month, day = (int(g) if g else None for g in (month_text, day_text))
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as exc:
            raise ValueError(f"invalid date {value!r}: {exc}") from None
        return cls(year, month, day)

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[Any], "PartialDate"]]:
        yield cls.parse


class CityId(str):
    """A canonical city id; anything else is rejected wherever a city is named."""

    @classmethod
    def __get_validators__(cls) -> Iterator[Callable[[Any], "CityId"]]:
        yield cls.validate

    @classmethod
    def validate(cls, value: Any) -> "CityId":
        if value not in CITY_IDS:
            raise ValueError(f"unknown city id {value!r}; expected one of {', '.join(CITY_IDS)}")
        return cls(value)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


def _one_of_langs(value: str) -> str:
    if value not in LANGS:
        raise ValueError(f"unexpected value; permitted: {', '.join(LANGS)}")
    return value


def _http_url(value: str) -> str:
    parsed = urlparse(value.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value.strip():
        raise ValueError(f"invalid source URL {value!r}: expected an http(s) address")
    return value.strip()


class StrictModel(BaseModel):
    class Config:
        extra = "forbid"
        allow_mutation = False
        anystr_strict = True
        smart_union = True


def _per_language(name: str, field_type: Any, default: Any, **check: Any) -> Any:
    """A strict model with one field per language of LANGS ({de: ..., fr: ..., en: ...} in the
    YAML), each of `field_type` and checked by `_non_empty` (`check`: validator options)."""
    fields = {lang: (field_type, default) for lang in LANGS}
    validators = {"_non_empty": validator(*LANGS, allow_reuse=True, **check)(_non_empty)}
    return create_model(name, __base__=StrictModel, __validators__=validators, **fields)  # type: ignore[call-overload]  # fields per language


class Texts(_per_language("TextsFields", str, ...)):  # type: ignore[misc]
    """One text per language; every language is required and non-empty."""

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        return getattr(self, lang)


class Aliases(_per_language("AliasesFields", List[str], [], each_item=True)):  # type: ignore[misc]
    """Words users may type for a thing, per language (used for NLU patterns)."""

    def for_lang(self, lang: str) -> List[str]:
        return list(getattr(self, lang))

    def all(self) -> List[str]:
        return [alias for lang in LANGS for alias in getattr(self, lang)]


def _check_kinds(value: List[str]) -> List[str]:
    if not value:
        raise ValueError("at least one question kind is required")
    if len(set(value)) != len(value):
        raise ValueError("a question kind is listed twice")
    return value


class FactFields(StrictModel):
    """Fields shared by every fact; entries with extra structure (routes, presidents,
    projects) extend this so editors write one flat block per entry."""

    text: Texts
    # One source id of data/facts/sources.yml (or its registered address), or several: the
    # reply cites the one in the reader's language, else the first.
    source: Union[str, List[str]]
    as_of: PartialDate
    kinds: List[Kind]
    # The people the fact is about, as written in its text ("Wolfram Leibe"): "bis wann ist
    # Leibe noch OB?" finds the facts about Leibe without a subject in the conversation. The
    # holder of an office comes first, before the predecessors its text names ("is Michael
    # Sohn still in charge?" is checked against the first).
    persons: List[str] = []
    answers: Dict[Kind, Texts] = Field({}, description="short answer per question kind")
    # Terms that name what the fact is about, in any language ("Leitbild", "Vision d'avenir",
    # "roadmap"): a question with one of them is about this fact, whichever intent won
    # ("wann hat die Mitgliederversammlung das Leitbild beschlossen?" is not the assembly's
    # last meeting). Folded and matched as whole words; keep them specific to this fact.
    named_by: List[str] = Field([], description="terms that name what the fact is about")
    # The number a "how many" answer gives, for comparisons ("which city is the biggest?");
    # it must be the number the text states.
    count: Optional[int] = Field(None, description="the number the how_many answer gives")
    # A kind the fact answers only when the question has one of these words (folded, as
    # parts of words): the statutes' date answers "when?" only when the statutes are named,
    # not "seit wann gibt es das?" about the network.
    asked_with: Dict[Kind, List[str]] = Field({}, description="kind -> words the question must have")
    answers_after: Dict[Kind, Texts] = Field({}, description="answers once `event` is past")
    event: Optional[PartialDate] = Field(None, description="when the event the fact tells of happens")
    text_after: Optional[Texts] = Field(None, description="the text once `event` is past")
    review_by: Optional[PartialDate] = Field(None, description="when staff must re-check it")
    time_bound: StrictBool = False
    confidence: Confidence = "high"
    note: Optional[str] = Field(None, description="for reviewers; never shown to users")

    _kinds = validator("kinds", allow_reuse=True)(_check_kinds)

    @validator("source")
    def _sources(cls, value: Union[str, List[str]]) -> Union[str, List[str]]:
        refs = [value] if isinstance(value, str) else value
        if not refs:
            raise ValueError("at least one source is required")
        for ref in refs:
            if not ref.strip():
                raise ValueError("must not be empty")
            if "://" in ref or ref.startswith("www."):
                _http_url(ref)
        return value

    @root_validator(skip_on_failure=True)
    def _consistent(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        kinds = set(values.get("kinds") or [])
        for field in ("answers", "answers_after"):
            for kind in values.get(field) or {}:
                if kind not in kinds:
                    raise ValueError(f"{field}.{kind}: kind {kind!r} is not in kinds")
        count = values.get("count")
        if count is not None:
            texts = values.get("text")
            digits = [re.sub(r"[^\d]", "", texts[lang]) for lang in LANGS] if texts is not None else []
            if "how_many" not in kinds or not all(str(count) in d for d in digits):
                raise ValueError(f"count {count}: needs kind how_many and the number in every text")
        if values.get("answers_after") and values.get("event") is None:
            raise ValueError("answers_after needs an event date")
        if values.get("text_after") is not None and values.get("event") is None:
            raise ValueError("text_after needs an event date")
        if (values.get("time_bound") or values.get("event")) and values.get("review_by") is None:
            raise ValueError("review_by: a time-bound fact or an event needs a review date")
        return values

    @property
    def source_refs(self) -> List[str]:
        return [self.source] if isinstance(self.source, str) else list(self.source)

    def to_fact(self, key: Optional[str] = None) -> "Fact":
        fields = {name: getattr(self, name) for name in FactFields.__fields__}
        return Fact(**fields, key=key)


class Fact(FactFields):
    """One answerable fact: a text per language, its sources, how fresh it is, which
    questions it answers and, for an event, how to tell it once it is past."""

    key: Optional[str] = Field(None, description="the store key; set by the loader")

    def is_past(self, today: Optional[dt.date] = None) -> bool:
        """True when the fact's event lies wholly before today (False without an event)."""
        if self.event is None:
            return False
        return self.event.last_day() < (today or clock.today())

    def text_for(self, lang: str, today: Optional[dt.date] = None) -> str:
        """The text in `lang`, in the past tense once the event is past."""
        if self.text_after is not None and self.is_past(today):
            return self.text_after[lang]
        return self.text[lang]

    def answers_kind(self, kind: str) -> bool:
        return kind in self.kinds

    def answer_for(self, kind: str, lang: str, today: Optional[dt.date] = None) -> Optional[str]:
        """The short answer to a question of `kind`, or None when the fact has none."""
        if self.is_past(today) and kind in self.answers_after:
            return self.answers_after[kind][lang]
        if kind == "next" and self.is_past(today):
            return None  # "the next final is on 8 April 2026", told after that day, is wrong
        answer = self.answers.get(kind)  # type: ignore[call-overload]
        return answer[lang] if answer is not None else None


FactMap = Dict[str, Fact]


class Section(StrictModel):
    facts: FactMap = {}


class NetworkSection(Section):
    website: str

    _website = validator("website", allow_reuse=True)(_http_url)


class City(StrictModel):
    names: Texts
    website: str
    aliases: List[str] = []
    typos: List[str] = Field([], description="misspellings matched exactly, never fuzzily")
    facts: FactMap = {}

    _website = validator("website", allow_reuse=True)(_http_url)


class Vocabulary(StrictModel):
    """Display names and aliases of an organ or a means of transport."""

    names: Texts
    aliases: Aliases = Aliases()
    typos: List[str] = []


#: The board's offices besides the president (governance.yml `board_roles`).
BoardRole = Literal["vice_president", "treasurer", "secretary"]


class President(FactFields):
    """A presidency term; its fact key is ``governance.president.<index>`` in term order."""

    person: str
    city: CityId
    start: PartialDate
    end: Optional[PartialDate] = None
    # Who held the board's other offices in this term, where the term's source says so.
    board: Dict[BoardRole, str] = {}

    def key(self) -> str:
        """The term's fact key ("governance.term.2019")."""
        return f"governance.term.{self.start.year}"

    @validator("end")
    def _end_after_start(cls, value: Optional[PartialDate], values: dict) -> Optional[PartialDate]:
        start = values.get("start")
        if value is not None and start is not None and value.months_index(True) < start.months_index():
            raise ValueError(f"term ends ({value}) before it starts ({start})")
        return value


class Governance(Section):
    organs: Dict[str, Vocabulary] = {}
    presidents: List[President] = []
    # The display name of each board office ("Schatzmeisteramt", "treasurer").
    board_roles: Dict[BoardRole, Texts] = {}
    # The sentence naming a holder: {role}, {president}, {years}, {person}.
    board_role_said: Optional[Texts] = None


class RouteEntry(FactFields):
    between: List[CityId]
    direct_train: Optional[bool] = None
    # The public transport the text speaks about; a question by another mode gets an honest
    # "no checked information on that" before the text.
    covers: List[Literal["train", "bus"]] = ["train"]

    @validator("between")
    def _two_cities(cls, value: List[CityId]) -> List[CityId]:
        if len(value) != 2 or value[0] == value[1]:
            raise ValueError("expected two different city ids")
        return value


class Travel(Section):
    routes: List[RouteEntry] = []
    transport: Dict[str, Vocabulary] = {}


class Project(FactFields):
    names: Texts
    aliases: Aliases = Aliases()
    typos: List[str] = []
    facts: Dict[str, Fact] = Field({}, description='sub-facts, keys "project.<id>.<name>"')


class Source(StrictModel):
    """A page the store cites: who publishes it, in which language, official or press."""

    url: str
    label: str = Field(..., description='publisher and site, e.g. "Stadt Trier – trier.de"')
    lang: str
    kind: SourceKind
    date: Optional[PartialDate] = Field(None, description="the date the page shows")
    note: Optional[str] = None

    _url = validator("url", allow_reuse=True)(_http_url)
    _label = validator("label", allow_reuse=True)(_non_empty)
    _lang = validator("lang", allow_reuse=True)(_one_of_langs)


class Nationality(StrictModel):
    """Words for one state's nationals ("française", "German") and the member cities in it."""

    cities: List[CityId]
    words: List[str]


class ServiceTopic(StrictModel):
    """A citizen topic (identity papers, transport tickets...) and the words people type.

    `nationalities`: for a document that the holder's own state issues, a nationality named in
    the question picks that state's cities ("ma carte d'identité française" is the French
    procedure, wherever the conversation was).

    `decisive`: named, the topic is what the message asks, whatever else it names; a toll or a
    passport between two cities is not the trip between them."""

    names: Texts
    aliases: Aliases = Aliases()
    typos: List[str] = []
    nationalities: List[Nationality] = []
    decisive: bool = False
    not_words: List[str] = Field(
        [], description="words that contain a name of the topic but are not about it"
    )


class PointerEntry(StrictModel):
    """Where to go for a topic in one city (or, without `city`, in the whole region)."""

    topic: str
    city: Optional[CityId] = None
    text: Texts
    url: str
    source: str
    as_of: PartialDate
    note: Optional[str] = None

    _url = validator("url", allow_reuse=True)(_http_url)


class Projects(Section):
    items: Dict[str, Project] = {}


class RegionSection(Section):
    """The Greater Region: its name in each language (a reply says "die Großregion")."""

    names: Texts


class FactsFile(StrictModel):
    """One YAML file of the store: any subset of the sections, each in one file only."""

    network: Optional[NetworkSection] = None
    cities: Optional[Dict[str, City]] = None
    governance: Optional[Governance] = None
    office: Optional[Section] = None
    travel: Optional[Travel] = None
    projects: Optional[Projects] = None
    greater_region: Optional[RegionSection] = None
    sources: Optional[Dict[str, Source]] = None
    topics: Optional[Dict[str, ServiceTopic]] = None
    pointers: Optional[List[PointerEntry]] = None


SECTIONS: tuple[str, ...] = tuple(FactsFile.__fields__)


def is_id(value: str) -> bool:
    """Ids are lower-case snake_case so they can be used in dotted keys and entity values."""
    return bool(_ID.match(value))
