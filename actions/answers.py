"""Answer the question that was asked: the subject of the conversation and the kind of question.

An intent names the subject ("the office", "Trier's mayor"); `bot.language.kinds` tells what is
asked about it ("opening hours", "since when"). Each fact says which kinds it answers
(`kinds:` in data/facts). So:

- when the intent's own facts answer the kind, they are the answer;
- else a fact of the same subject that answers it ("Seit wann?" after the mayor);
- else the reply says plainly that this kind is not known for the subject, gives the closest
  fact that helps (the e-mail address for opening hours), and where to look.

A neighbouring fact is never given as if it were the answer. The subject is kept in the
`subject` slot, so short follow-ups ("Seit wann?", "und davor?") resolve against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple, cast

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    facts_just_said,
    latest_intent,
    mentions_esch,
    names_own_subject,
    previous_question,
    say_fact,
    say_still_so,
    years_in_message,
)
from actions.store import STORE
from bot.facts import Fact, clock
from bot.facts.model import President
from bot.language import LANGS, fold
from bot.language.concepts import action_words, project_lexicon
from bot.language.format import format_date
from bot.language.kinds import Question, counts, counts_same, question_of, vocabulary, written_years

#: Kinds whose answer must come from a fact that declares it. Without this check, the nearest
#: intent's fact would be given as the answer ("Öffnungszeiten?" → the office's tasks).
#: "what" and "list" are what an intent's own answer is, so they are not checked.
CHECKED_KINDS = (
    "next",
    "since",
    "until",
    "hours",
    "cost",
    "winner",
    "legal_form",
    "how_long",
    "how_many",
    "when",
    "why",
    "origin",
    "contact",
    "where",
    "who",
    "composition",
    "internal",
    "phone",
    "party",
    "sign_up",
    "frequency",
)
#: A kind may be answered by a fact of a close kind ("Seit wann?" by a founding date).
SIMILAR_KINDS: Dict[str, Tuple[str, ...]] = {
    "since": ("when",),
    "when": ("since",),
    "until": ("when",),
    "how_long": ("until",),  # "wie lange geht seine Amtszeit?": until when
    # "comment est composé le directoire ?": a list of its members, else who they are
    "composition": ("list", "who"),
}
#: When a kind is unknown, what helps instead (opening hours → how to reach the office).
CLOSEST_KINDS: Dict[str, Tuple[str, ...]] = {
    "hours": ("contact",),
    "next": ("when", "until"),  # the last known date, else when the office held now ends
    "until": ("since",),
    "winner": ("what",),
    "where": ("contact",),
    "contact": ("where",),
    "who": ("what",),
    "internal": ("contact",),
    "phone": ("contact",),
    "party": ("who",),
    "origin": ("when",),
    "sign_up": ("what",),  # "kann ich da als Studi mitmachen?": what the project is, at least
    "name_origin": ("what",),  # what the four cities are is the best one can say of the name
}


#: The reply for each kind (and relation) the store does not know for a subject.
UNKNOWN_RESPONSES: Dict[str, str] = {
    "next": "utter_unknown_next",
    "since": "utter_unknown_since",
    "until": "utter_unknown_until",
    "hours": "utter_unknown_hours",
    "cost": "utter_unknown_cost",
    "winner": "utter_unknown_winner",
    "legal_form": "utter_unknown_legal_form",
    "how_long": "utter_unknown_how_long",
    "frequency": "utter_unknown_how_often",  # a route's own: actions.travel.ROUTE_UNKNOWN
    "how_many": "utter_unknown_how_many",
    "when": "utter_unknown_when",
    "why": "utter_unknown_why",
    "origin": "utter_unknown_origin",
    "name_origin": "utter_unknown_name_origin",
    "contact": "utter_unknown_contact",
    "where": "utter_unknown_where",
    "who": "utter_unknown_who",
    "composition": "utter_unknown_composition",
    "internal": "utter_unknown_internal",
    "phone": "utter_unknown_phone",
    "party": "utter_unknown_party",
    "sign_up": "utter_unknown_sign_up",
    "before": "utter_unknown_before",
    "first": "utter_unknown_first",
    "after": "utter_unknown_after",
}


@dataclass(frozen=True)
class Subject:
    """What the conversation is about: `id` is kept in the `subject` slot ("city:trier",
    "office", "project:music_prize"); `keys` are the facts an intent asks for, `scope` the key
    prefixes of everything the store knows about the subject."""

    id: str
    keys: Tuple[str, ...] = ()
    scope: Tuple[str, ...] = ()
    pointer: Optional[str] = None
    name: Callable[[str], str] = field(default=lambda lang: "QuattroPole", compare=False)

    def facts(self) -> List[Tuple[str, Fact]]:
        """Every (key, fact) of the subject: its own keys first, then the rest of its scope."""
        keys = (
            list(self.keys) + [k for k in STORE.keys() if k.startswith(self.scope) and k not in self.keys]
            if self.scope
            else list(self.keys)
        )
        return [(k, f) for k in keys if (f := STORE.fact(k)) is not None]

    def where_to_look(self) -> str:
        return self.pointer or STORE.network_website or "https://www.quattropole.org"


def _with_kind(facts: Sequence[Tuple[str, Fact]], kind: str) -> List[Tuple[str, Fact]]:
    return [(k, f) for k, f in facts if kind in f.kinds]


@dataclass
class Answer:
    """What a reply said: the fact keys, for the `facts` slot and feedback, and the subject it
    turned out to be about (None: the one asked about)."""

    keys: List[str] = field(default_factory=list)
    subject: Optional["Subject"] = None


#: The organs the 2014 association set up, which are as old as it is
STATUTORY_ORGANS = ("organ:board", "organ:general_assembly", "organ:coordination_committee")
#: The association's founding: since when its organs exist
ASSOCIATION = "network.association"
DATE_KINDS = ("since", "when", "until")

#: The office's postal address and e-mail: where letters to any organ go
OFFICE_CONTACT = "office.contact"
#: The building the office works in (data/facts/office.yml)
OFFICE_HOUSE = "office.house_greater_region"

#: The association's money, whichever organ the conversation is about
_BUDGET = re.compile(r"budget|haushalt|\betat\b|finanz|financ|\bfunding\b|\bfunded\b")

#: Kinds that, unknown, are said of the conversation's subject rather than of the network the
#: NLU placed a short question under ("how do i take part?" after the music prize)
ASKED_OF_THE_CONTEXT = ("sign_up", "winner", "next", "cost", "hours")

#: Kinds that one fact of an intent's several answers in short when it alone declares them
#: ("seit wann gibt es die Großregion?"); a count may speak of something else ("how big in
#: km²?" is not the population), so "how many" keeps the whole answer
ONE_FACT_KINDS = ("since", "when", "until", "where", "contact", "who")

#: Kinds a question word asks for; a question may ask two of them of one fact ("who's the
#: president and since when?", "wer hat den rausgebracht und wann?").
PAIRED_KINDS = ("who", "when", "where", "since", "until", "how_many")


def _says_all_of(text: str, other: str) -> bool:
    """Every word of `other` is in `text` ("celebrated on 28 November 2025 at the Cercle Cité"
    says all of "celebrated at the Cercle Cité")."""
    return set(re.findall(r"\w+", fold(other))) <= set(re.findall(r"\w+", fold(text)))


def say_precise(
    dispatcher: CollectingDispatcher,
    key: str,
    fact: Fact,
    kind: Optional[str],
    lang: str,
    question: Optional[Question] = None,
) -> None:
    """The fact's short answer to `kind` if it has one, else the whole fact; with the short
    answer to a second kind the question asks too, where the fact has one."""
    text = fact.answer_for(kind, lang) if kind else None
    if text and question is not None:
        for other in question.kinds:
            # "seit wann gibt es das?" asks since when, not since when and when
            # "wer hat 2019 gewonnen?" asks who won, not also who the first winner was
            paired = (
                other != kind
                and other in PAIRED_KINDS
                and other not in SIMILAR_KINDS.get(kind or "", ())
                and {kind, other} != {"winner", "who"}
            )
            extra = fact.answer_for(other, lang) if paired else None
            if extra and not _says_all_of(text, extra) and not _says_all_of(extra, text):
                text = f"{text} {extra}"
                break
    say_fact(dispatcher, key, lang, text=text)


def _asked_with(fact: Fact, kind: str, text: str) -> bool:
    """The question has one of the words the fact requires for `kind`, or it requires none."""
    needed = fact.asked_with.get(kind)  # type: ignore[call-overload]  # Kind is a str Literal
    return not needed or any(word in fold(text) for word in needed)


def relevant(fact: Fact, kind: str, question: Question, lang: str, subject: Subject) -> bool:
    """A fact that declares the kind still does not answer a question about a year it does not
    mention ("who won in 2026?" is not the 2019 winner), nor a count of something it does not
    speak of ("how many staff?" is not the people working in the whole building)."""
    if not _asked_with(fact, kind, question.text):
        return False  # "seit wann gibt es das?" is not when the statutes were adopted
    said = " ".join(filter(None, (fact.text_for(lang), fact.answer_for(kind, lang))))
    if question.years and not is_presidency(subject) and not action_words().says(question.text, "doubt"):
        # ("fondé en 1995, c'est vrai ?" checks a claim: the year is the claim, not the asked)
        # the answer that would be said must name the year: the laureates' text mentions the
        # 2023 final, but its winner is the 2019 one
        answer = fact.answer_for(kind, lang) or said
        if not any(str(year) in answer for year in question.years):
            return False
    if kind == "how_many" and question.counted:
        return counts_same(vocabulary(), question.counted, said)
    if kind == "origin" and "naming" in project_lexicon().concepts_of(question.text):
        return False  # "d'où vient le nom ?": where the name comes from, which no fact tells
    if kind == "frequency" and subject.id.startswith("organ:") and not is_presidency(subject):
        # "how often does the General Assembly meet?" is not how often the presidency changes
        return STORE.key_of(fact) in subject.keys
    return True


#: What `find_answer` found: the intent's own facts answer (OWN), a (key, fact, kind) to say
#: precisely, or None: the subject does not know this kind.
OWN = "own"


#: a number, or an ordinal written with digits ("25e", "25th", "25ten")
_NUMBER = re.compile(r"(\d+)(?:e|er|eme|ieme|th|st|nd|rd|te|ten|ste|sten)?")


def _stems(text: str) -> set:
    """Five-letter stems of the words of five letters or more; a German participle also
    without its "ge" ("gegründet" ~ "gründeten"); and numbers ("les 25 ans" ~ "25 Jahre")."""
    tokens = re.findall(r"\w+", fold(text))
    words = [w for w in tokens if len(w) >= 5 and not w.isdigit()]
    numbers = {m.group(1) for m in map(_NUMBER.fullmatch, tokens) if m}
    return {w[:5] for w in words} | {w[2:7] for w in words if w.startswith("ge") and len(w) >= 7} | numbers


def _content_words(text: str) -> set:
    """Stems that can tell facts apart: not in a tenth of the facts or more (IDF-like)."""
    return _stems(text) - _common_stems()


@lru_cache(maxsize=1)
def _common_stems() -> frozenset:
    """Stems found in a tenth of the store's facts or more: "quattropole", "stadt", "ville"."""
    counts: Dict[str, int] = {}
    keys = STORE.keys()
    for key in keys:
        fact = STORE.fact(key)
        words = set().union(*(_stems(fact.text_for(lang)) for lang in LANGS))  # type: ignore[union-attr]  # keys() are stored
        for stem in words:
            counts[stem] = counts.get(stem, 0) + 1
    return frozenset(stem for stem, n in counts.items() if n * 10 >= len(keys))


