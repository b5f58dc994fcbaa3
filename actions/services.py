"""Everyday city services: where to go for an identity card, a bus ticket, a job, the weather.

The assistant does not run these services; it points to the right office or operator for the
city and topic, from the facts store's pointers (data/facts/services.yml), each with its
address. Without a city it asks which one; a topic it has no pointer for gets the city's
website."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import FactAction, entity_values
from actions.store import STORE

#: The broadest topic: a message that names it and another one is about the other one
#: ("frontalier, mes impôts ?" is about taxes).
BROADEST_TOPIC = "jobs"
#: A local bus or tram ride named as a means of transport is a public-transport question.
LOCAL_TRANSPORT = {"bus"}


def service_topic(tracker: Tracker) -> Optional[str]:
    """The service the latest message names (entities, else the store's words for the topics,
    else a bus named as transport), else the one asked about just before."""
    text = tracker.latest_message.get("text") or ""
    topics = [t for t in entity_values(tracker, "service") if t in STORE.service_topics]
    topics = list(dict.fromkeys(topics + STORE.service_topics_in(text)))
    if not topics and LOCAL_TRANSPORT & set(entity_values(tracker, "transport")):
        topics = ["public_transport"]
    if topics:
        return sorted(topics, key=lambda t: t == BROADEST_TOPIC)[0]
    previous = tracker.get_slot("service")
    return previous if previous in STORE.service_topics else None


class ActionAnswerCityService(FactAction):
    def name(self) -> str:
        return "action_answer_city_service"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        topic = service_topic(tracker)
        cities = [c for c in entity_values(tracker, "city") if c in STORE.cities]
        # "I live in Metz and work in Luxembourg, where do I pay taxes?": the city that has a
        # place for the topic
        with_pointer = [c for c in cities if topic and any(p.city == c for p in STORE.pointers(topic, c))]
        city: Optional[str] = (with_pointer or cities or [tracker.get_slot("city")])[0]
        city = city if city in STORE.cities else None
        if topic is None:
            dispatcher.utter_message(response="utter_service_unknown_topic")
            if city:  # the city's own website knows its services
                dispatcher.utter_message(
                    response="utter_service_city_website", pointer=STORE.city_website(city)
                )
            return [SlotSet("city", city)] if city else []
        pointers = STORE.pointers(topic, city)
        if city is None and any(p.city for p in pointers) and not any(p.city is None for p in pointers):
            dispatcher.utter_message(response="utter_ask_city")
            return [SlotSet("service", topic), SlotSet("topic", "service")]
        own = [p for p in pointers if p.city == city] if city else []
        chosen = own or [p for p in pointers if p.city is None] or pointers[:0]
        if not chosen:
            dispatcher.utter_message(
                response="utter_service_no_pointer",
                topic=STORE.service_topics[topic].names[lang],
                pointer=STORE.city_website(city) if city else STORE.network_website,
            )
        for pointer in chosen[:2]:
            citation = STORE.pointer_citation(pointer, lang)
            dispatcher.utter_message(
                response="utter_service_pointer",
                where=pointer.text_for(lang),
                url=pointer.url,
                label=citation.label if citation else pointer.url,
            )
        events = [SlotSet("service", topic), SlotSet("topic", "service"), SlotSet("subject", None)]
        return events + ([SlotSet("city", city)] if city else [])
