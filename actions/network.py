"""Questions about QuattroPole itself: what it is, members, inhabitants, languages, history."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import (
    Subject,
    answer_kind,
    context_subject,
    fact_named_by_words,
    network_subject,
    subject_events,
)
from actions.cities import say_each_city
from actions.common import FactAction, latest_intent, names_all_cities, question, say_fact
from actions.events import say_year_events
from actions.store import STORE
from bot.facts import Fact
from bot.language import fold
from bot.language.concepts import action_words
from bot.language.kinds import Question, written_years

KEYS_BY_INTENT = {
    "ask_quattropole_overview": ["network.overview", "network.purpose"],
    "ask_quattropole_members": ["network.members"],
    "ask_quattropole_population": ["network.population"],
    "ask_quattropole_languages": ["network.languages"],
    "ask_quattropole_history": ["network.history", "network.founders"],
}


#: Network questions that, pointing back at a city ("da", "there", "là-bas"), ask about that
#: city's fact of the same topic.
CITY_TOPIC_BY_INTENT = {
    "ask_quattropole_population": "population",
    "ask_quattropole_languages": "languages",
    "ask_quattropole_overview": "overview",
}


#: "What does QuattroPole do?" asks what it is and what it works on: the overview is followed by
#: the fields and projects instead of the aims.
WHAT_IT_DOES_KEYS = ["network.overview", "projects.overview"]


def answer_year_events(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "was hat quattropole 2023 gemacht?": the dated events of that year the store knows,
    each told with its date; None when the message does not ask what went on in one year or
    names a subject of its own."""
    q = question(tracker, lang)
    entities = {e.get("entity") for e in tracker.latest_message.get("entities") or []} - {"year"}
    if len(set(q.years)) != 1 or entities or not action_words().says(q.text, "happened"):
        return None
    if q.asks("origin", "when", "since"):
        return None  # "how did it start? 2000?": the founding, not that year's events
    keys = say_year_events(dispatcher, lang, q.years[0])
    if not keys:
        return [SlotSet("topic", "events")]
    return [SlotSet("topic", "events"), *subject_events(network_subject(keys), keys)]


def _intent_answers(keys: List[str], named: Fact, q: Question) -> bool:
    """The intent's own facts answer the kind asked and the fact a word names does not: "ich
    übe mein Deutsch :) wann wurde QuattroPole gegründet" asks the founding date, and "Deutsch"
    naming the languages fact does not make it the answer."""
    facts = [STORE.fact(key) for key in keys]
    own = {kind for fact in facts if fact is not None for kind in fact.kinds}
    return any(kind in own and kind not in named.kinds for kind in q.kinds)


