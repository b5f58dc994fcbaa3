"""What the network does: the project overview and each project's details."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Subject, project_subject, subject_events
from actions.common import FactAction, entity_values, latest_intent, say_fact
from actions.store import STORE
from bot.language import fold
from bot.language.concepts import project_lexicon
from bot.language.kinds import question_of


def latest_event(project: str) -> List[str]:
    """The project's next event, else its last one ("the 2026 final took place on ..."), so an
    answer about the music prize says where it stands today."""
    prefix = f"project.{project}."
    event = STORE.next_event(prefix) or STORE.last_event(prefix)
    key = STORE.key_of(event) if event is not None else None
    return [key] if key else []


#: A group of people a question asks QuattroPole's offer for: "pour les frontaliers
#: concrètement ?", "anything for students?", "was bringt das Familien?"
_FOR_A_GROUP = re.compile(
    r"\b(?:fur|pour|for|pr|4|als|en tant que|as an?)\s+(?:(?:die|den|les|des|the|us|uns|nous|meine|mes|my)\s+)?"
    r"(?:grenzganger\w*|grenzpendler\w*|pendler\w*|frontaliers?|frontalieres?|commuters?|cross-border workers?"
    r"|student\w*|etudiants?|etudiantes?|schuler\w*|schulklassen?|klassen?|eleves?|pupils?|classes?"
    r"|touriste?n?s?|tourists?|famil\w*|kinder\w*|enfants?|kids|children|senior\w*|retraites?|rentner\w*"
    r"|pensioners?|retirees?|jugendliche\w*|jeunes|young people|people like me)\b"
)
#: The projects that come closest for a group, first match first: shuttles to the other
#: cities' festivals for residents, families and pensioners; the youth projects for the young
GROUP_PROJECTS = (
    (
        re.compile(r"famil|senior|retraite|rentner|pensioner|retiree|people like me"),
        ("rencontres_citoyennes",),
    ),
    (
        re.compile(
            r"schuler|schulklass|klasse|eleve|pupil|classe|jugendlich|jeunes|young people|kinder|enfant"
            r"|kids|children|student|etudiant"
        ),
        ("youth_projects",),
    ),
)
#: ... of which cross-border workers have their own advisers (EURES, the jobs topic)
_COMMUTERS = re.compile(r"grenzganger|grenzpendler|pendler|frontali|commuter|cross-border worker")


def answer_for_a_group(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "quattropole sert à quoi pour les frontaliers concrètement ?", "anything for students?":
    no offer for that group is stored, so the reply says so before what the network does in
    general (not the general list as if it were the answer); cross-border workers also get the
    EURES advisers. None when the message names no such group or names a project."""
    text = tracker.latest_message.get("text") or ""
    folded = fold(text)
    if not _FOR_A_GROUP.search(folded) or entity_values(tracker, "project"):
        return None
    if "fare" in project_lexicon().concepts_of(text):
        return None  # "gibts ein günstiges Ticket für Pendler?": a fare, which the operators set
    closest: Tuple[str, ...] = next(
        (projects for pattern, projects in GROUP_PROJECTS if pattern.search(folded)), ()
    )
    keys = [f"project.{p}" for p in closest if STORE.fact(f"project.{p}") is not None]
    if keys:
        # "kann man da als rentner mitmachen?": nothing made for them, but the citizens' shuttles
        dispatcher.utter_message(response="utter_group_offer_closest")
        for key in keys:
            say_fact(dispatcher, key, lang)
        return [SlotSet("topic", "ask_projects"), *subject_events(project_subject(closest[0]), keys)]
    dispatcher.utter_message(response="utter_unknown_group_offer")
    keys = ["projects.overview"]
    say_fact(dispatcher, keys[0], lang)
    if _COMMUTERS.search(folded):
        from actions.services import CROSS_BORDER_TOPIC, say_pointer

        for pointer in STORE.pointers(CROSS_BORDER_TOPIC)[:1]:  # the EURES advisers
            say_pointer(dispatcher, pointer, lang)
    return [SlotSet("topic", "ask_projects"), *subject_events(project_subject(None), keys)]


