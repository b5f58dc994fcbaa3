"""How the association is governed: board, general assembly, presidency, coordination."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, asks_summit_presidency, organ_subject, region_subject
from actions.common import (
    FactAction,
    entity_values,
    latest_intent,
    say_fact,
    say_unknown,
    years_in_message,
)
from actions.store import STORE
from bot.language.concepts import action_words
from bot.language.kinds import question_of

KEY_BY_INTENT = {
    "ask_board": "governance.board",
    "ask_general_assembly": "governance.general_assembly",
    "ask_president_election": "governance.president_election",
    "ask_president_list": "governance.presidents",
    "ask_coordination_committee": "governance.coordination_committee",
    "ask_president": "governance.current_president",
}

PRESIDENT_INTENTS = ("ask_president", "ask_president_list", "ask_president_election")


def say_presidents_in_years(
    dispatcher: CollectingDispatcher, years: List[int], lang: str
) -> List[Dict[str, Any]]:
    """Who was president in each year (the store knows the years of each term); the events
    keep the term said, so "und davor?" walks back from it."""
    keys, person = [], None
    for year in years:
        fact = STORE.president_in_year(year)
        if fact is None:
            say_unknown(dispatcher)
        else:
            say_fact(dispatcher, fact, lang)
            keys.append(STORE.key_of(fact) or "governance.presidents")
            person = next(
                (t.person for t in STORE.presidents() if STORE.key_of(t.to_fact()) == keys[-1]), None
            )
    return [
        SlotSet("subject", "organ:president"),
        SlotSet("facts", keys or None),
        SlotSet("person", person),
        SlotSet("topic", "ask_president"),
    ]


def names_other_role(text: str) -> bool:
    """The question names a board role other than the president (vice-president, treasurer:
    `other_board_role` in data/action_words.yml); the store says they are shared among the
    mayors but not who holds which one now."""
    return action_words().says(text, "other_board_role")


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
    return fact.persons[0] if fact is not None and fact.persons else None


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


class ActionAnswerGovernance(FactAction):
    def name(self) -> str:
        return "action_answer_governance"

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        if names_other_role(tracker.latest_message.get("text") or ""):
            # "who is the treasurer / vice-president right now?": answer() says it is not known,
            # before "president" in "vice president" is taken for the president
            return self.answer(dispatcher, tracker, lang)
        return super().answer_question(dispatcher, tracker, lang)

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
        if intent in ("ask_president", "ask_president_list") and years:
            return say_presidents_in_years(dispatcher, years, lang)
        if names_other_role(text):
            # "Who is vice-president?": not in the store. Say so, then what it does know.
            say_unknown(dispatcher)
            self.say_key(dispatcher, "governance.board", lang)
        elif intent == "ask_president" and text and not names_presidency(text):
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
