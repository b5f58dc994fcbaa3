"""How the association is governed: board, general assembly, presidency, coordination."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    CURRENT_PRESIDENT,
    PRESIDENTS,
    Subject,
    asks_summit_presidency,
    organ_subject,
    region_subject,
    say_not_known,
    say_presidency_rhythm,
    say_relation,
    subject_events,
    terms_by_surname,
)
from actions.common import (
    FactAction,
    entity_values,
    holders,
    last_sentence_start,
    latest_intent,
    previous_question,
    say_fact,
    say_unknown,
    years_in_message,
)
from actions.events import say_events_between
from actions.store import STORE
from bot.facts.model import Fact, President
from bot.language import fold
from bot.language.concepts import action_words, project_lexicon
from bot.language.kinds import Question, question_of, year_span

KEY_BY_INTENT = {
    "ask_board": "governance.board",
    "ask_general_assembly": "governance.general_assembly",
    "ask_president_election": "governance.president_election",
    "ask_president_list": "governance.presidents",
    "ask_coordination_committee": "governance.coordination_committee",
    "ask_president": "governance.current_president",
}

#: how or by whom, asked of an election ("wie wird der Präsident gewählt?")
_HOW = re.compile(r"\b(?:wie|wer|von wem|comment|qui|par qui|how|who|by whom)\b")

PRESIDENT_INTENTS = ("ask_president", "ask_president_list", "ask_president_election")


def say_presidents_in_years(
    dispatcher: CollectingDispatcher, years: List[int], lang: str, text: str = ""
) -> List[Dict[str, Any]]:
    """Who was president in each year (the store knows the years of each term), each term once
    ("2019-2020" is one term); a span ("between 2017 and 2022") is every term in it, in
    order. The events keep the term said, so "und davor?" walks back from it."""
    keys, person, unknown_said = [], None, False
    span = year_span(text)
    facts: List[Optional[Fact]] = (
        list(STORE.presidents_between(*span)) or [None]
        if span
        else [STORE.president_in_year(year) for year in years]
    )
    for fact in facts:
        if fact is None:
            if not unknown_said:
                say_unknown(dispatcher)
            unknown_said = True
        elif (STORE.key_of(fact) or "governance.presidents") not in keys:  # "2019-2020": one term
            say_fact(dispatcher, fact, lang)
            keys.append(STORE.key_of(fact) or "governance.presidents")
            # "und davor?" walks back from the earliest term said
            person = person or next(
                (t.person for t in STORE.presidents() if STORE.key_of(t.to_fact()) == keys[-1]), None
            )
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", keys or None),
        SlotSet("person", person),
        SlotSet("topic", "ask_president"),
    ]


def answer_president_now(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "la présidence a-t-elle changé après les municipales ?", "ist das immer noch der
    Präsident?" that the NLU could not place: today's president, whose fact says what the 2026
    elections may have changed; None when the message names no president or asks a kind."""
    q = question_of(tracker.latest_message.get("text") or "", lang)
    if "president" not in entity_values(tracker, "organ") or not q.now or q.kinds or q.relation:
        return None
    say_fact(dispatcher, CURRENT_PRESIDENT, lang)
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", [CURRENT_PRESIDENT]),
        SlotSet("person", current_president()),
        SlotSet("topic", "ask_president"),
    ]