def _shared_words(question: Question, text: str, cities: bool = True) -> int:
    """How many content words the question shares with `text`; `cities=False` leaves the
    cities' names out (a sibling fact is not the answer because it names Saarbrücken)."""
    shared = _content_words(question.text) & _content_words(text)
    return len(shared if cities else {w for w in shared if STORE.resolve_city(w) is None})


def _overlap(question: Question, fact: Fact, lang: str, cities: bool = True) -> int:
    """How many content words the question shares with the fact's text (see _shared_words)."""
    return _shared_words(question, fact.text_for(lang), cities)


def _answer_overlap(question: Question, fact: Fact, kind: str, lang: str) -> int:
    """How many content words, cities left out, the question shares with the fact's answer
    to `kind` (its short answer, else its text)."""
    return _shared_words(question, fact.answer_for(kind, lang) or fact.text_for(lang), cities=False)


def _words_of(text: str) -> set:
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) >= 5 and not w.isdigit()}


def fact_named_by_words(subject: Subject, question: Question, lang: str) -> Optional[Tuple[str, Fact]]:
    """The one fact of `subject` that a word of the question names, a whole word no other
    fact of the subject uses ("what's the motto?", "quelle est la devise ?"); None if there is
    none or more than one. Common words (fillers, `plain_words`) and city names never count."""
    facts = subject.facts()
    words = {key: _words_of(fact.text_for(lang)) for key, fact in facts}
    vocab = vocabulary()
    plain = vocab.fillers.get(lang, frozenset()) | vocab.plain_words.get(lang, frozenset())
    # a city's name names no fact of its own: "wer sitzt für Saarbrücken drin?" is not the
    # signatories' text, though only it says "(Saarbrücken)"
    # nor does a person's ("is polfer still the mayor?" is not the one network fact naming her)
    people = STORE.person_words()
    asked = {w for w in _words_of(question.text) - plain if STORE.resolve_city(w) is None and w not in people}
    unique = {word for word in asked if sum(word in found for found in words.values()) == 1}
    hits = [(key, fact) for key, fact in facts if words[key] & unique]
    return hits[0] if len(hits) == 1 else None


def _short_answer_fits(fact: Fact, kind: str, question: Question, lang: str) -> bool:
    """A fact's short answer speaks of what a "how many" counts ("combien de frontaliers ?" is
    in the Greater Region's text, not in its short answer, the population)."""
    short = fact.answer_for(kind, lang)
    if short is None:
        return False
    return not (kind == "how_many" and question.counted) or counts_same(vocabulary(), question.counted, short)


def _names_organ(subject: Subject, question: Question, lang: str) -> bool:
    """The question names the organ it is about by its name ("Mitgliederversammlung")."""
    if not subject.id.startswith("organ:"):
        return False
    name = fold(subject.name(lang))
    return bool(name) and name in fold(question.text)


def find_answer(subject: Subject, question: Question, lang: str, follow_up: bool = False) -> object:
    """Which fact of `subject` answers `question` (see OWN); raises LookupError when the
    question asks no checked kind."""
    asked = [k for k in question.kinds if k in CHECKED_KINDS or (follow_up and k == "what")]
    if not asked:
        raise LookupError("no checked kind")
    main = asked[0]
    everything = subject.facts()
    similar = (main, *SIMILAR_KINDS.get(main, ()))
    if main == "how_many" and not question.counted:
        # "c combien ?" after the music prize counts nothing: how much, its €10,000
        similar = (*similar, "cost")

    def answering(facts: Sequence[Tuple[str, Fact]], kind: str) -> List[Tuple[str, Fact]]:
        found = [(k, f) for k, f in _with_kind(facts, kind) if relevant(f, kind, question, lang, subject)]
        return [(k, f) for k, f in found if not f.is_past()] if kind == "next" else found

    own = [(k, f) for k, f in everything if k in subject.keys]

    def exact_instead(found: Sequence[Tuple[str, Fact]], kind: str) -> Optional[Tuple[str, Fact, str]]:
        """Another fact that answers the very kind asked, in words of the question, rather
        than `found`'s answers to a close kind that share none: "c quand la finale ?" about
        the music prize is the 2026 final, not "since 2019"."""
        if kind == main or any(_answer_overlap(question, f, kind, lang) for _, f in found):
            return None
        said = {k for k, _ in found}
        exact = [(k, f) for k, f in answering(everything, main) if k not in said]
        best = max(exact, key=lambda kf: _answer_overlap(question, kf[1], main, lang), default=None)
        if best is None or not _answer_overlap(question, best[1], main, lang):
            return None
        return best[0], best[1], main

    if not follow_up:
        for kind in similar:
            mine = answering(own, kind)
            if not mine:
                continue
            instead = exact_instead(mine, kind)
            if instead is not None:
                return instead
            if kind == "who" and is_person_subject(subject):
                return OWN  # people in office: the intent's own logic knows who is now
            # a sibling that shares more of the question's words is the better answer:
            # "when was the 25th anniversary?" is not the founding date
            if max(_overlap(question, f, lang) for _, f in mine) > 0:
                key, fact = max(mine, key=lambda kf: _overlap(question, kf[1], lang))
                named = fact_named_by_words(subject, question, lang)
                if (
                    named is not None
                    and not _names_organ(subject, question, lang)
                    and named[0] not in subject.keys
                    and any(k == named[0] for k, _ in answering(everything, kind))
                    and _overlap(question, named[1], lang) >= _overlap(question, fact, lang)
                ):
                    # "when was the first Greater Region summit?": the region's history, which
                    # alone says "first", not the intent's own "since 1969"
                    return named[0], named[1], kind
                if len(mine) < len(own) and _short_answer_fits(fact, kind, question, lang):
                    # "wie viele Einwohner hat die Großregion?": the figure, not every fact of
                    # the intent
                    return key, fact, kind
                return OWN  # the intent's fact shares the question's words: it is the answer
            others = [(k, f) for k, f in answering(everything, kind) if k not in subject.keys]
            if _names_organ(subject, question, lang):
                # "wer sitzt da alles drin in der Mitgliederversammlung": the assembly, though
                # "sitzt" is a word of the coordination committee's text
                others = []
            # "wer genau sitzt für Saarbrücken drin?" is not the signatories, who name the city
            better = [(k, f) for k, f in others if _overlap(question, f, lang, cities=False) > 0]
            if better:
                key, fact = max(better, key=lambda kf: _overlap(question, kf[1], lang))
                return key, fact, kind
            named = fact_named_by_words(subject, question, lang)
            if named is not None and named[0] not in subject.keys:
                for close in similar[1:]:
                    if any(k == named[0] for k, _ in answering(everything, close)):
                        # "seit wann gibt es das Leitbild?": the one fact the question names by a
                        # word of its own, in a close kind (the roadmap's adoption date), though
                        # only the founding declares "since"
                        return named[0], named[1], close
            if (
                kind in ONE_FACT_KINDS
                and len(mine) == 1
                and len(own) > 1
                and _short_answer_fits(mine[0][1], kind, question, lang)
            ):
                # "seit wann gibt es die Großregion?": the one fact of the intent that says since
                # when, in short, not every fact of the intent
                return mine[0][0], mine[0][1], kind
            return OWN
        if (
            main == "how_many"
            and question.counted
            and any(counts(vocabulary(), question.counted, f.text_for(lang)) for _, f in own)
        ):
            return OWN  # "wie viele Städte?": the members fact counts them, kind or not
    if main == "how_many" and not question.counted:
        headcounts = [(k, f) for k, f in answering(everything, main) if f.count is not None]
        if headcounts and not any(f.count is not None for _, f in answering(own, main)):
            # "and the population?" after the share of foreigners: the headcount
            key, fact = headcounts[0]
            return key, fact, main
    # the subject's own facts first, in any close kind ("und seit wann gibt's das?" after the
    # House of the Greater Region: its opening, not the office's move into it), then the rest
    # "who" of the network is a sibling only if it shares a telling word with the question:
    # "wer genau sitzt für Saarbrücken drin?" under the members' intent is not the signatories,
    # the one network fact that names people
    strict = subject.id == "network" and main == "who"
    # "par qui ?" right after the founding: who founded it, the signatories
    founding = strict and bool(FOUNDING_KEYS & set(subject.keys))
    # since when an organ exists is no sibling's date: "seit wann gibt es den Vorstand?" is not
    # "Metz has held the presidency since 2025", nor a meeting's date
    own_only = subject.id in STATUTORY_ORGANS and main == "since"
    # "und wer da sitzt?" right after the assembly's last meeting: the assembly's own fact next,
    # before any sibling (the committee's text shares "sitzt")
    is_organ = subject.id.startswith("organ:") and bool(subject.scope)
    organ_key = subject.scope[0] + subject.id.split(":", 1)[1] if is_organ else ""
    organ_own = [(k, f) for k, f in everything if k == organ_key and k not in subject.keys]
    candidates = [answering(own + organ_own, kind) for kind in similar] + [
        [
            (k, f)
            for k, f in answering(everything, kind)
            if not own_only
            and (
                not strict
                or k in subject.keys
                or _overlap(question, f, lang, cities=False)
                or (founding and k == FOUNDERS)
            )
        ]
        for kind in similar
    ]
    for kind, found in zip([*similar, *similar], candidates):
        if found:  # one precise answer: the best matching fact that answers the kind
            instead = exact_instead(found, kind)
            if instead is not None:
                return instead
            key, fact = max(found, key=lambda kf: _overlap(question, kf[1], lang))
            return key, fact, kind
    return None