def answer_what_to_sign_up_for(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "is there anything concrete I can sign up for?", "kann man da irgendwo mitmachen?"
    about the network or its projects, naming no project: the projects whose facts say how
    to take part (the kind `sign_up` in the store), not "I don't know how to sign up". None
    when the message does not ask how to take part, names a project or a group, or no fact
    says how."""
    from actions.common import question

    q = question(tracker, lang)
    if not q.asks("sign_up") or entity_values(tracker, "project") or _FOR_A_GROUP.search(fold(q.text)):
        return None
    if (tracker.get_slot("subject") or "").startswith("project:"):
        return None  # "how do I sign up?" right after a project: that project's own way
    keys = STORE.facts_with_kind("sign_up", "project.")
    if not keys:
        return None
    for key in keys:
        say_fact(dispatcher, key, lang)
    project = keys[0].split(".")[1]
    return [SlotSet("topic", "ask_projects"), *subject_events(project_subject(project), keys)]


#: What the network does for a field, and the projects that say so: a question naming the
#: network (or asked while the network is the subject), a field and doing something ("was hat
#: quattropole für die Bahnanbindung gemacht?", "ils font quoi pour le tourisme ?") is answered
#: by those projects, not by the list of its fields (folded words).
FIELD_PROJECTS = (
    (
        re.compile(
            r"\b(?:bus|busse|busverbindung\w*|bahn\w*|zug|zuge|zugverbindung\w*|train|trains|rail\w*|ter"
            r"|mobilit\w*|transports?|verkehr\w*|verbindung\w*|desserte\w*|ferroviaire\w*|fernverkehr)\b"
        ),
        ("rail_lobbying",),
    ),
    (
        re.compile(
            r"\b(?:touris\w*|visiteurs?|besucher\w*|visitors?|pub|publicite|werbung|promotion|promote)\b"
        ),
        ("travel_guide", "cycling_map"),
    ),
    (
        re.compile(
            r"\b(?:commer\w*|entreprises?|economi\w*|wirtschaft\w*|unternehm\w*|handler\w*|geschaft\w*"
            r"|business\w*|compan\w*|shops?|economy)\b"
        ),
        ("economic_forum", "business_brochure"),
    ),
    (
        re.compile(r"\b(?:klima\w*|climat\w*|umwelt\w*|environ\w*|nachhaltig\w*|durable|sustainab\w*)\b"),
        ("climate_declaration", "fair_trade"),
    ),
    (
        re.compile(r"\b(?:kultur\w*|cultur\w*|kunst\w*|kunstler\w*|art|arts|artistes?|artists?|musi\w*)\b"),
        ("robert_schuman_prize", "music_prize"),
    ),
)
#: culture besides the two prizes: "d'autres projets culturels à part les prix ?"
CULTURE_BESIDES_PRIZES = ("project.swing_exchange", "project.youth_projects", "projects.other_projects")
_OTHER_THAN = re.compile(r"\b(?:a part|autres?|ausser|andere[nrs]?|other|besides|apart from|sonst)\b")
#: the prizes set aside: "à part les prix", "außer den Preisen", "besides the prizes"
_PRIZES = re.compile(r"\b(?:prix|preise[n]?|prizes|awards)\b")
#: projects asked for by that word: "quels projets culturels ?"
_PROJECT_WORD = re.compile(r"\b(?:projets?|projekte?n?|projects?)\b")
#: doing something about it (folded)
_DOES_SOMETHING = re.compile(
    r"\b(?:macht|machen|mache|tut|tun|gemacht|unternimmt|setzt sich|setzen sich|engagiert|ebbes|fir"
    r"|fait|font|s.engage|agit|aide|aident|aider|lobby\w*|does|did|doing|done|anything|something|efforts?|help\w*)\b"
)
#: the network by its name
_THE_NETWORK = re.compile(r"\b(?:quattropoles?|reseau|netzwerk|stadtenetz|network|verein|association)\b")
#: "they", when the network is what the conversation is about
_THEY = re.compile(r"\b(?:ils|elles|they)\b")
#: what the network is, asked beside a field the user speaks of ("doing a rail trip … whats
#: quattropole anyway?")
_WHAT_IT_IS = re.compile(
    r"\b(?:what(?:'s|s| is)|was ist|c.?est quoi|qu.est.ce que|c koi)\s+(?:quattropole|the network|das netzwerk|le reseau)\b"
)


def answer_network_for_field(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "was hat quattropole für die Bahnanbindung gemacht?", "ils font quoi pour le tourisme ?"
    after the network: the projects of that field (FIELD_PROJECTS), not the list of all fields
    or the next train. None when the message does not ask what the network does for a field,
    names a route (two cities) or a project, or asks a fare or a time."""
    from actions.travel import cities_in_message

    text = tracker.latest_message.get("text") or ""
    folded = fold(text).replace("quattro pole", "quattropole")
    about_network = (tracker.get_slot("subject") or "").startswith(("network", "project"))
    names_network = bool(_THE_NETWORK.search(folded)) or (
        about_network and bool(_THEY.search(folded) or _PROJECT_WORD.search(folded))
    )
    asks_doing = _DOES_SOMETHING.search(folded) or _PROJECT_WORD.search(folded)
    if not (names_network and asks_doing) or _WHAT_IT_IS.search(folded):
        return None
    named = entity_values(tracker, "project")
    besides = bool(_OTHER_THAN.search(folded))
    if len({city for city, _ in cities_in_message(tracker)}) >= 2 or (named and not besides):
        return None  # "besides the music prize, what other cultural stuff?" goes on
    if "fare" in project_lexicon().concepts_of(text) or question_of(text, lang).asks("how_long", "cost"):
        return None  # "does quattropole have a ticket for the train?": a fare
    after_train = (tracker.get_slot("topic") or "").startswith("travel:")
    for pattern, projects in FIELD_PROJECTS:
        if pattern.search(folded) or (after_train and "rail_lobbying" in projects):
            keys = [f"project.{p}" for p in projects if STORE.fact(f"project.{p}") is not None]
            if besides:
                # "d'autres projets culturels à part les prix ?", "besides the music prize, what
                # other cultural stuff?": the field's projects not set aside, and for culture the
                # smaller ones
                kept = [] if _PRIZES.search(folded) else [p for p in projects if p not in named]
                others = CULTURE_BESIDES_PRIZES if "music_prize" in projects else ()
                keys = [k for k in (*(f"project.{p}" for p in kept), *others) if STORE.fact(k) is not None]
            if not keys:
                return None
            for key in keys:
                say_fact(dispatcher, key, lang)
            return subject_events(
                project_subject(projects[0]) if len(keys) == 1 else project_subject(None), keys
            )
    return None


class ActionAnswerProjects(FactAction):
    def name(self) -> str:
        return "action_answer_projects"

    def subject(self, tracker: Tracker) -> Subject:
        projects = entity_values(tracker, "project")
        if not projects and latest_intent(tracker) == "ask_project_detail":
            # "Wann ist die nächste Verleihung?" right after the music prize: that project
            previous = (tracker.get_slot("subject") or "").partition(":")
            projects = [previous[2]] if previous[0] == "project" else []
        return project_subject(projects[0] if len(projects) == 1 else None)

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        projects = entity_values(tracker, "project")
        subject = self.subject(tracker)
        if len(projects) == 1:
            keys = [f"project.{projects[0]}", *latest_event(projects[0])]
            self.say_keys(dispatcher, keys, lang)
            # both facts said are the conversation's: "c'était quand exactement ?" is the final
            return [SlotSet("topic", "projects"), *subject_events(subject, keys)]
        if projects:
            self.say_keys(dispatcher, [f"project.{p}" for p in projects], lang)
        elif subject.id.startswith("project:"):
            self.say_keys(dispatcher, subject.keys, lang)
        else:
            self.say_key(dispatcher, "projects.overview", lang)
        return [SlotSet("topic", "projects")]