def answer_leadership(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "ok. who runs it?" after what QuattroPole is, "wer ist da der Chef von dem ganzen,
    immer noch der Conradt?" after its office, whatever intent the NLU chose (a mayor's, for
    "runs"): today's president and the board of the four mayors; a past president named is
    answered with their term. None unless the message asks who leads, names no city, project
    or office, and is about the network (named, or the conversation's subject)."""
    text = q.text
    # a city of a sentence before the question is the user's own ("ich bin Lehrerin in
    # Saarbrücken … Wer leitet eigentlich QuattroPole?")
    start = last_sentence_start(text)
    entities = {
        e.get("entity")
        for e in tracker.latest_message.get("entities") or []
        if not isinstance(e.get("start"), int) or e["start"] >= start
    }
    if not q.asks("who") or "leadership" not in project_lexicon().concepts_of(text):
        return None
    if entities & {"city", "project", "organ"} or q.roles:
        return None
    subject = tracker.get_slot("subject") or ""
    if (tracker.get_slot("topic") or "").startswith("city.") or (
        q.here and tracker.get_slot("city") and not subject.startswith("organ:")
    ):
        return None  # "wer regiert die Stadt?" is the city's mayor
    if not (q.names_network or subject in ("", "network") or subject.startswith("organ:")):
        return None
    named = STORE.persons_named(text)
    terms = [t for t in STORE.presidents() if t.person in named and t.person != current_president()]
    if named and not (q.now and terms):
        return None  # "wer leitet bei Polfer das Büro?" is about that person
    if subject == "organ:office" and not (terms or q.names_network):
        return None  # "wer leitet die aktuell?" after the office: the office's head
    keys = (
        [CURRENT_PRESIDENT, *(t.key() for t in terms)] if terms else [CURRENT_PRESIDENT, "governance.board"]
    )
    for key in keys:
        say_fact(dispatcher, key, lang)
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", keys),
        SlotSet("person", current_president()),
        SlotSet("topic", "ask_president"),
    ]


def answer_president_then(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "wer war da Präsident?" right after a dated event (the general assembly of November
    2025, a hackathon): who held the presidency then, not the whole list. None unless the
    message asks who was president, names no year or person, and the facts just said tell of
    a dated event."""
    if "presidency" not in q.roles or not q.asks("who") or q.years or q.now or q.relation:
        return None
    if STORE.persons_named(q.text) or entity_values(tracker, "city"):
        return None
    events = [
        f for f in (STORE.fact(k) for k in tracker.get_slot("facts") or ()) if f is not None and f.event
    ]
    if not events:
        return None
    year = events[0].event.year  # type: ignore[union-attr]
    fact = STORE.president_in_year(year)
    if fact is None:
        return None
    say_fact(dispatcher, fact, lang)
    key = STORE.key_of(fact) or CURRENT_PRESIDENT
    return [SlotSet("subject", "organ:president"), SlotSet("facts", [key])]


def board_roles(text: str) -> List[str]:
    """The board offices other than the president that the question names (`vice_president`,
    `treasurer`, `board_secretary` in data/action_words.yml), in that order; the office's
    secretary-general is not the board's secretary."""
    words = action_words()
    roles = []
    if words.says(text, "vice_president"):
        roles.append("vice_president")
    if words.says(text, "treasurer"):
        roles.append("treasurer")
    if words.says(text, "board_secretary") and not words.says(text, "secretary_general"):
        roles.append("secretary")
    return roles


def board_role(text: str) -> Optional[str]:
    """The first board office the question names (see `board_roles`), or None."""
    roles = board_roles(text)
    return roles[0] if roles else None


def _years(president: President, lang: str) -> str:
    start = president.start.year
    return f"{start}–{president.end.year}" if president.end is not None else str(start)


def _term_asked(tracker: Tracker, role: str) -> Optional[President]:
    """The presidency term a board-role question is about: the president it names ("sous
    Polfer"), the year it names, the term of the conversation ("und der Schatzmeister?" after
    Conradt's term); None when it names none (the question is about now, or about all)."""
    terms = STORE.presidents()
    text = tracker.latest_message.get("text") or ""
    named = STORE.persons_named(text)
    holders = {p.board[role] for p in terms if role in p.board}
    under = action_words().says(text, "under_president")
    if under and not named:
        # "sous Gros": a surname too short to count anywhere (French "gros") counts after "under"
        named = [t.person for t in terms_by_surname(text)]
    for president in terms:
        # "treasurer under Leibe" is his term; "was Leibe ever treasurer?" is about him
        if president.person in named and (under or not set(named) & holders):
            return president
    for year in years_in_message(tracker):
        fact = STORE.president_in_year(year)
        for president in terms:
            if fact is not None and STORE.term_fact(president) is fact:
                return president
    if named:
        return None
    said = [p for p in terms if p.key() in set(tracker.get_slot("facts") or ())]
    # one term said last is the conversation's; several (the known holders) are none of them
    return said[0] if len(said) == 1 else None


def say_board_role(dispatcher: CollectingDispatcher, president: President, role: str, lang: str) -> None:
    """ "Schatzmeisteramt während der Präsidentschaft von Wolfram Leibe (2019–2020): Dominique
    Gros." with the term's source."""
    text = STORE.board_role_said(lang).format(
        role=STORE.board_role_name(role, lang),
        president=president.person,
        years=_years(president, lang),
        person=president.board[role],  # type: ignore[index]  # a BoardRole, checked by board_role()
    )
    say_fact(dispatcher, STORE.term_fact(president), lang, text=text)


#: How the association is organised: its organs, each told short (who sits there, what it does)
STRUCTURE = (
    ("governance.board", None),
    ("governance.general_assembly", None),
    ("governance.coordination_committee", None),
    ("office.tasks", "what"),
)
#: Actions under which "how is QuattroPole organised?" may land
STRUCTURE_ACTIONS = (
    "action_answer_governance",
    "action_answer_network",
    "action_answer_office",
    "action_answer_projects",
)


def answer_structure(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str, action: str
) -> Optional[List[Dict[str, Any]]]:
    """ "how is quattropole organised?", "wie ist der Verein aufgebaut?" under any intent of
    the association: its organs, not the one the NLU picked; None when the message names an
    organ or asks no such thing."""
    text = tracker.latest_message.get("text") or ""
    organs = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "organ"]
    if action not in STRUCTURE_ACTIONS or organs or not action_words().says(text, "structure"):
        return None
    keys = []
    for key, kind in STRUCTURE:
        fact = STORE.fact(key)
        if fact is not None:
            say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang) if kind else None)
            keys.append(key)
    return [SlotSet("subject", None), SlotSet("facts", keys)]