def answer_kind(
    dispatcher: CollectingDispatcher,
    subject: Subject,
    question: Question,
    lang: str,
    follow_up: bool = False,
    said: Sequence[str] = (),
    context: Optional[Subject] = None,
) -> Optional[Answer]:
    """Answer `question` about `subject` if it asks a checked kind; None leaves the answer to
    the intent's action. A follow-up (a question without its own subject) gets the short
    answer. When the subject does not know, the conversation's `context` subject may (the
    NLU placed "il y avait combien de participants ?" under the network); else the reply says
    so, with the closest fact not `said` in the previous reply."""
    if (
        subject.id.startswith("organ:")
        and (subject.id != "organ:office" or OFFICE_HOUSE in subject.keys)
        and question.kind in ("where", "contact")
        and action_words().says(question.text, "postal")
    ):
        # ("house of the greater region esch address?": the street is the office's contact)
        # "un courrier officiel à la présidence, à quelle adresse ?": the association's address
        # is its office's, not the city that holds the presidency
        say_fact(dispatcher, OFFICE_CONTACT, lang)
        return Answer([OFFICE_CONTACT], organ_subject("office", [OFFICE_CONTACT], "office."))
    try:
        found = find_answer(subject, question, lang, follow_up)
    except LookupError:
        return None
    if found == OWN and subject.keys and set(subject.keys) <= set(said):
        # the intent's facts were the previous reply: "combien de frontaliers ?" after the
        # Greater Region gets the number, not the same two messages again
        found = find_answer(subject, question, lang, follow_up=True)
    if found == OWN:
        return None
    if found is None and context is not None and context.id != subject.id:
        try:
            found = find_answer(context, question, lang, follow_up=True)
        except LookupError:
            found = None
        if found is not None and found != OWN:
            subject = context
    if (
        found is None
        and subject.id != "network"
        and question.kind == "cost"
        and (question.names_network or _BUDGET.search(fold(question.text)))
    ):
        # "what is the budget of quattropole" placed under the board: the association's money
        try:
            found = find_answer(network_subject(()), question, lang, follow_up=True)
        except LookupError:
            found = None
        if found is not None and found != OWN:
            subject = network_subject(())
    if found is None or found == OWN:
        asked = [k for k in question.kinds if k in CHECKED_KINDS or (follow_up and k == "what")]
        if (
            context is not None
            and asked[0] in ASKED_OF_THE_CONTEXT
            and not question.names_network
            and subject.id == "network"
        ):
            # "how do i take part?" after the music prize, placed under the network: not
            # known for the prize, not for QuattroPole
            subject = context
        budget = (
            asked[0] == "cost"
            and subject.id.startswith("organ:")
            and bool(_BUDGET.search(fold(question.text)))
        )
        if (question.names_network or budget) and subject.id != "network":
            # "das Budget von QuattroPole", "wie hoch ist das Budget?" after the board: the
            # association's, whichever organ's intent the NLU chose
            subject = Subject(subject.id, subject.keys, subject.scope, subject.pointer)
        unknown = asked[0]
        if unknown in ("when", "since") and question.years and not is_presidency(subject):
            # "wasn't quattropole founded in 2004?": a year the sources do not give is not
            # confirmed; what they say instead
            dated = _with_kind(subject.facts(), unknown)
            closest = max(dated, key=lambda kf: _overlap(question, kf[1], lang), default=None)
            own_dated = [kf for kf in dated if kf[0] in subject.keys]
            if (closest is None or not _overlap(question, closest[1], lang)) and own_dated:
                # "QuattroPole gibt es doch erst seit 1998, oder?": the intent's own date, which
                # shares no word with the claim but answers it
                closest = own_dated[0]
            if closest is not None and (closest in own_dated or _overlap(question, closest[1], lang) > 0):
                key, fact = closest
                dispatcher.utter_message(
                    response="utter_claim_not_in_sources", years=", ".join(str(y) for y in question.years)
                )
                say_fact(dispatcher, fact, lang, text=fact.answer_for(unknown, lang))
                return Answer([key], subject)
        association = STORE.fact(ASSOCIATION)
        if unknown in ("since", "when") and subject.id in STATUTORY_ORGANS and association is not None:
            # "seit wann gibt es den Vorstand?": not stored as such; the association that set up
            # its organs was founded on 16 October 2014
            dispatcher.utter_message(
                response=UNKNOWN_RESPONSES[unknown],
                subject=subject.name(lang),
                pointer=subject.where_to_look(),
            )
            dispatcher.utter_message(response="utter_closest")
            say_fact(dispatcher, ASSOCIATION, lang, text=association.answer_for("since", lang))
            return Answer([ASSOCIATION], subject)
        if unknown in ("origin", "why") and "naming" in project_lexicon().concepts_of(question.text):
            unknown = "name_origin"  # "was bedeutet der Name?", "why is it called that?"
        if unknown not in UNKNOWN_RESPONSES:
            # "il a fait quoi pendant sa présidence ?" of a person with no "what" answer: what
            # the store says of them, if it has their facts
            own = [k for k in subject.keys if STORE.fact(k) is not None]
            for key in own:
                say_fact(dispatcher, key, lang)
            return Answer(own, subject) if own else None
        return say_not_known(dispatcher, subject, unknown, lang, None, said)
    key, fact, kind = cast(Tuple[str, Fact, str], found)
    # a short answer that does not speak of what is counted gives way to the whole fact
    fits = fact.answer_for(kind, lang) is None or _short_answer_fits(fact, kind, question, lang)
    say_precise(dispatcher, key, fact, kind if fits else None, lang, question)
    return Answer([key], subject)


def latest_past_event(facts: Sequence[Tuple[str, Fact]]) -> Optional[Tuple[str, Fact]]:
    """Of `facts`, the one whose event ended last among those that are past; None if none is."""
    past = [(k, f) for k, f in facts if f.event is not None and f.is_past()]
    return max(past, key=lambda kf: kf[1].event.last_day(), default=None)  # type: ignore[union-attr]


def say_not_known(
    dispatcher: CollectingDispatcher,
    subject: Subject,
    kind: str,
    lang: str,
    facts: Optional[Sequence[Tuple[str, Fact]]] = None,
    said: Sequence[str] = (),
) -> Answer:
    """ "I don't have <kind> for <subject>", the closest helpful fact (not one the previous
    reply already gave), and where to look."""
    dispatcher.utter_message(
        response=UNKNOWN_RESPONSES[kind], subject=subject.name(lang), pointer=subject.where_to_look()
    )
    facts = subject.facts() if facts is None else facts
    for closest in CLOSEST_KINDS.get(kind, ()):
        found = [(k, f) for k, f in _with_kind(facts, closest) if k not in said]
        if kind == "next" and closest == "when":  # the last known date, told as past
            latest = latest_past_event(found)
            found = [latest] if latest is not None else []
        if found:
            key, fact = found[0]
            dispatcher.utter_message(response="utter_closest")
            # "when is the next mayoral election in trier?": until when the mayor's term runs
            say_fact(
                dispatcher, fact, lang, text=fact.answer_for("until", lang) if closest == "until" else None
            )
            return Answer([key], subject)
    return Answer([], subject)


def subject_events(subject: Subject, keys: Sequence[str]) -> List[Dict[str, object]]:
    """Keep the subject and the facts just said, for follow-ups. A city's fact is the city's
    topic now: "et combien d'habitants ?" after Saarbrücken's mayor makes "et à Trèves ?" ask
    Trier's population, not its mayor."""
    city_topics = {key.split(".")[2] for key in keys if key.startswith("city.") and key.count(".") == 2}
    if subject.id.startswith("city:") and len(city_topics) == 1:
        city, topic = subject.id.split(":")[1], city_topics.pop()
        return [
            SlotSet("subject", f"city:{city}:{topic}"),
            SlotSet("facts", list(keys)),
            SlotSet("topic", f"city.{topic}"),
        ]
    return [SlotSet("subject", subject.id), SlotSet("facts", list(keys) or None)]