class ActionAnswerNetwork(FactAction):
    def name(self) -> str:
        return "action_answer_network"

    def subject(self, tracker: Tracker) -> Subject:
        intent = latest_intent(tracker)
        return network_subject(KEYS_BY_INTENT.get(intent, KEYS_BY_INTENT["ask_quattropole_overview"]))

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        q = question(tracker, lang)
        founders_told = "network.founders" in (tracker.get_slot("facts") or [])
        # "des 4 villes" names the network too, but asks for the cities
        of_the_cities = names_all_cities(q.text)
        if "mayor" in q.roles and not (
            (q.names_network and not of_the_cities) or q.years or founders_told or STORE.persons_named(q.text)
        ):
            # "qui sont les maires des 4 villes ?" placed under the network: the cities' mayors,
            # not the mayors who signed in 2000 (unless those were just told: "leben die
            # Bürgermeister von damals noch?")
            return [*say_each_city(self, dispatcher, "mayor", lang), SlotSet("subject", None)]
        context = context_subject(tracker)
        if (
            latest_intent(tracker) == "ask_quattropole_members"
            and context is not None
            and context.id.startswith("organ:")
            and q.asks("how_many", "who")
            and not q.names_network
            # "who appoints its members?" is who appoints them (FactAction.answer_question)
            and not action_words().says(q.text, "appointment")
        ):
            # "y a combien de membres dedans ?", "wer genau sitzt für Saarbrücken drin?" after the
            # general assembly: its members, not the network's (nor the signatories)
            answered = answer_kind(dispatcher, context, q, lang, follow_up=True)
            if answered is not None:
                return subject_events(context, answered.keys)
        return super().answer_question(dispatcher, tracker, lang)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        intent = latest_intent(tracker)
        keys = KEYS_BY_INTENT.get(intent, KEYS_BY_INTENT["ask_quattropole_overview"])
        text = tracker.latest_message.get("text") or ""
        city = tracker.get_slot("city")
        if intent in CITY_TOPIC_BY_INTENT and city in STORE.cities and question(tracker, lang).here:
            # "Wie viele Leute wohnen da?" after a question about Trier: Trier, not the network
            key = f"city.{city}.{CITY_TOPIC_BY_INTENT[intent]}"
            self.say_key(dispatcher, key, lang, pointer=STORE.city_website(city))
            return [SlotSet("topic", "city." + CITY_TOPIC_BY_INTENT[intent])]
        in_year = answer_year_events(dispatcher, tracker, lang)
        if in_year is not None:  # "was hat quattropole 2023 gemacht?"
            return in_year
        q = question(tracker, lang)
        if intent == "ask_quattropole_overview" and action_words().says(text, "doing"):
            keys = WHAT_IT_DOES_KEYS
        elif q.asks("legal_form"):  # "de droit allemand ?": the association, not the languages
            answered = answer_kind(dispatcher, network_subject(()), q, lang, follow_up=True)
            if answered is not None:
                return [
                    SlotSet("topic", intent),
                    *subject_events(network_subject(answered.keys), answered.keys),
                ]
        else:  # "tell me about the 25th anniversary", whichever network intent won
            named = fact_named_by_words(self.subject(tracker), q, lang)
            if named is not None and named[0] not in keys and not _intent_answers(keys, named[1], q):
                # "quelle est la devise ?": the motto
                key, fact = named
                say_fact(dispatcher, fact, lang, text=fact.answer_for("what", lang))
                return [SlotSet("topic", intent), *subject_events(network_subject([key]), [key])]
        self.say_keys(dispatcher, keys, lang)
        return [SlotSet("topic", intent)]


#: "zwischen 2000 und 2014", "entre 2000 et 2014", "between 2000 and 2014", "von 2000 bis 2014"
_BETWEEN_YEARS = re.compile(
    r"\b(?:zwischen|entre|between|von|de|from)\s+((?:19|20)\d\d)\s+"
    r"(?:und|et|and|bis|a|to|till|until)\s+((?:19|20)\d\d)\b"
)
#: the parts of the store a question about the network's past spans
HISTORY_SCOPE = ("network.", "governance.", "project.")


def answer_between_years(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "und was war zwischen 2000 und 2014, ist da nichts passiert?": the network's facts
    that name a year in between (the cooperation agreement of 2007), not the founding again;
    said plainly when there is none. None unless the message names such a span, asks what
    happened (not who held an office then) and names no city or person."""
    match = _BETWEEN_YEARS.search(fold(q.text))
    entities = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    if match is None or entities & {"city", "person", "organ"} or set(q.kinds) - {"what", "list"}:
        return None
    first, last = sorted((int(match.group(1)), int(match.group(2))))
    if last - first < 2:
        return None
    found = [
        key
        for key in STORE.keys()
        if key.startswith(HISTORY_SCOPE)
        and any(first < year < last for year in written_years(STORE.fact(key).text_for("en")))  # type: ignore[union-attr]
    ]
    if not found:
        dispatcher.utter_message(
            response="utter_unknown_between_years", first=first, last=last, pointer=STORE.network_website
        )
        return []
    dispatcher.utter_message(response="utter_between_years", first=first, last=last)
    for key in found:
        say_fact(dispatcher, key, lang)
    return [SlotSet("subject", "network"), SlotSet("facts", found)]