def answer_board_role(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "who was treasurer under Leibe?", "und die Schriftführerin?", "vice-président sous
    Polfer ?": who held that board office in that term, from the term's source; for a term
    whose holder is not known (the current one), say so, then every holder that is known.
    None when the question names no board office."""
    text = tracker.latest_message.get("text") or ""
    roles = board_roles(text)
    if not roles and action_words().says(text, "under_president") and STORE.persons_named(text):
        # "und unter Conradt?" after "wer war Schriftführerin?": the same office(s)
        before = previous_question(tracker)
        roles = board_roles(before.text) if before is not None else []
    if not roles:
        return None
    role = roles[0]
    president = None if action_words().says(text, "now") else _term_asked(tracker, role)
    if president is not None and role in president.board:
        for each in roles:  # "vice-président et trésorier sous Conradt ?": both
            if each in president.board:
                say_board_role(dispatcher, president, each, lang)
        return [
            SlotSet("subject", "organ:president"),
            SlotSet("facts", [president.key()]),
            SlotSet("person", president.board[role]),
        ]
    current = STORE.presidents()[-1]
    asked = president or current
    known = []
    for each in roles:  # "vice-président, trésorier, secrétaire en 2026 ?": each office asked
        dispatcher.utter_message(
            response="utter_board_role_unknown" if asked.end is not None else "utter_board_role_unknown_now",
            role=STORE.board_role_name(each, lang),
            president=asked.person,
            years=_years(asked, lang),
        )
        for term in STORE.board_role_holders(each):
            say_board_role(dispatcher, term, each, lang)
            known.append(term)
    dispatcher.utter_message(response="utter_board_role_where", pointer=STORE.network_website)
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", list(dict.fromkeys(t.key() for t in known)) or None),
    ]


def names_presidency(text: str) -> bool:
    """The question names the presidency itself (the `presidency` role of
    data/question_kinds.yml). Without it, "who leads / runs QuattroPole?" may mean the
    president or the board of mayors, so both are answered."""
    return "presidency" in question_of(text).roles


#: who heads the office ("wer leitet die?" while the conversation is about the office)
OFFICE_HEAD = "office.management"


def leads_the_office(tracker: Tracker) -> bool:
    """ "wer leitet die aktuell?" while the conversation is about the office: its head, not
    the association's president. The question names neither the presidency nor the network."""
    text = tracker.latest_message.get("text") or ""
    if latest_intent(tracker) != "ask_president" or tracker.get_slot("subject") != "organ:office":
        return False
    return not names_presidency(text) and not question_of(text).names_network


def current_president() -> Optional[str]:
    """The name of the president the store gives as current."""
    fact = STORE.fact("governance.current_president")
    return next(iter(holders([fact])), None)


#: the presidency of the Greater Region's summit, asked under a president intent
SUMMIT_PRESIDENCY = "greater_region.summit_presidency"


#: organ entity -> fact, for questions that name several bodies ("board vs. general assembly")
KEY_BY_ORGAN = {
    "board": "governance.board",
    "general_assembly": "governance.general_assembly",
    "coordination_committee": "governance.coordination_committee",
}


#: the organ a governance fact is about, for the subject of follow-ups
ORGAN_BY_KEY = {
    "governance.board": "board",
    "governance.general_assembly": "general_assembly",
    "governance.coordination_committee": "coordination_committee",
}


#: A city's turn at the presidency (folded): "als Trier dran war", "quand c'était le tour de
#: Trèves", "when it was Trier's turn"
_CITY_TURN = re.compile(
    r"\b(?:dran war|dran ist|an der reihe|turn|le tour de|tour de|c.etait a|hatte den vorsitz|held it)\b"
)


def answer_city_presidency(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "wann war Trier mit der Präsidentschaft dran?", and "when did luxembourg hold it?" right
    after the presidency: the terms the city's mayor held, each with its years. None when the
    question names no one city, or names a year or a person."""
    text = tracker.latest_message.get("text") or ""
    cities = [c for c in entity_values(tracker, "city") if c in STORE.cities]
    q = question_of(text, lang)
    current = STORE.presidents()[-1]
    if (
        len(cities) == 1
        and q.now
        and not q.asks("who")  # "i live in trier, who is the president now?" asks, claims nothing
        and cities[0] != current.city
        and (names_presidency(text) or tracker.get_slot("topic") in PRESIDENT_INTENTS)
        and not STORE.persons_named(text)
    ):
        # "Trier hat doch gerade den Vorsitz, oder?": no, and who holds it
        dispatcher.utter_message(response="utter_fact_not_so")
        say_fact(dispatcher, CURRENT_PRESIDENT, lang)
        return [
            SlotSet("subject", "organ:president"),
            SlotSet("facts", [CURRENT_PRESIDENT]),
            SlotSet("person", current.person),
            SlotSet("topic", "ask_president"),
        ]
    # "when did luxembourg hold it?" right after the presidency, whatever intent the NLU chose
    in_context = tracker.get_slot("topic") in PRESIDENT_INTENTS and q.asks("when", "since", "until")
    # "Wer war Präsident, als Trier dran war?": who held it in the city's turn
    city_turn = bool(_CITY_TURN.search(fold(text))) and names_presidency(text)
    if city_turn and not cities:
        cities = STORE.cities_in(text)
    if (
        not (
            (latest_intent(tracker) in PRESIDENT_INTENTS and names_presidency(text))
            or in_context
            or city_turn
        )
        or len(cities) != 1
        or years_in_message(tracker)
        or STORE.persons_named(text)
        or "mayor" in q.roles
        # "ich bin Journalist aus Trier, wer ist momentan Präsident?": the current president
        or q.now
        or (q.asks("who") and not q.asks("when", "since", "until") and not city_turn)
    ):
        return None
    terms = [t for t in STORE.presidents() if t.city == cities[0]]
    if not terms:
        return None
    kind = "when" if q.asks("when", "since", "until") else None
    for term in terms:
        fact = STORE.term_fact(term)
        say_fact(dispatcher, fact, lang, text=fact.answer_for(kind, lang) if kind else None)
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", [t.key() for t in terms]),
        SlotSet("person", terms[-1].person),
        SlotSet("topic", "ask_president"),
    ]


def answer_next_president(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "c'est qui le prochain ? ce sera le tour de Trier ?", "in what order?" in a conversation
    about the presidency (or asking about it): who comes next is not known, so the order so far
    and the two-year rotation. None otherwise, and for "who came after Leibe?" (a past term)."""
    text = tracker.latest_message.get("text") or ""
    q = question_of(text, lang)
    about = (
        tracker.get_slot("topic") in PRESIDENT_INTENTS
        or latest_intent(tracker) in PRESIDENT_INTENTS
        # "quel est l'ordre des présidences depuis la création ?" under the history's intent
        or ("presidency" in q.roles and action_words().says(text, "order"))
    )
    if not about or years_in_message(tracker) or STORE.persons_named(text):
        return None
    current = STORE.presidents()[-1]
    person = tracker.get_slot("person")
    # "and who came next?" after Leibe's term is Polfer's (the follow-up answers it)
    next_one = ((q.asks("next") and q.asks("who")) or q.relation == "after") and person in (
        None,
        current.person,
    )
    if not (next_one or action_words().says(text, "order")):
        return None
    subject = organ_subject("president", [current.key()])
    if next_one and PRESIDENTS in (tracker.get_slot("facts") or []):
        # the order was the answer just before: only that the next one is not known
        keys = say_not_known(dispatcher, subject, "after", lang, []).keys
    elif next_one:
        answer, _ = say_relation(dispatcher, subject, replace(q, relation="after"), lang, current.person)
        keys = answer.keys
    else:  # "in what order?": the order so far and how often it changes
        say_fact(dispatcher, PRESIDENTS, lang)
        keys = [PRESIDENTS, *say_presidency_rhythm(dispatcher, lang)]
    return [*subject_events(subject, keys), SlotSet("person", None), SlotSet("topic", "ask_president_list")]


def answer_term_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "what happened during his presidency?": the dated events of the term asked (the
    president named, else the conversation's), each told with its date. None when the
    message does not ask what went on, names no term, or the store knows no event in it."""
    text = tracker.latest_message.get("text") or ""
    if not action_words().says(text, "happened") or years_in_message(tracker):
        return None
    if question_of(text, lang).asks("how_many"):  # "how many projects did they do under Polfer?"
        return None
    named = STORE.persons_named(text) or [tracker.get_slot("person")]
    term = next((t for t in STORE.presidents() if t.person in named), None)
    if term is None:
        return None
    end = term.end.months_index(True) if term.end is not None else 10**6  # the open term: all since
    keys = say_events_between(dispatcher, lang, term.start.months_index(), end)
    if not keys:
        return None
    return [SlotSet("topic", "events"), SlotSet("subject", "network"), SlotSet("facts", keys)]


#: "depuis 2014", "seit 2015", "since 2014": every term from that year on, not that year's
_FROM_YEAR = re.compile(r"\b(?:depuis|seit|since|from|ab|a partir de)\s+(?:19|20)\d\d\b")
#: all the presidents before, not the one before (folded): "who were the ones before?", "et
#: les précédents ?", "und die davor alle?"
_ALL_BEFORE = re.compile(
    r"\b(?:the ones before|ones before|the others before|all (?:the )?(?:ones|presidents) before|previous ones"
    r"|previous presidents|les precedents|ceux d.avant|celles d.avant|les presidents d.avant|tous ceux d.avant"
    r"|die davor alle|alle davor|die vorherigen|alle vorherigen|die fruheren|alle fruheren)\b"
)
#: "entre Polfer et Grosdidier", "zwischen Polfer und Grosdidier", "between Polfer and Grosdidier"
_BETWEEN = re.compile(r"\b(?:entre|zwischen|between|in between)\b")


def answer_presidents_between(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Qui présidait entre Polfer et Grosdidier ?": the terms between the two presidents the
    question names, in order (Conradt); None unless it names two presidents and "between"."""
    if not _BETWEEN.search(fold(q.text)):
        return None
    named = set(STORE.persons_named(q.text))
    terms = STORE.presidents()
    at = [i for i, president in enumerate(terms) if president.person in named]
    if len(at) < 2:
        return None
    first, last = min(at), max(at)
    between = terms[first + 1 : last]
    if not between:
        return None
    keys = []
    for president in between:
        fact = STORE.term_fact(president)
        say_fact(dispatcher, fact, lang)
        key = STORE.key_of(fact)
        if key:
            keys.append(key)
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", keys),
        SlotSet("person", between[-1].person),
    ]


class ActionAnswerGovernance(FactAction):
    def name(self) -> str:
        return "action_answer_governance"

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        events = answer_board_role(dispatcher, tracker, lang)
        if events is not None:
            # "who was treasurer under Leibe?", before "president" in "vice president" is taken
            # for the president
            return events
        events = answer_term_events(dispatcher, tracker, lang)
        if events is not None:  # "what happened during his presidency?"
            return events
        text = tracker.latest_message.get("text") or ""
        if latest_intent(tracker) in ("ask_president", "ask_president_list") and (
            _FROM_YEAR.search(fold(text)) or _ALL_BEFORE.search(fold(text))
        ):
            # ("and who were the ones before?": every term, not only the one before)
            # "qui ont été les présidents successifs depuis 2014 ?": every term, not the first
            return self.say_all_presidents(dispatcher, lang)
        events = answer_presidents_between(dispatcher, tracker, question_of(text, lang), lang)
        if events is not None:  # "qui présidait entre Polfer et Grosdidier ?"
            return events
        return super().answer_question(dispatcher, tracker, lang)

    def say_all_presidents(self, dispatcher: CollectingDispatcher, lang: str) -> List[Dict[str, Any]]:
        """Every presidency term so far, and the list as the conversation's subject."""
        self.say_key(dispatcher, "governance.presidents", lang)
        return [
            SlotSet("topic", "ask_president_list"),
            SlotSet("subject", "organ:president"),
            SlotSet("facts", ["governance.presidents"]),
        ]

    def subject(self, tracker: Tracker) -> Optional[Subject]:
        intent = latest_intent(tracker)
        if intent in PRESIDENT_INTENTS and asks_summit_presidency(tracker):
            return region_subject([SUMMIT_PRESIDENCY])
        if leads_the_office(tracker):
            return organ_subject("office", [OFFICE_HEAD], "office.")
        key = KEY_BY_INTENT.get(intent, "governance.board")
        return organ_subject(ORGAN_BY_KEY.get(key, "president"), [key])

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        events: List[Dict[str, Any]] = []
        years = years_in_message(tracker)
        text = tracker.latest_message.get("text") or ""
        if intent in PRESIDENT_INTENTS and asks_summit_presidency(
            tracker
        ):  # "who holds the summit presidency?"
            self.say_key(dispatcher, SUMMIT_PRESIDENCY, lang)
            return [SlotSet("topic", "greater_region")]
        if leads_the_office(tracker):  # "wer leitet die aktuell?" after the office
            self.say_key(dispatcher, OFFICE_HEAD, lang)
            return [SlotSet("topic", "office")]
        q = question_of(text, lang)
        if intent in ("ask_president", "ask_president_list") and years:
            if q.asks("list") or q.asks("since"):
                # "list all presidents since 2014": every term, not the one of that year ("depuis
                # 2014" is answered so in answer_question)
                return self.say_all_presidents(dispatcher, lang)
            return say_presidents_in_years(dispatcher, years, lang, text)
        if (
            intent == "ask_president_election"
            and q.now
            and "presidency" in q.roles
            and not q.kinds
            and not _HOW.search(fold(text))
        ):
            # "ist er heute noch Präsident, nach den Kommunalwahlen?": who is, not how elected
            intent = "ask_president"
        if intent == "ask_president" and text and not names_presidency(text):
            self.say_keys(dispatcher, ["governance.current_president", "governance.board"], lang)
        else:
            if KEY_BY_INTENT.get(intent) == "governance.current_president":
                # "il est maire de quelle ville ?" next is about this person
                events.append(SlotSet("person", current_president()))
            organs = [o for o in entity_values(tracker, "organ") if o in KEY_BY_ORGAN]
            if len(organs) > 1 and KEY_BY_INTENT.get(intent) in KEY_BY_ORGAN.values():
                self.say_keys(dispatcher, [KEY_BY_ORGAN[o] for o in organs], lang)
            else:
                self.say_key(dispatcher, KEY_BY_INTENT.get(intent, "governance.board"), lang)
        return [SlotSet("topic", intent), *events]