# -- subjects -------------------------------------------------------------------------------
def city_subject(city: str, topic: Optional[str] = None) -> Subject:
    keys = (f"city.{city}.{topic}",) if topic else ()
    return Subject(
        f"city:{city}" + (f":{topic}" if topic else ""),
        keys,
        (f"city.{city}.",),
        STORE.city_website(city),
        lambda lang: STORE.city_name(city, lang),
    )


def organ_subject(organ: str, keys: Sequence[str], scope: str = "governance.") -> Subject:
    """An organ; without facts said, its own fact ("governance.general_assembly") is what a
    follow-up is about ("how many members does it have?" after "how often it meets: not
    known" is the assembly's, not the board's)."""
    if not keys and STORE.fact(f"{scope}{organ}") is not None:
        keys = (f"{scope}{organ}",)
    return Subject(
        f"organ:{organ}",
        tuple(keys),
        (scope,),
        None,
        lambda lang: STORE.organ_name(organ, lang) if organ in STORE.organs else "QuattroPole",
    )


def project_subject(project: Optional[str]) -> Subject:
    if project is None or project not in STORE.projects:
        return Subject("projects", ("projects.overview",), ("projects.",))
    return Subject(
        f"project:{project}",
        (f"project.{project}",),
        (f"project.{project}",),
        None,
        lambda lang: STORE.project_name(project, lang),
    )


def network_subject(keys: Sequence[str]) -> Subject:
    return Subject("network", tuple(keys), ("network.",))


def region_subject(keys: Sequence[str]) -> Subject:
    return Subject("greater_region", tuple(keys), ("greater_region.",), None, STORE.region_name)


def subject_from_slots(subject_id: Optional[str], keys: Optional[Sequence[str]]) -> Optional[Subject]:
    """The subject kept in the slots after an answer, with the facts then said as its keys."""
    if not subject_id:
        return None
    kind, _, rest = subject_id.partition(":")
    keys = tuple(keys or ())
    if kind == "city" and rest.split(":")[0] in STORE.cities:
        city, _, topic = rest.partition(":")
        found = city_subject(city, topic or None)
    elif kind == "organ":
        found = organ_subject(rest, keys, "office." if rest == "office" else "governance.")
    elif kind == "project":
        found = project_subject(rest)
    elif kind == "projects":
        found = project_subject(None)
    elif kind == "network":
        found = network_subject(keys)
    elif kind == "greater_region":
        found = region_subject(keys)
    else:
        return None
    return Subject(found.id, keys or found.keys, found.scope, found.pointer, found.name)


def answer_named_fact(
    dispatcher: CollectingDispatcher, question: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """The one fact a term of the question names (`named_by` in the store: "Leitbild",
    "Vision d'avenir"), whichever intent won: its short answer to the kind asked, else its
    text. None when no fact or several are named, or the question asks a checked kind the
    fact does not answer (the intent's own logic then says what is not known)."""
    keys = STORE.facts_named_in(question.text)
    if len(keys) != 1:
        return None
    key = keys[0]
    fact = STORE.fact(key)
    if fact is None:
        return None
    asked = [k for k in question.kinds if k in CHECKED_KINDS]
    kind = next(
        # the fact is named: a year the question gives ("l'an dernier") needs no check against
        # the short answer, only the words a kind may require (`asked_with`)
        (k for k in asked if k in fact.kinds and _asked_with(fact, k, question.text)),
        None,
    )
    if asked and kind != asked[0] and asked[0] in UNKNOWN_RESPONSES:
        # "le guide de voyage coûte combien ?" asks a price, which the guide's facts lack; not
        # its print run, though "combien" also counts
        kind = None
    if asked and kind is None and key.startswith("project.") and asked[0] in UNKNOWN_RESPONSES:
        # "le guide, on le trouve où ?": the project is named, what is asked of it is not
        # known; not a neighbouring fact of the network's
        subject = project_subject(key.split(".")[1])
        return subject_events(subject, say_not_known(dispatcher, subject, asked[0], lang, [(key, fact)]).keys)
    if asked and kind is None:
        return None
    say_fact(dispatcher, key, lang, text=fact.answer_for(kind, lang) if kind else None)
    scope = key.split(".")[0]
    if scope == "project":  # "le guide": the project is the conversation's subject now
        named = project_subject(key.split(".")[1])
        return subject_events(replace(named, keys=(key,)), [key])
    subject = region_subject([key]) if scope == "greater_region" else network_subject([key])
    return subject_events(subject, [key])


# -- before / after / first ---------------------------------------------------------------
CURRENT_PRESIDENT = "governance.current_president"
#: The mayors who signed the 2000 declaration
FOUNDERS = "network.founders"
#: the facts that tell the founding, whose "who?" is the signatories
FOUNDING_KEYS = {"network.history", "network.association"}
PRESIDENT_ELECTION = "governance.president_election"
#: The presidents so far, in order.
PRESIDENTS = "governance.presidents"
PRESIDENCY_KEYS = (CURRENT_PRESIDENT, PRESIDENTS)
TERM_PREFIX = "governance.term."


def is_presidency(subject: Subject) -> bool:
    return subject.id == "organ:president" or any(
        k in PRESIDENCY_KEYS or k.startswith(TERM_PREFIX) for k in subject.keys
    )


def terms_by_surname(text: str) -> List[President]:
    """The presidency terms whose holder's surname the text names, whatever its length ("sous
    Gros", "und davor, vor Leibe?"), in term order."""
    said = set(re.findall(r"\w+", fold(text)))
    return [term for term in STORE.presidents() if fold(term.person.split()[-1]) in said]


def _term_index(
    question: Question, keys: Sequence[str], person: Optional[str], years: Sequence[int]
) -> Optional[int]:
    """Which presidency "before" / "after" refers to: a name or year in the question, else the
    one said last (the current one after "who is president?", the first after the list)."""
    presidents = STORE.presidents()
    named = terms_by_surname(question.text)
    if named:
        return presidents.index(named[0])
    if years:
        year = years[0]
        for index, term in enumerate(presidents):
            if term.start.year <= year <= (term.end or term.as_of).year:
                return index
        return 0 if year < presidents[0].start.year else len(presidents) - 1
    names = [fold(t.person) for t in presidents]
    if person and fold(person) in names:
        return names.index(fold(person))
    terms = [k for k in keys if k.startswith(TERM_PREFIX)]
    if terms:
        starts = [t.start.year for t in presidents]
        year = int(terms[-1].rsplit(".", 1)[1])
        return starts.index(year) if year in starts else len(presidents) - 1
    if PRESIDENTS in keys:
        return 0 if question.relation == "before" else len(presidents) - 1
    return len(presidents) - 1


#: How the presidency is elected and how often it changes.
PRESIDENCY_RHYTHM = "governance.president_election"


def say_presidency_rhythm(dispatcher: CollectingDispatcher, lang: str, kind: str = "frequency") -> List[str]:
    """How often the presidency changes (`frequency`) or how long a term lasts (`how_long`):
    what holds when the next president or the open term's end is not known."""
    fact = STORE.fact(PRESIDENCY_RHYTHM)
    if fact is None:
        return []
    say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang))
    return [PRESIDENCY_RHYTHM]


def _say_term(
    dispatcher: CollectingDispatcher, index: int, lang: str, kind: Optional[str] = None
) -> Tuple[Answer, str]:
    """The term's fact, or its answer to `kind` ("bis wann?": when it ended) where it has one."""
    term = STORE.presidents()[index]
    fact = term.to_fact()
    key = STORE.key_of(fact)
    text = fact.answer_for(kind, lang) if kind in fact.kinds else None
    say_fact(dispatcher, key or fact, lang, text=text)
    return Answer([key or PRESIDENTS]), term.person


def say_relation(
    dispatcher: CollectingDispatcher,
    subject: Subject,
    question: Question,
    lang: str,
    person: Optional[str] = None,
    years: Sequence[int] = (),
    said: Sequence[str] = (),
) -> Tuple[Answer, Optional[str]]:
    """ "und davor?" / "who came after Leibe?" / "the very first president?": one name with
    its years. Other subjects answer from a fact that declares the relation as a kind (a
    mayor's predecessor); without one, the reply says so and gives what it does know."""
    relation = question.relation or "before"
    if is_presidency(subject):
        presidents = STORE.presidents()
        if relation == "first":
            return _say_term(dispatcher, 0, lang)
        index = _term_index(question, subject.keys, person, years)
        if index is not None:
            target = index + (-1 if relation == "before" else 1)
            if 0 <= target < len(presidents):
                return _say_term(dispatcher, target, lang)
        answer = say_not_known(dispatcher, subject, relation, lang, [])
        if index is not None and relation == "after" and index == len(presidents) - 1:
            # "who's next?" after the current president: the order so far and the rotation
            dispatcher.utter_message(response="utter_closest")
            say_fact(dispatcher, PRESIDENTS, lang)
            return Answer([*answer.keys, PRESIDENTS, *say_presidency_rhythm(dispatcher, lang)]), None
        if index is not None:  # the first (or latest) presidency the store knows
            dispatcher.utter_message(response="utter_closest")
            more, name = _say_term(dispatcher, index, lang)
            return Answer(answer.keys + more.keys), name
        return answer, None
    own = [(k, f) for k, f in subject.facts() if k in subject.keys]
    for key, fact in own:
        if fact.answers_kind(relation):
            say_fact(dispatcher, key, lang, text=fact.answer_for(relation, lang))
            return Answer([key]), None
    found = in_series(subject, relation, _ordinal(question.text))
    if found is not None:  # "und wann war der erste?" after the 2025 hackathon: the 2023 one
        key, fact = found
        asked = next((k for k in question.kinds if fact.answers_kind(k)), "when")  # "c'était où ?"
        say_fact(dispatcher, fact, lang, text=fact.answer_for(asked, lang))
        return Answer([key], project_subject(key.split(".")[1])), None
    named = fact_named_by_words(subject, question, lang) if relation == "first" else None
    told = next(
        (
            named[1].answer_for(k, lang)
            for k in question.kinds
            if named is not None and named[1].answers_kind(k)
        ),
        None,
    )
    if named is not None and told is not None and _FIRST.search(told):
        # "when was the first Greater Region summit?": the one fact that tells a first one by
        # a word of the question, not the earliest year of any fact
        say_fact(dispatcher, named[0], lang, text=told)
        return Answer([named[0]]), None
    first = _earliest_answer(subject, question, lang) if relation == "first" else None
    if first is not None:  # "qui l'a gagné la première fois ?" about the music prize
        key, text = first
        say_fact(dispatcher, key, lang, text=text)
        return Answer([key]), None
    told_first = [(k, f) for k, f in own if relation == "first" and _FIRST.search(f.text_for(lang))]
    if told_first:
        # "und welche war die erste?" after the Fair Trade towns: the fact that says which was
        # first ("Saarbrücken … als erste"), not "I don't know"; a later part of the same
        # message drops it as already said
        key, fact = told_first[0]
        say_fact(dispatcher, fact, lang)
        return Answer([key]), None
    answer = say_not_known(dispatcher, subject, relation, lang, [])
    for key, fact in [(k, f) for k, f in own[:1] if k not in said]:  # not the reply just given
        dispatcher.utter_message(response="utter_closest")
        say_fact(dispatcher, fact, lang)
        answer.keys.append(key)
    return answer, None


#: A first one, as an answer tells it ("the first Summit", "der erste Gipfel", "le premier Sommet").
_FIRST = re.compile(r"\b(?:first|erste[nrms]?|premi[eè]re?)\b", re.IGNORECASE)


def _earliest_answer(subject: Subject, question: Question, lang: str) -> Optional[Tuple[str, str]]:
    """(key, short answer) of the subject's fact that answers the kind asked about the
    earliest year its answer names: the first winner, the first final."""
    for kind in (k for k in question.kinds if k in CHECKED_KINDS):
        dated = []
        for key, fact in subject.facts():
            text = fact.answer_for(kind, lang) if fact.answers_kind(kind) else None
            years = written_years(text or "")
            if text and years:
                dated.append((min(years), key, text))
        if dated:
            _, key, text = min(dated)
            return key, text
    return None


def _series_words(project_id: str) -> set:
    """The words naming a project's series; none for a project that is not one dated edition
    ("music_prize" and "robert_schuman_prize" share a word but are no series)."""
    words = project_id.split("_")
    return {w for w in words if not w.isdigit()} if any(w.isdigit() for w in words) else set()


#: Ordinals that name one edition of a series: "and the second one?" is the second, whichever
#: edition the conversation was on (folded words).
_ORDINALS = (
    (1, re.compile(r"\b(?:second|2nd|zweite[nrs]?|2\.|deuxieme|seconde?|2e)\b")),
    (2, re.compile(r"\b(?:third|3rd|dritte[nrs]?|3\.|troisieme|3e)\b")),
)


def _ordinal(text: str) -> Optional[int]:
    """The index an ordinal in `text` names (1 for "second"), if any."""
    folded = fold(text)
    return next((index for index, pattern in _ORDINALS if pattern.search(folded)), None)


def in_series(subject: Subject, relation: str, ordinal: Optional[int] = None) -> Optional[Tuple[str, Fact]]:
    """The first, previous or next project of the subject's series (projects whose ids share
    a word: "hackathon_2025", "health_hackathon_2023"), by the date each took place; with an
    `ordinal`, that edition ("the second one": index 1)."""
    kind, _, project = subject.id.partition(":")
    if kind != "project" or project not in STORE.projects or not _series_words(project):
        return None
    dated = []
    for other in STORE.projects:
        fact = STORE.fact(f"project.{other}")
        if fact is not None and _series_words(other) & _series_words(project):
            dated.append(((fact.event or fact.as_of).first_day(), other, fact))
    dated.sort(key=lambda item: item[0])
    at = next(i for i, (_, other, _) in enumerate(dated) if other == project)
    target = {"first": 0, "before": at - 1, "after": at + 1}.get(relation) if ordinal is None else ordinal
    if len(dated) < 2 or target is None or not 0 <= target < len(dated) or (target == at and ordinal is None):
        return None
    _, other, fact = dated[target]
    return f"project.{other}", fact


# -- people ---------------------------------------------------------------------------------
def person_subject(q: Question, scope: Sequence[str] = (), prefer: Sequence[str] = ()) -> Optional[Subject]:
    """The facts about the people a question names ("bis wann ist Leibe noch OB?"): those of
    the role the question names (presidency, mayor), else those in the asking action's
    `scope`, else those in `prefer` (the conversation's subject: "und wer war nach Leibe
    dran?" while it is about the presidents) if any, else all of them; None when none is
    left."""
    keys = STORE.facts_about(q.text)
    if not keys:
        return None
    asked = [k for k in q.kinds if k in CHECKED_KINDS]
    declaring = [k for k in keys if asked and STORE.fact(k) and asked[0] in STORE.fact(k).kinds]  # type: ignore[union-attr]  # checked
    if asked and asked[0] in ("since", "until"):
        # "seit wann ist Leibe ...?" without an office named: the office held now, not a
        # presidency that has ended
        ended = {t.key() for t in STORE.presidents() if t.end is not None}
        declaring = [k for k in declaring if k not in ended] or declaring
    if declaring and len(declaring) < len(keys) and not q.roles:
        # "le mandat de Leibe se termine quand ?": the office whose facts say until when,
        # whichever intent asked
        keys, scope = declaring, ()
    in_scope = [k for k in keys if scope and k.startswith(tuple(scope))]
    by_role = [
        k
        for k in keys
        if ("presidency" in q.roles and k.startswith("governance."))
        or ("mayor" in q.roles and k.startswith("city.") and k.endswith(".mayor"))
    ]
    preferred = [k for k in keys if prefer and k.startswith(tuple(prefer))]
    chosen = tuple(by_role if q.roles else in_scope if scope else preferred or keys)
    if not chosen:
        return None
    city = next((k.split(".")[1] for k in chosen if k.startswith("city.")), None)
    if all(k.startswith("governance.") for k in chosen):
        base = organ_subject("president", chosen)
    elif city and all(k.startswith(f"city.{city}.") for k in chosen):
        base = city_subject(city, chosen[0].rsplit(".", 1)[1])
    else:
        base = network_subject(chosen)
    return Subject(base.id, chosen, (), base.pointer, base.name)


def answer_personal(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "Wie alt ist Lydie Polfer?": the store knows people only in their office. The reply
    says so, then what it does know about them; None if the text names nobody it knows."""
    names = STORE.persons_named(q.text)
    keys = STORE.facts_about(q.text)
    if not names or not keys:
        return None
    subject = person_subject(q) or network_subject(keys[:1])
    if not q.kinds and not q.relation and action_words().says(q.text, "still"):
        # "und luxemburg, die polfer noch?" asks nothing personal: her office, and whether it
        # still holds as far as the store knows
        say_fact(dispatcher, keys[0], lang)
        city = keys[0].split(".")[1] if keys[0].startswith("city.") else None
        pointer = STORE.city_website(city) if city else subject.where_to_look()  # vdl.lu for Polfer
        say_still_so(dispatcher, tracker, [STORE.fact(keys[0])], pointer)
        return subject_events(subject, keys[:1])
    dispatcher.utter_message(
        response="utter_unknown_personal", subject=names[0], pointer=STORE.network_website
    )
    dispatcher.utter_message(response="utter_closest")
    say_fact(dispatcher, keys[0], lang, text=STORE.fact(keys[0]).answer_for("who", lang))  # type: ignore[union-attr]  # a stored key
    return subject_events(subject, keys[:1])


#: The facts an organ named in a question stands for (an entity of the facts store).
ORGAN_KEYS = {
    "board": ("governance.board", "governance."),
    "general_assembly": ("governance.general_assembly", "governance."),
    "coordination_committee": ("governance.coordination_committee", "governance."),
    "president": ("governance.current_president", "governance."),
    "office": ("office.location", "office."),
}


def asks_summit_presidency(tracker: Tracker) -> bool:
    """True when a question about a president is about the Greater Region summit's: it names
    the Greater Region (or the conversation is about it) and not the network."""
    text = tracker.latest_message.get("text") or ""
    if question_of(text).names_network:
        return False
    about_region = tracker.get_slot("subject") == "greater_region"
    return about_region or "greater_region" in project_lexicon().concepts_of(text)


def entity_subject(
    tracker: Tracker, subject: Optional[Subject], q: Optional[Question] = None
) -> Optional[Subject]:
    """The one organ or project a question names, when it is not the action's own subject:
    "le numéro de téléphone du président" is about the president, whatever intent won; with
    `q`, a mayor and one city named ("when is the next mayoral election in metz?") are that
    city's mayor, not the network's presidency."""
    entities = tracker.latest_message.get("entities") or []
    projects = list(
        dict.fromkeys(
            e.get("value")
            for e in entities
            if e.get("entity") == "project" and e.get("value") in STORE.projects
        )
    )
    organs = list(
        dict.fromkeys(
            e.get("value") for e in entities if e.get("entity") == "organ" and e.get("value") in ORGAN_KEYS
        )
    )
    if asks_summit_presidency(tracker):  # "qui est président de la Grande Région ?"
        organs = [o for o in organs if o != "president"]
    if (
        len(organs) > 1
        and q is not None
        and q.kind in DATE_KINDS
        and all(f"organ:{o}" in STATUTORY_ORGANS for o in organs)
    ):
        organs = organs[
            :1
        ]  # "seit wann gibt es Vorstand und Mitgliederversammlung?": as old as the association
    found = None
    if len(projects) == 1:
        found = project_subject(projects[0])
    elif len(organs) == 1:
        key, scope = ORGAN_KEYS[organs[0]]
        found = organ_subject(organs[0], [key], scope)
    elif q is not None and "presidency" not in q.roles:
        cities = list(dict.fromkeys(e.get("value") for e in entities if e.get("entity") == "city"))
        city = tracker.get_slot("city")
        if (
            not cities
            and q.here
            and tracker.get_slot("subject") == f"city:{city}:mayor"
            and action_words().says(q.text, "election")
        ):
            # "... and when is the next election there?" right after Luxembourg's mayor
            cities = [city]
        elif "mayor" not in q.roles:
            cities = []
        if len(cities) == 1 and STORE.fact(f"city.{cities[0]}.mayor") is not None:
            found = city_subject(cities[0], "mayor")
    elif (
        q is not None
        and q.roles == ("presidency",)
        and q.asks("who")
        and not q.years
        and not STORE.persons_named(q.text)
        and not any(e.get("entity") == "city" for e in entities)
        and not asks_summit_presidency(tracker)
    ):
        # "who currently chairs QuattroPole and since when?" under the network's history: the
        # presidency, not the network's founding
        found = organ_subject("president", [CURRENT_PRESIDENT])
    if found is None or (subject is not None and subject.id == found.id):
        return None
    return found


def names_subject_itself(tracker: Tracker, subject: Optional[Subject]) -> bool:
    """True when the message names the action's own subject by an entity ("Opening hours of
    the office?" under the office's intent): a question about it, however few its other words."""
    if subject is None:
        return False
    named = {
        f"{e.get('entity')}:{e.get('value')}"
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") in ("city", "organ", "project")
    }
    return any(subject.id == n or subject.id.startswith(n + ":") for n in named)


def future_year_unknown(
    dispatcher: CollectingDispatcher, subject: Optional[Subject], q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """A question about a year after this one that no fact of the subject mentions: the store
    knows no plans that far; None otherwise."""
    if subject is None or not q.years or is_presidency(subject):
        return None
    now = clock.today().year
    if not all(year > now for year in q.years):
        return None
    if any(str(y) in f.text_for(lang) for _, f in subject.facts() for y in q.years):
        return None
    answer = say_not_known(dispatcher, subject, "next", lang, [])
    return subject_events(subject, answer.keys)


# -- follow-ups -----------------------------------------------------------------------------
def context_subject(tracker: Tracker) -> Optional[Subject]:
    return subject_from_slots(tracker.get_slot("subject"), tracker.get_slot("facts"))


def _names_any_fact(subject: Subject, q: Question, lang: str) -> bool:
    """True when a telling word of the question is in any of the subject's facts."""
    return names_own_fact(replace(subject, keys=tuple(k for k, _ in subject.facts())), q, lang)


def names_own_fact(subject: Optional[Subject], q: Question, lang: str) -> bool:
    """True when a question made of kind words still names what the intent's own facts speak
    of ("when was it founded?": the founding), so it is not a bare follow-up."""
    if subject is None:
        return False
    vocab = vocabulary()
    plain = vocab.fillers.get(lang, frozenset()) | vocab.plain_words.get(lang, frozenset())
    text = fold(q.text)
    for patterns in vocab.here.values():  # "die Stadt" points back; it names no fact
        for pattern in patterns:
            text = pattern.sub(" ", text)
    asked = _stems(" ".join(_words_of(text) - plain))
    return any(asked & _stems(f.text_for(lang)) for k, f in subject.facts() if k in subject.keys)


def context_words_instead(tracker: Tracker, subject: Subject, q: Question, lang: str) -> bool:
    """True when a message that names nothing (no entity) shares telling words with the
    conversation's subject and none with the intent's own facts: "when is the next final?"
    after the music prize, which the NLU placed under the presidency's election."""
    if tracker.latest_message.get("entities") or q.names_network or not q.kinds:
        return False
    context = context_subject(tracker)
    if context is None or context.id == subject.id:
        return False
    own = [f for k, f in subject.facts() if k in subject.keys]
    if any(_overlap(q, fact, lang) for fact in own):
        return False
    return any(_overlap(q, fact, lang) for _, fact in context.facts())


def context_answers_instead(tracker: Tracker, subject: Subject, q: Question, lang: str) -> bool:
    """True when a network question (or one whose pronoun points back: "how many members does
    it have?" after the coordination committee, whichever organ the NLU chose) does not name
    the network or anything else, and the conversation's own subject has the fact it asks for."""
    # "wie viele Leute arbeiten da?" after the office points back too ("da", "là-bas", "there")
    if (subject.id != "network" and not (q.back or q.here)) or q.names_network or not q.kinds:
        return False
    if names_own_subject(tracker):
        return False
    context = context_subject(tracker)
    if context is None or context.id == subject.id:
        return False
    try:
        found = find_answer(context, q, lang, follow_up=True)
    except LookupError:
        return False
    if found is None or found == OWN:
        return False

    # the intent's own facts win when they share more of the question's words: "when was it
    # founded?" after the president is the founding, as the NLU said
    def score(fact: Fact) -> Tuple[int, int]:  # telling words, then any words of five letters
        return _overlap(q, fact, lang), len(_stems(q.text) & _stems(fact.text_for(lang)))

    own = [score(f) for k, f in subject.facts() if k in subject.keys]
    _, fact, kind = cast(Tuple[str, Fact, str], found)
    # the context's fact as it would be said: its text and its short answer ("more than 130
    # people took part" for "how many people took part?" after the hackathon)
    said = f"{fact.text_for(lang)} {fact.answer_for(kind, lang) or ''}"
    told = (len(_content_words(q.text) & _content_words(said)), len(_stems(q.text) & _stems(said)))
    return told >= max(own, default=(0, 0))


def is_person_subject(subject: Subject) -> bool:
    """Subjects whose facts name people in office, where "before" / "after" make sense."""
    return is_presidency(subject) or subject.id.endswith(":mayor")


def answer_relation(
    dispatcher: CollectingDispatcher, tracker: Tracker, subject: Subject, q: Question, lang: str
) -> List[Dict[str, object]]:
    answer, person = say_relation(
        dispatcher,
        subject,
        q,
        lang,
        tracker.get_slot("person"),
        years_in_message(tracker),
        said=tracker.get_slot("facts") or (),
    )
    # "when was the first one?" after the 2025 hackathon: the 2023 one is the subject now, so
    # "and the second one?" comes back to 2025
    return [*subject_events(answer.subject or subject, answer.keys), SlotSet("person", person)]


#: "and" in a list of names, per language
_AND = {"de": "und", "fr": "et", "en": "and"}


def _and(names: Sequence[str], lang: str) -> str:
    """ "Lydie Polfer and Charlotte Britz", "A, B et C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {_AND.get(lang, 'and')} {names[-1]}"


#: papers other than the 2000 declaration that someone signed or adopted
_OTHER_PAPER = re.compile(
    r"\b(?:agreement|convention|vereinbarung\w*|kooperationsvereinbarung|statut\w*|satzung|charta|charter)\b"
)


#: The July 2014 declaration on founding the association and the mayors who signed it.
FOUNDING_DECLARATION = "network.founding_declaration"


def answer_signatories(
    dispatcher: CollectingDispatcher, q: Question, lang: str, after_them: bool = False
) -> Optional[List[Dict[str, object]]]:
    """ "Qui étaient les maires signataires ? Wikipédia cite Polfer et Britz, c'est juste ?":
    no, those named did not sign (when they are not the signatories), then who did. None
    unless the question speaks of signing and names people or asks who, or (`after_them`)
    doubts the signatories just given ("Wikipedia dit Polfer, Rausch, Britz et Leibe")."""
    founders = STORE.fact(FOUNDERS)
    named = STORE.persons_named(q.text)
    signing = action_words().says(q.text, "signatories")
    declaration = STORE.fact(FOUNDING_DECLARATION)
    mayors_asked = "mayor" in q.roles and q.asks("who", "list")
    if declaration is not None and 2014 in q.years and (signing or mayors_asked):
        # "who were the four mayors in 2014?", "which mayors founded the association in
        # 2014?": those who signed the declaration on founding it, not the 2000 signatories
        say_fact(dispatcher, declaration, lang, text=declaration.answer_for("who", lang))
        return [*subject_events(network_subject([FOUNDING_DECLARATION]), [FOUNDING_DECLARATION])]
    if founders is None or not (after_them or signing):
        return None
    if not named and not (signing and q.asks("who", "list") and not _OTHER_PAPER.search(fold(q.text))):
        # "qui étaient les maires signataires ?" names no one and still asks who; "who signed
        # the 2007 cooperation agreement?" is another paper
        return None
    wrong = [person for person in named if person not in founders.persons]
    if wrong:
        dispatcher.utter_message(response="utter_not_signatories", persons=_and(wrong, lang))
    say_fact(dispatcher, founders, lang, text=founders.answer_for("who", lang))
    return [*subject_events(network_subject([FOUNDERS]), [FOUNDERS]), SlotSet("person", None)]


#: one of the people just named, or then: "lequel des quatre", "which one", "wer war das"
_ONE_OF_THEM = re.compile(
    r"\b(?:lequel|laquelle|which one|which of|welche[rs]? (?:der|von)|war|waren|etait|etaient|was|were|damals|a l.epoque|at the time)\b"
)


#: The organ an intent asks about, when the NLU tagged none in the question itself
_ORGAN_OF_INTENT = {
    "ask_coordination_committee": "coordination_committee",
    "ask_board": "board",
    "ask_general_assembly": "general_assembly",
}


def answer_appointment(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "Und der Koordinationsausschuss, wer ernennt den eigentlich?": who appoints a body is
    not in the sources; the reply says so, where to ask, then the body's make-up. None unless
    the message asks who appoints and names a body (or one is the conversation's subject);
    the president's election is known and answered elsewhere."""
    if not action_words().says(q.text, "appointment"):
        return None
    # the organ asked about comes before the first "?": "Wer ernennt die Mitglieder des
    # Koordinationsausschusses? Der Vorstand?" guesses the board as who appoints them
    first_mark = q.text.find("?")
    organs = [
        e.get("value")
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == "organ"
        and (first_mark < 0 or e.get("start") is None or e["start"] < first_mark)
    ]
    if not organs:
        subject = tracker.get_slot("subject") or ""
        organs = [subject.split(":", 1)[1]] if subject.startswith("organ:") else []
    if not organs and latest_intent(tracker) in _ORGAN_OF_INTENT:
        organs = [_ORGAN_OF_INTENT[latest_intent(tracker)]]
    organs = [o for o in organs if o in ORGAN_KEYS and o != "president"]
    if len(set(organs)) != 1:
        return None
    key, scope = ORGAN_KEYS[organs[0]]
    subject = organ_subject(organs[0], [key], scope)
    dispatcher.utter_message(response="utter_unknown_appointment", subject=subject.name(lang))
    say_fact(dispatcher, key, lang)
    return subject_events(subject, [key])


def answer_signatory_of_city(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "lequel des quatre était le bourgmestre de Luxembourg ?" right after the signatories:
    the one who signed for that city (Paul Helminger), not today's mayor. None unless the
    signatories were the last answer and the question names one city and asks who or which."""
    founders = STORE.fact(FOUNDERS)
    cities = list(
        dict.fromkeys(
            e.get("value") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "city"
        )
    )
    if (
        founders is None
        or FOUNDERS not in facts_just_said(tracker)
        or len(cities) != 1
        or cities[0] not in STORE.cities
    ):
        return None
    if not (q.asks("who", "list") or "mayor" in q.roles) or not _ONE_OF_THEM.search(fold(q.text)):
        return None  # "wer ist Bürgermeister von Trier?" right after them is today's mayor
    city = STORE.city_name(cities[0], lang)
    found = re.search(rf"([A-ZÀ-Ý][\w-]+(?: [A-ZÀ-Ý][\w-]+)+) \({re.escape(city)}\)", founders.text_for(lang))
    if found is None:
        return None
    dispatcher.utter_message(response="utter_signatory_of_city", person=found.group(1), city=city)
    return [*subject_events(network_subject([FOUNDERS]), [FOUNDERS]), SlotSet("person", None)]


#: A claim about the present (folded): "et le président c'est bien Wolfram Leibe ?", "ist das
#: noch Leibe?", "Leibe is the president, isn't he?"
_CLAIMS_NOW = re.compile(
    r"\b(?:c.?est bien|est bien|ist doch"
    r"|noch|still|toujours|encore|isn.?t (?:he|she|it)|right\s*\?|oder\s*\?|n.?est.?ce pas|nicht wahr)"
)

#: "Leibe was president, right?" claims nothing about now (folded)
_SPEAKS_OF_THE_PAST = re.compile(
    r"\b(?:war|waren|wurde|fruher|jemals|was|were|ever|used to|etait|a ete|avait|autrefois|avant|before)\b"
)


def answer_president_claim(
    dispatcher: CollectingDispatcher, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "le président actuel, c'est bien Wolfram Leibe ?", "my guidebook says the president is
    Wolfram Leibe. Is that still right?": no, the current president, then the years of those
    named; None unless the message says that someone who is not the current president holds
    the presidency now."""
    named = STORE.persons_named(q.text)
    current = STORE.presidents()[-1]
    claims_now = q.now or (
        bool(_CLAIMS_NOW.search(fold(q.text))) and not _SPEAKS_OF_THE_PAST.search(fold(q.text))
    )
    if not (claims_now and "presidency" in q.roles and named and current.person not in named):
        return None
    dispatcher.utter_message(response="utter_fact_not_so")
    say_fact(dispatcher, CURRENT_PRESIDENT, lang)
    terms = [t for t in STORE.presidents() if t.person in named]
    for term in terms:
        fact = STORE.term_fact(term)
        say_fact(dispatcher, fact, lang, text=fact.answer_for("when", lang))
    keys = [CURRENT_PRESIDENT, *(t.key() for t in terms)]
    return [*subject_events(organ_subject("president", keys), keys), SlotSet("person", None)]


def answer_about_person(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    q: Question,
    lang: str,
    scope: Sequence[str] = (),
) -> Optional[List[Dict[str, object]]]:
    """A question that names a person the store knows, precisely; None if it names none or
    asks nothing about them. Without a `scope`, the person's facts in the conversation's
    subject come first."""
    context = context_subject(tracker)
    subject = person_subject(q, scope, context.scope if context is not None and not scope else ())
    if subject is None:
        return None
    claimed = answer_president_claim(dispatcher, q, lang)
    if claimed is not None:  # "le président actuel, c'est bien Wolfram Leibe ?"
        return claimed
    signatories = answer_signatories(dispatcher, q, lang)
    if signatories is not None:
        return signatories
    if not (q.kinds or q.relation):
        if not (q.roles or q.now):
            return None
        # "was Wolfram Leibe ever president?": what the store knows of them in that role; "et à
        # Metz c'est toujours Grosdidier ?": what it knows of them now, with its date
        for key in subject.keys:
            say_fact(dispatcher, key, lang)
        named = STORE.persons_named(q.text)
        return [
            *subject_events(subject, list(subject.keys)),
            SlotSet("person", named[0] if len(named) == 1 else None),
        ]
    if q.relation and not _RELATION_TO_A_PRONOUN.search(fold(q.text)):
        return answer_relation(dispatcher, tracker, subject, q, lang)
    answered = answer_kind(dispatcher, subject, q, lang, follow_up=True)
    return None if answered is None else subject_events(subject, answered.keys)


#: "et après elle c'était Dominique Gros" (folded): the person named is who came after the one
#: before; the question is about them, not about who came after them
_RELATION_TO_A_PRONOUN = re.compile(
    r"\b(?:apres|avant|nach|vor|after|before)\s+(?:elle|lui|eux|ihm|ihr|ihnen|him|her|them)\b"
)


def with_previous_kinds(tracker: Tracker, q: Question) -> Question:
    """ "und alle 4 zusammen?" after "wie viele Leute wohnen in Metz?": a message that names
    the network but asks nothing asks what the previous message asked."""
    if not q.names_network or any(k in CHECKED_KINDS for k in q.kinds):
        return q
    asked = previous_question(tracker)
    return replace(q, kinds=asked.kinds, counted=asked.counted) if asked is not None else q


def answer_last_event(
    dispatcher: CollectingDispatcher, subject: Subject, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "und die letzte?", "c'était où, la dernière ?" about a project or an event: its latest
    dated event that is past ("und davor?" right after one: the latest before it), told as
    past, answering the kind asked where the fact has it (when, by default). None when the
    question does not ask for the last one, or the subject is a person's office or has no
    past event."""
    if is_person_subject(subject):
        return None
    past = [(k, f) for k, f in subject.facts() if f.event is not None and f.is_past()]
    told = [f.event for k, f in past if k in subject.keys and f.event is not None]
    earlier = bool(told) and q.relation == "before"
    if not (earlier or action_words().says(q.text, "last_one")):
        return None
    if earlier:
        # "et la précédente ?" right after the 2026 final: the one before the event just told
        first = min(e.first_day() for e in told)
        past = [(k, f) for k, f in past if f.event.last_day() < first]  # type: ignore[union-attr]
    latest = latest_past_event(past)
    if latest is None:
        return None
    key, fact = latest
    kind = next((k for k in q.kinds if fact.answers_kind(k)), "when")
    say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang) if fact.answers_kind(kind) else None)
    return subject_events(subject, [key])


def answer_attendance(
    dispatcher: CollectingDispatcher, subject: Subject, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """ "qui était là ?", "who attended?" right after one dated event: the store has no guest
    list, only (where it has one) how many came; None otherwise."""
    if q.asks("how_many") or not action_words().says(q.text, "attendance"):
        return None  # "how many guests came?" is answered as a number
    told = [(k, f) for k, f in subject.facts() if k in subject.keys and f.event is not None]
    if len(told) != 1 or told[0][1].answers_kind("who"):
        return None
    key, fact = told[0]
    dispatcher.utter_message(response="utter_unknown_guests", pointer=subject.where_to_look())
    if fact.answers_kind("how_many"):
        say_fact(dispatcher, fact, lang, text=fact.answer_for("how_many", lang))
    return subject_events(subject, [key])


def answer_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """A question without a subject of its own, about the conversation's subject (or about a
    person it names). None when there is no subject or the question asks nothing we can
    resolve."""
    named = answer_about_person(dispatcher, tracker, q, lang)
    if named is not None:
        return named
    q = with_previous_kinds(tracker, q)
    if q.now and not (q.kinds or q.relation):
        # "et aujourd'hui ?", "und heute?": what was just asked, for now
        asked = previous_question(tracker)
        q = replace(q, kinds=asked.kinds if asked is not None and asked.kinds else ("who",))
    if q.kinds and mentions_esch(q.text) and not q.names_network:
        # "depuis quand ils sont à Esch ?": the office there, not the network's founding
        office = organ_subject("office", (), "office.")
        answered = answer_kind(dispatcher, office, q, lang, follow_up=True)
        if answered is not None:
            return subject_events(office, answered.keys)
    if (q.names_network or q.kind == "legal_form") and q.kinds:
        # "and in the network overall?"; "c'est quoi comme forme juridique ?" after the
        # president: only the association has a legal form
        network = network_subject(())
        answered = answer_kind(dispatcher, network, q, lang, follow_up=True)
        if answered is not None:
            return subject_events(network, answered.keys)
    subject = context_subject(tracker)
    if subject is None:  # "le 25e anniversaire c'était quand ?" as the first message
        return answer_by_shared_words(dispatcher, network_subject(()), q, lang)
    edition = in_series(subject, "", _ordinal(q.text)) if q.kinds and not q.relation else None
    if edition is not None:  # "what was the 2nd about?" after the first hackathon: the second
        subject = project_subject(edition[0].split(".", 1)[1])
    last = answer_last_event(dispatcher, subject, q, lang)
    if last is not None:  # "und die letzte?" after the Rencontres Citoyennes
        return last
    guests = answer_attendance(dispatcher, subject, q, lang)
    if guests is not None:  # "qui était là ?" after the anniversary
        return guests
    network = network_subject(())
    if (
        subject.id != network.id
        and not q.person_back
        and not q.here  # "combien de personnes qui y travaillent ?" after the office: there
        and not names_own_fact(subject, q, lang)
        and _names_any_fact(network, q, lang)
        # "how many people took part?" after the hackathon: its participants, not the network's
        # inhabitants, though both speak of people
        and not (q.asks("how_many") and any(f.answers_kind("how_many") for _, f in subject.facts()))
    ):
        # "und wann wurde es gegründet?" after the president: the network's founding, which
        # the president's facts do not speak of
        shared = answer_by_shared_words(dispatcher, network, q, lang)
        if shared is not None:
            return shared
    if q.kind == "personal":
        person = tracker.get_slot("person") or next(
            (p for key in subject.keys for p in getattr(STORE.fact(key), "persons", [])), None
        )
        if person:  # "how old is she?" after the mayor: the store has only her office
            dispatcher.utter_message(response="utter_unknown_personal", subject=person)
            return []
        if subject.id.startswith("city:"):  # "wie alt ist die Stadt?": no founding date stored
            place = city_subject(subject.id.split(":")[1])
            say_not_known(dispatcher, place, "when", lang, facts=[])
            return subject_events(place, [])
        # "how old is QuattroPole?": when it began
        q = replace(q, kinds=("when", *(k for k in q.kinds if k != "personal")))
    election = STORE.fact(PRESIDENT_ELECTION)
    if (
        is_presidency(subject)
        and not q.relation
        and election is not None
        and "election" in project_lexicon().concepts_of(q.text)
        and (q.asks("who") or not q.kinds)
        and not q.years
    ):
        # "wer wählt den eigentlich?" after a term: the General Assembly elects, not that
        # term's president again
        say_fact(dispatcher, election, lang)
        return subject_events(subject, [PRESIDENT_ELECTION])
    if not q.relation and is_presidency(subject) and q.asks("next") and q.asks("who"):
        q = replace(q, relation="after")  # "so who's next?" after the presidency: the next one
    if q.relation:
        return answer_relation(dispatcher, tracker, subject, q, lang)
    city = subject.id.split(":")[1] if subject.id.startswith("city:") else None
    if city and "mayor" in q.roles:  # "welcher OB ist da?" after Saarbrücken
        mayor = city_subject(city, "mayor")
        answered = answer_kind(dispatcher, mayor, q, lang, follow_up=True) if q.kinds else None
        if answered is None:
            say_fact(dispatcher, f"city.{city}.mayor", lang)
        return subject_events(mayor, list(mayor.keys))
    person = tracker.get_slot("person")
    if person is None and is_presidency(subject) and CURRENT_PRESIDENT in (tracker.get_slot("facts") or []):
        # "until when is the term?" right after the current president: theirs
        person = STORE.presidents()[-1].person
    mayor_keys = [k for k in STORE.facts_about(person) if k.endswith(".mayor")] if person else []
    if mayor_keys and "mayor" in q.roles:  # "is he still mayor?" after his presidency
        say_fact(dispatcher, mayor_keys[0], lang)
        mayor = city_subject(mayor_keys[0].split(".")[1], "mayor")
        return subject_events(mayor, mayor_keys[:1])
    years = years_in_message(tracker)
    if years and is_presidency(subject):
        # "und 2016?" after a question about the president: who held it that year; "2017-2018"
        # is one term, told once
        said: List[str] = []
        for year in years:
            fact = STORE.president_in_year(year)
            if fact is None:
                say_not_known(dispatcher, subject, "who", lang, [])
            elif (STORE.key_of(fact) or PRESIDENTS) not in said:
                say_fact(dispatcher, fact, lang)
                said.append(STORE.key_of(fact) or PRESIDENTS)
        return subject_events(subject, said)
    if q.now and is_presidency(subject) and q.asks("who"):  # "and who is it now?"
        say_fact(dispatcher, CURRENT_PRESIDENT, lang)
        return [*subject_events(subject, [CURRENT_PRESIDENT]), SlotSet("person", None)]
    if person and is_presidency(subject) and q.asks("since", "until", "when", "who"):
        index = next((i for i, t in enumerate(STORE.presidents()) if t.person == person), None)
        if index is not None:
            term = STORE.presidents()[index]
            if q.kind == "until" and term.end is None:  # the open term: its end is not known
                key = term.key()
                said = list(tracker.get_slot("facts") or [])
                if CURRENT_PRESIDENT in said:  # the open term is the current president just named
                    said.append(key)
                say_not_known(dispatcher, subject, "until", lang, [(key, STORE.term_fact(term))], said=said)
                # what does hold: a presidency lasts two years
                return subject_events(subject, [key, *say_presidency_rhythm(dispatcher, lang, "how_long")])
            answer, _ = _say_term(dispatcher, index, lang, q.kind)
            return subject_events(subject, answer.keys)
    if q.years and not q.kinds and not is_presidency(subject):
        # "und 2026?" after the music prize's winner: the subject's fact of that year
        of_year = [(k, f) for k, f in subject.facts() if any(str(y) in f.text_for(lang) for y in q.years)]
        if of_year:
            key, fact = of_year[-1]
            say_fact(dispatcher, fact, lang)
            return subject_events(subject, [key])
    dated = as_of_only(subject, q)
    if dated is not None:  # "c'était quand ?" after a population figure: the date it holds for
        dispatcher.utter_message(response="utter_fact_as_of", as_of=format_date(dated.as_of, lang))
        return subject_events(subject, list(subject.keys))
    answered = answer_kind(dispatcher, subject, q, lang, follow_up=True, said=tracker.get_slot("facts") or ())
    if answered is None:
        return None
    return subject_events(subject, answered.keys)


def answer_by_shared_words(
    dispatcher: CollectingDispatcher, subject: Subject, q: Question, lang: str
) -> Optional[List[Dict[str, object]]]:
    """The fact of `subject` that answers the question's kind and shares the most telling
    words with it ("où a eu lieu celle des 25 ans ?": the anniversary); None if no fact
    shares any."""
    kind = next((k for k in q.kinds if k in CHECKED_KINDS), None)
    if kind is None:
        return None
    scored = [
        (_overlap(q, f, lang), k, f)
        for k, f in _with_kind(subject.facts(), kind)
        if relevant(f, kind, q, lang, subject)  # a fact's `asked_with` words, a year it names
    ]
    scored = [item for item in scored if item[0] > 0]
    if not scored:
        return None
    _, key, fact = max(scored, key=lambda item: item[0])
    say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang))
    return subject_events(replace(subject, keys=(key,)), [key])


#: lexicon concepts that say nothing of what is asked about
_PLAIN_CONCEPTS = frozenset(
    {"greeting", "farewell", "thanks", "affirmation", "negation", "bot", "help", "personal", "detail", "city"}
)


def answer_by_concepts(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str, said: Sequence[str] = ()
) -> Optional[List[Dict[str, object]]]:
    """A follow-up that asks no kind ("how was she elected?" after a past presidency): the one
    fact of the conversation's subject, not `said` just before, that is about a topic it names
    (a data/lexicon concept in the fact's key: "election" → governance.president_election);
    None when there is no such fact, or more than one."""
    subject = context_subject(tracker)
    asked = set(project_lexicon().concepts_of(q.text)) - _PLAIN_CONCEPTS
    if subject is None or not asked:
        return None
    about = [(k, f) for k, f in subject.facts() if k not in said and asked & set(k.split(".")[-1].split("_"))]
    if len(about) != 1:
        return None
    key, fact = about[0]
    say_fact(dispatcher, fact, lang)
    return subject_events(subject, [key])


def as_of_only(subject: Subject, q: Question) -> Optional[Fact]:
    """The fact just given, when "when?" can only ask the date it holds for: it is time-bound
    and tells no date of its own (a population figure, not a mayor's start)."""
    if q.kind != "when" or q.relation or len(subject.keys) != 1 or not q.bare:
        return None  # "et les 25 ans c'était quand ?" names what it asks about
    fact = STORE.fact(subject.keys[0])
    if fact is None or not fact.time_bound or any(fact.answers_kind(k) for k in ("when", "since", "until")):
        return None
    return fact
