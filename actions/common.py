"""What every fact-answering action shares: the store, the reply language, and how a fact,
or the lack of one, is said. User-facing wording lives in domain.yml (utter_fact,
utter_fact_dated, utter_fact_unknown); the fact texts live in data/facts/."""

from __future__ import annotations

import abc
import dataclasses
import re
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Union

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.store import NETWORK_WEBSITE, STORE
from bot.facts import Fact
from bot.facts.store import Citation
from bot.language import LANGS
from bot.language.concepts import action_words, project_lexicon
from bot.language.format import format_as_of
from bot.language.kinds import Question, asks_what_the_network_is, question_of, written_years
from bot.language.split import PART_KEY
from bot.language.text import fold

if TYPE_CHECKING:
    from actions.answers import Subject


def reply_language(tracker: Tracker) -> str | None:
    """The conversation language, or None while it is not known yet."""
    lang = tracker.get_slot("language")
    return lang if lang in LANGS else None


#: A means of transport ruled out: "without a car", "ohne Auto", "sans voiture", "i have no car"
_WITHOUT = re.compile(
    r"(?:\bwithout|\bno|\bohne|\bkein\w*|\bsans|\bpas de|\bpas d)\W+(?:(?:a|an|my|the|mein\w*|ein\w*|ma|mon|la|le)\W+)?$"
)


def _ruled_out(text: str, item: Dict[str, Any]) -> bool:
    """The entity is a means of transport the message rules out ("without a car")."""
    start = item.get("start")
    return (
        item.get("entity") == "transport"
        and isinstance(start, int)
        and bool(_WITHOUT.search(fold(text[:start]).replace("\u2019", "'")))
    )


def ruled_out_modes(tracker: Tracker) -> List[str]:
    """The means of transport the latest message rules out ("ohne Auto": car)."""
    text = tracker.latest_message.get("text") or ""
    return [str(e.get("value")) for e in tracker.latest_message.get("entities") or [] if _ruled_out(text, e)]


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    """Values of one entity type in the latest message, in order, without repeats; a means of
    transport the message rules out ("saarbrucken to luxembourg without a car") is left out."""
    values: List[str] = []
    text = tracker.latest_message.get("text") or ""
    for item in tracker.latest_message.get("entities", []) or []:
        value = item.get("value")
        if (
            item.get("entity") == entity
            and value is not None
            and str(value) not in values
            and not _ruled_out(text, item)
        ):
            values.append(str(value))
    return values


def member_cities_named(tracker: Tracker) -> List[str]:
    """The member cities the latest message names, the NLU's entities first ("Sarbruken",
    "Treves"), then the store's own names and words made from them ("work in Luxembourg",
    "carte d'identité luxembourgeoise"), each once."""
    text = tracker.latest_message.get("text") or ""
    named = [*entity_values(tracker, "city"), *STORE.cities_in(text)]
    return list(dict.fromkeys(c for c in named if c in STORE.cities))


def years_in_message(tracker: Tracker) -> List[int]:
    """The years (entity `year`) the latest message names."""
    return [int(y) for y in entity_values(tracker, "year") if y.isdigit()]


def question(tracker: Tracker, lang: Optional[str] = None) -> Question:
    """What kind of thing the latest message asks (bot.language.kinds). The words of a project's
    name ask nothing: "ya des rencontres entre habitants ?" names the Rencontres Citoyennes and
    asks no number of inhabitants."""
    text = tracker.latest_message.get("text") or ""
    lang = lang or reply_language(tracker)
    asked = question_of(text, lang)
    spans = [
        (e["start"], e["end"])
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == "project" and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)
    ]
    if not spans or not asked.kinds:
        return asked
    masked = text
    for start, end in sorted(spans, reverse=True):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    unnamed = question_of(masked, lang)
    return dataclasses.replace(asked, kinds=unnamed.kinds, counted=unnamed.counted)


def previous_question(tracker: Tracker) -> Optional[Question]:
    """What the user's message before the latest one asked, if there was one."""
    texts = [e.get("text") for e in tracker.events if e.get("event") == "user" and e.get("text")]
    return question_of(texts[-2], tracker.get_slot("language")) if len(texts) >= 2 else None


def last_reply(tracker: Tracker, back: int = 1) -> List[Dict[str, Any]]:
    """The bot events of the reply to the user's message `back` messages before the latest
    (1: the one just before), in order."""
    users, found = 0, []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > back:
                break
        elif users == back and event.get("event") == "bot":
            found.append(event)
    return found[::-1]


def said_last_turn(tracker: Tracker, response: str) -> bool:
    """True when the reply to the previous message already used `response`: the second half of
    a two-part question ("... und gibt es einen direkten Zug?") then does not repeat a note."""
    return any((event.get("metadata") or {}).get("utter_action") == response for event in last_reply(tracker))


def names_own_subject(tracker: Tracker) -> bool:
    """True when the latest message names a city, an organ or a project of its own."""
    return any(
        e.get("entity") in ("city", "organ", "project") for e in tracker.latest_message.get("entities") or []
    )


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def _cited(dispatcher: CollectingDispatcher) -> Set[str]:
    """Sources already shown in this action run: one dispatcher is made per run, so the
    set lives on it and a source cited twice in one reply is shown once."""
    seen = getattr(dispatcher, "_qp_cited_sources", None)
    if seen is None:
        seen = set()
        dispatcher._qp_cited_sources = seen
    return seen


def citation_text(citation: Citation) -> str:
    """ "Stadt Trier – trier.de (Juni 2015) – https://…": label, date, address. The words
    around it ("Quelle:", "Source :") are in domain.yml; channels turn it into a link."""
    label = f"{citation.label} ({citation.date_text})" if citation.date_text else citation.label
    return f"{label} – {citation.url}"


def say_fact(
    dispatcher: CollectingDispatcher,
    fact_or_key: Union[Fact, str],
    lang: str,
    text: Optional[str] = None,
) -> bool:
    """Say a fact with its source; a time-bound fact also says the date it holds for.

    `fact_or_key` is a Fact or its store key. `text` replaces the fact's text (e.g. a short
    answer from `fact.answer_for(kind, lang)`); by default the text in the right tense for
    today. The reply cites the fact's source in the reader's language where it has one,
    shows a source already cited in this action run only once, and carries
    ``{"qp": {"facts": [key], "sources": [{label, url, date}]}}`` as its custom JSON.
    Returns False (and says nothing) for an unknown key.
    """
    fact = STORE.fact(fact_or_key) if isinstance(fact_or_key, str) else fact_or_key
    if fact is None:
        return False
    key = fact_or_key if isinstance(fact_or_key, str) else STORE.key_of(fact)
    citation = STORE.citation(fact, lang)
    seen = _cited(dispatcher)
    show_source = citation is not None and citation.url not in seen
    if citation is not None:
        seen.add(citation.url)
    payload: Dict[str, Any] = {
        "qp": {
            "facts": [key] if key else [],
            "sources": [citation.as_dict()] if citation is not None else [],
        }
    }
    said = text if text is not None else fact.text_for(lang)
    as_of = format_as_of(fact.as_of, lang) if fact.time_bound else ""
    # a text that already tells its date in its own words ("(as of November 2025)") gets no
    # second one
    dated = bool(as_of) and _plain(as_of) not in _plain(said)
    if dated:
        response = "utter_fact_dated" if show_source else "utter_fact_dated_plain"
    else:
        response = "utter_fact" if show_source else "utter_fact_plain"
    slots: Dict[str, Any] = {"fact": said}
    if dated:
        slots["as_of"] = as_of
    if show_source:
        slots["source"] = citation_text(citation)  # type: ignore[arg-type]
    dispatcher.utter_message(response=response, json_message=payload, **slots)
    return True


def _plain(text: str) -> str:
    """Folded words only: "état : novembre 2025" ~ "(état novembre 2025)"."""
    return " ".join(re.findall(r"\w+", fold(text)))


#: What QuattroPole is (the network action's overview)
WHAT_THE_NETWORK_IS = ("network.overview", "network.purpose")

#: "the 4 cities": the lexicon's words leave out digits
_FOUR_CITIES = re.compile(
    r"\b(?:4|vier|quatre|four) (?:villes|stadte|staedte|cities|towns)\b"
    r"|\b(?:all|alle|allen|les|des|aux) 4\b"  # "is the train fine for all 4?" (the lexicon skips digits)
)


#: the assistant itself, in a question about its facts ("your answers", "deine Infos")
ABOUT_THE_ASSISTANT = re.compile(r"\b(?:your|you|u|deine[nrms]?|dein|du|dir|tes|vos|votre|ton|tu|vous)\b")


#: the network named only to be set aside: "nicht QuattroPole", "pas QuattroPole", "not quattropole"
_NOT_THE_NETWORK = re.compile(
    r"\b(?:nicht|pas|not|non|kein\w*)\s+(?:\w+\s+)?(?:quattro\s?-?pole|das netzwerk|le reseau)\b"
)


def means_the_region(text: str) -> bool:
    """The Greater Region is what the message asks about, QuattroPole only set aside ("ich
    meine die Großregion, nicht QuattroPole")."""
    folded = fold(text)
    return bool(_NOT_THE_NETWORK.search(folded)) and "greater_region" in project_lexicon().concepts_of(text)


def told_before_the_question(text: str) -> bool:
    """The decisive topic is only told before the question, in a clause of its own: "mir sin
    in trier uffem weihnachtsmarkt gewesen, gibts en zug direkt nach metz?" asks the train."""
    clauses = [c for c in re.split(r"[,;.!?]", text) if c.strip()]
    if len(clauses) < 2:
        return False
    last = clauses[-1]
    return STORE.decisive_topic_in(last) is None and len(last.split()) >= 3 and bool(STORE.cities_in(last))


def last_sentence_start(text: str) -> int:
    """Where the message's question starts: its last sentence that ends with a question mark,
    else its last sentence (0 for a message of one sentence). "Wer leitet die Geschäftsstelle?
    Ich brauche einen Namen." asks in its first sentence."""
    starts = [0, *(m.end() for m in re.finditer(r"[.!?]\s+(?=\S)", text))]
    asking = [start for start, end in zip(starts, [*starts[1:], len(text)]) if "?" in text[start:end]]
    return (asking or starts)[-1]


def asks_of_the_network_only(text: str) -> bool:
    """The message's last sentence asks about QuattroPole and not the Greater Region, which
    only a sentence before it names."""
    start = last_sentence_start(text)
    if not start:
        return False
    last = text[start:]
    return question_of(last).names_network and "greater_region" not in project_lexicon().concepts_of(last)


def names_all_cities(text: str) -> bool:
    """The message speaks of all four cities ("des quatre villes", "the 4 cities", "jede
    Stadt"): the `all_cities` words of data/action_words.yml, or a count of four."""
    return action_words().says(text, "all_cities") or bool(_FOUR_CITIES.search(fold(text)))


#: The fact that tells the Metz–Trier twinning QuattroPole grew out of
TWINNING_FACT = "network.history"
#: ... and the year it started, which only a Wikipedia mirror gives
TWINNING_YEAR = "network.twinning"


def answer_twinning(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "haben die Städte Partnerstädte untereinander?", "since when is Metz twinned with
    Trier?": the Metz–Trier twinning QuattroPole grew out of; "since when" gets the year
    only a Wikipedia mirror gives (1957), with that doubt."""
    fact = STORE.fact(TWINNING_FACT)
    if fact is None or not action_words().says(q.text, "twinning"):
        return None
    if (q.asks("since", "when") or written_years(q.text)) and STORE.fact(TWINNING_YEAR) is not None:
        say_fact(dispatcher, TWINNING_YEAR, lang)
        return [SlotSet("subject", "network"), SlotSet("facts", [TWINNING_YEAR])]
    say_fact(dispatcher, fact, lang, text=fact.answer_for("what", lang))
    return [SlotSet("subject", "network"), SlotSet("facts", [TWINNING_FACT])]


def say_what_the_network_is(dispatcher: CollectingDispatcher, lang: str) -> List[Dict[str, Any]]:
    """The network's overview facts (`WHAT_THE_NETWORK_IS`), as the network action gives them."""
    from actions import answers

    keys = [k for k in WHAT_THE_NETWORK_IS if STORE.fact(k)]
    for key in keys:
        say_fact(dispatcher, key, lang)
    return answers.subject_events(answers.network_subject(keys), keys)


def answer_say_again(
    dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "nochmal bitte", "can you repeat that?": the facts the last answer gave, again; None
    when the message asks no such thing (or asks it in another language: a switch) or nothing
    was said."""
    text = tracker.latest_message.get("text") or ""
    if not action_words().says(text, "say_again") or len(text.split()) > 6:
        return None
    said = [k for k in facts_just_said(tracker) if STORE.fact(k) is not None]
    if not said:
        return None
    dispatcher.utter_message(response="utter_said_again")
    for key in said:
        say_fact(dispatcher, key, lang)
    return []


#: "so you don't know?" is a short check on the last answer, not a question of its own
SHORT_CHECK_WORDS = 8


#: The Greater Region's cross-border commuters (data/facts/greater_region.yml)
COMMUTERS = "greater_region.commuters"


def answer_anywhere(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """Questions answered whatever the intent: crossing a border, the place of the city service
    just given ("where is the office?"), visiting the office's building, a strike, a bike on the
    train, fares, long-distance trains, the train between all four cities, how QuattroPole
    relates to the Greater Region, the twinning, which of the four cities is oldest or biggest;
    None otherwise."""
    from actions import office, services, travel
    from actions.cities import (
        answer_board_members,
        answer_city_contribution,
        answer_city_founding,
        answer_election_opponent,
        answer_mayoral_election,
        answer_mayors,
        answer_past_mayor,
    )
    from actions.fallback import answer_number_origin, answer_place_claim
    from actions.governance import answer_leadership, answer_president_then, answer_presidents_between
    from actions.network import answer_between_years

    if q.asks("how_many") and q.counted == "pendler" and STORE.fact(COMMUTERS) is not None:
        # "how many ppl commute across borders there daily? ... everyone in my office": the
        # commuters, whatever else the message names
        from actions.answers import region_subject, subject_events

        say_fact(dispatcher, COMMUTERS, lang)
        return subject_events(region_subject([COMMUTERS]), [COMMUTERS])
    # "how many ppl cross the border for work every day": a count, never a service's place
    if STORE.decisive_topic_in(q.text) and not told_before_the_question(q.text) and not q.asks("how_many"):
        # "do I need my passport to drive from Trier to Metz?": the border's rules, not the
        # drive; "Maut zwischen Metz und Luxemburg?": the toll, which the store does not know
        return services.ActionAnswerCityService().answer(dispatcher, tracker, lang)
    again = answer_say_again(dispatcher, tracker, lang)
    if again is not None:  # "nochmal bitte"
        return again
    if (
        action_words().says(q.text, "you_dont_know")
        and len(q.text.split()) <= SHORT_CHECK_WORDS
        and last_reply(tracker)
    ):
        # "also weißt dus nicht?" right after an answer: right, nothing more than that, and
        # where to look, not "I didn't understand"
        from actions.answers import context_subject

        context = context_subject(tracker)
        say_nothing_more(dispatcher, context.where_to_look() if context else NETWORK_WEBSITE)
        return []
    if (
        travel.asks_booking(tracker)
        and not travel.cities_in_message(tracker)
        and latest_intent(tracker) != "ask_travel"
    ):
        # "can you book train tickets for me, or are you just info?": no, the operators do
        # (with two cities the travel action gives the route as well)
        dispatcher.utter_message(response="utter_travel_no_booking")
        return []
    from actions.projects import answer_network_for_field

    named_cities = [c for c in entity_values(tracker, "city") if c in STORE.cities]
    paid = answer_city_contribution(dispatcher, tracker, list(dict.fromkeys(named_cities)), lang)
    if paid is not None:  # "combien la ville de metz verse à l'association par an ?", any intent
        return paid
    field = answer_network_for_field(dispatcher, tracker, lang)
    if field is not None:  # "was hat quattropole für die bahnanbindung gemacht?"
        return field
    if (
        action_words().says(q.text, "website_app")
        and (q.names_network or (tracker.get_slot("subject") or "network") == "network")
        and not entity_values(tracker, "project")
        and not STORE.decisive_topic_in(q.text)
        # "how do i get a bus ticket in trier, is there an app": the city's buses, not ours
        and not (STORE.service_topics_in(q.text, loose=False) and not q.names_network)
    ):
        # "is there a quattropole app or website where i see events?": its website, no app known
        dispatcher.utter_message(response="utter_network_website")
        return [SlotSet("subject", "network")]
    if action_words().says(q.text, "social_media") and (
        q.names_network or not entity_values(tracker, "city")
    ):
        # "gibts quattropole auch auf facebook oder insta?": no account is known
        dispatcher.utter_message(response="utter_social_media")
        return [SlotSet("subject", "network")]
    if action_words().says(q.text, "quote_me"):
        # "je peux te citer dans mon article ?": the sources each answer names, not the budget
        dispatcher.utter_message(response="utter_quote_me")
        return []
    if action_words().says(q.text, "forward_message"):
        # "pouvez-vous faire parvenir mon opinion au président ?": whom to write to
        dispatcher.utter_message(response="utter_forward_message")
        return []
    from actions.answers import answer_named_fact, answer_president_claim

    return first_answer(
        # "my guidebook says the president is Wolfram Leibe. Is that still right?"
        lambda: answer_president_claim(dispatcher, q, lang),
        lambda: answer_named_fact(dispatcher, q, lang),  # "wann hat die MV das Leitbild beschlossen?"
        lambda: answer_seat(dispatcher, tracker, q, lang),  # "ist der Sitz nicht in Saarbrücken?"
        lambda: answer_place_claim(dispatcher, tracker, q),  # "c'est vrai qu'elle est à Luxembourg-Ville ?"
        lambda: answer_number_origin(dispatcher, tracker, lang),  # "le chiffre de 530 000, il vient d'où ?"
        lambda: answer_mayors(dispatcher, tracker, q, lang),  # "wer sind die vier Stadtoberhäupter?"
        lambda: answer_board_members(dispatcher, tracker, q, lang),  # "wer sind diese vier namentlich?"
        lambda: answer_past_mayor(dispatcher, tracker, q, lang),  # "who was mayor of Saarbrücken in 2000?"
        # "qui a gagné les municipales à Metz ?"
        lambda: answer_mayoral_election(dispatcher, tracker, q, lang),
        lambda: answer_election_opponent(dispatcher, tracker, q, lang),  # "who did he beat?" after a mayor
        lambda: answer_city_founding(dispatcher, tracker, q, lang),  # "when was Treves founded?"
        lambda: services.answer_network_jobs(dispatcher, tracker, lang),  # "does QuattroPole take interns?"
        lambda: answer_currency(dispatcher, tracker, q, lang),  # "do I need euros in all four cities?"
        lambda: answer_presidents_between(dispatcher, tracker, q, lang),  # "zwischen Leibe und Conradt?"
        lambda: answer_leadership(dispatcher, tracker, q, lang),  # "ok. who runs it?" after the network
        lambda: answer_president_then(dispatcher, tracker, q, lang),  # "wer war da Präsident?" after an event
        lambda: services.answer_service_place(dispatcher, tracker, lang),
        lambda: office.answer_visit(dispatcher, tracker, lang),
        lambda: travel.answer_disruption(dispatcher, tracker),
        lambda: travel.answer_bike_carriage(dispatcher, tracker),
        lambda: travel.answer_fares(dispatcher, tracker, lang),
        lambda: travel.answer_long_distance(dispatcher, tracker, lang),
        lambda: travel.answer_all_routes(dispatcher, tracker, lang),
        lambda: answer_region_relation(dispatcher, tracker, q, lang),
        lambda: answer_between_years(dispatcher, tracker, q, lang),  # "was war zwischen 2000 und 2014?"
        lambda: answer_twinning(dispatcher, tracker, q, lang),
        lambda: answer_ranking(dispatcher, tracker, q, lang),
    )


#: The words that name the seat, which also ask the legal form (data/question_kinds.yml)
_SEAT_WORDS = re.compile(
    r"\b(?:(?:le|son|leur|du) )?siege(?: social| legal| juridique)?\b|\b(?:der |den |dem |sein |ihr )?"
    r"(?:vereins|rechts|haupt)?sitz\b(?: des vereins)?|\b(?:the |its |legal |registered )?seat\b|\bheadquarters?\b|\bhq\b"
)


def answer_seat(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "le siège juridique c'est où ?", "wo ist der Sitz des Vereins?", "ist der Sitz nicht in
    Saarbrücken?": the association's seat, not the office nor the legal form, whatever intent
    won. None unless the message asks where the seat is, or its legal form and seat, or names
    a city with the seat (a claim), and names no organ ("der Sitz der Geschäftsstelle")."""
    from actions.answers import network_subject, subject_events

    seat = STORE.fact(LEGAL_SEAT)
    says_seat = action_words().says(q.text, "seat")
    entity_types = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    if seat is None or not (
        (q.asks("legal_form") and (q.asks("where") or says_seat))
        or (says_seat and (q.asks("where") or "city" in entity_types) and "organ" not in entity_types)
    ):
        return None
    # "c'est quoi la forme juridique et le siège ?": the whole fact, both; "le siège juridique
    # c'est où ?", "le siège social de l'association est à Esch ?": where (the seat's own words
    # also ask the legal form)
    rest = _SEAT_WORDS.sub(" ", fold(q.text))
    both = question_of(rest, lang).asks("legal_form") and not q.asks("where")
    say_fact(dispatcher, seat, lang, text=None if both else seat.answer_for("where", lang))
    return subject_events(network_subject([LEGAL_SEAT]), [LEGAL_SEAT])


#: the money paid with in the four cities
CURRENCY = "network.currency"


def answer_currency(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "Do I need euros in all four cities?", "welche Währung in Luxemburg?": the euro, not
    the network's budget. None unless the message asks about the currency and names no
    project, prize or organ (a prize's euros are its money)."""
    entities = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
    if not action_words().says(q.text, "currency") or entities & {"project", "organ"}:
        return None
    if "project" in project_lexicon().concepts_of(q.text) or _BUDGET_WORDS.search(fold(q.text)):
        return None
    say_fact(dispatcher, CURRENCY, lang)
    return [SlotSet("subject", "network"), SlotSet("facts", [CURRENCY])]


_BUDGET_WORDS = re.compile(r"\b(?:budget\w*|prix|preis\w*|prize|gagnant|gewinner|winner|dotiert|dote)\b")


def first_answer(*answers: Callable[[], Optional[List[Dict[str, Any]]]]) -> Optional[List[Dict[str, Any]]]:
    """The events of the first of `answers` that answers (returns a list, even an empty one),
    trying them in order; None when none does."""
    for answer in answers:
        events = answer()
        if events is not None:
            return events
    return None


#: What says how QuattroPole sits in the Greater Region: its aims (the heart of the Greater
#: Region) and its office in the House of the Greater Region
REGION_RELATION_KEYS = ("network.purpose", "office.location")
#: What tells the two apart: a network of four cities, a cooperation area of regions and states
REGION_DIFFERENCE_KEYS = ("network.overview", "greater_region.basics")


def answer_region_relation(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "How does QuattroPole relate to the Greater Region? Is it part of it?": the network's
    aims in the heart of the Greater Region and its office in the House of the Greater Region,
    not the Greater Region's own description. None unless the message names both and asks
    how they relate."""
    concepts = set(project_lexicon().concepts_of(q.text))
    if not (q.names_network and "greater_region" in concepts):
        return None
    if action_words().says(q.text, "difference"):
        # "quelle différence entre QuattroPole et la Grande Région ?": what each one is
        for key in REGION_DIFFERENCE_KEYS:
            fact = STORE.fact(key)
            say_fact(dispatcher, key, lang, text=fact.answer_for("what", lang) if fact else None)
        return [SlotSet("subject", "network"), SlotSet("facts", list(REGION_DIFFERENCE_KEYS))]
    if not action_words().says(q.text, "relation_between"):
        return None
    for key in REGION_RELATION_KEYS:
        say_fact(dispatcher, key, lang)
    return [SlotSet("subject", "network"), SlotSet("facts", list(REGION_RELATION_KEYS))]


def answer_ranking(
    dispatcher: CollectingDispatcher, tracker: Tracker, q: Question, lang: str
) -> Optional[List[Dict[str, Any]]]:
    """ "which of the four cities is the oldest?", "welche Stadt ist am größten?" under any
    intent: the four compared (or, for the oldest, why not); None otherwise."""
    from actions.cities import rank_by_population

    if not (names_all_cities(q.text) or "city" in project_lexicon().concepts_of(q.text)):
        return None
    from actions.services import names_a_country

    named = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "city"]
    if len(named) == 1 and names_a_country(q.text):
        return None  # "is trier the oldest city in germany?": the city in its country, not the four
    if len(named) > 1:
        return None  # "is Trier bigger than Luxembourg?": two cities compared
    return rank_by_population(dispatcher, q.text, lang)


def say_unknown(dispatcher: CollectingDispatcher, pointer: str = NETWORK_WEBSITE) -> None:
    """Say honestly that the store does not know, and where to look instead."""
    dispatcher.utter_message(response="utter_fact_unknown", pointer=pointer)


#: Intents under which a question naming a known person without asking anything the store
#: has ("Conradt, il est marié ?") is a personal question.
PERSONAL_INTENTS = ("ask_city_mayor", "ask_president", "ask_follow_up")


def names_politics(text: str) -> bool:
    """True when a question names a state's or government's office or another public body
    (the `politics` concept of data/lexicon: "Bundeskanzler", "président de la République",
    "European Commission"), and not the network; a question about a mayor's party or about a
    person the store knows is not one."""
    q = question_of(text)
    if q.names_network or q.asks("party") or STORE.persons_named(text):
        return False
    return "politics" in project_lexicon().concepts_of(text)


#: How many earlier turns a reply is compared with: a message with two questions ran as two
#: turns, so the reply before the last may hold the facts too.
REPEAT_WINDOW = 2


def last_exchange(tracker: Tracker) -> tuple[str, List[str]]:
    """The user's message before the latest one, and the texts the bot replied to the last
    REPEAT_WINDOW user messages before the latest."""
    users, texts, before = 0, [], ""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                before = event.get("text") or ""
            if users > REPEAT_WINDOW:
                break
        elif users >= 1 and event.get("event") == "bot" and event.get("text"):
            texts.append(event["text"])
    return before, texts


#: What a reply is made of, in the messages the actions send: the fact or the place said.
_CONTENT = ("fact", "where")


def repeats_last_reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """True when every fact this turn's reply gives was already in the reply just before, and
    the user did not ask the same thing again ("und der Verein?" after the founding of the
    network and of the association: the reply would be the same, word for word)."""
    contents = [m.get(k) for m in dispatcher.messages for k in _CONTENT if m.get(k)]
    if not contents or len(contents) != len(dispatcher.messages):
        return False
    before, texts = last_exchange(tracker)
    latest = tracker.latest_message.get("text") or ""
    if not texts or fold(before).strip(" ?!.") == fold(latest).strip(" ?!."):
        return False
    said = "\n".join(texts)
    if not all(str(c) in said for c in contents):
        return False
    # One part of a longer reply is a precise answer, not a repeat: "who was treasurer under
    # Leibe?" after the treasurers of every term
    return all(any(str(c) in text for c in contents) for text in last_reply_facts(tracker))


_ESCH = re.compile(r"\besch\b")


def mentions_esch(text: str) -> bool:
    """The text names Esch-sur-Alzette, where the office's building is."""
    return bool(_ESCH.search(fold(text)))


#: "à Luxembourg-Ville", "in Metz", "at the Trier town hall": where a claim puts something
_AT_PLACE = re.compile(
    r"\b(?:a|au|aux|en|dans|in|im|at|nach|bei|zu)\s+(?:the |la |le |l'|der |dem )?"
    r"(?P<place>[\w'-]+(?: (?:city|ville|stadt)\b)?)"
)
#: Luxembourg named as the city, not as the country the office's town is in
_LUXEMBOURG_CITY = re.compile(
    r"\bluxemb(?:ou|u)rg[ -]?(?:ville|stadt|city)\b|\b(?:ville|stadt|city) (?:de |of )?luxemb"
)


def places_claimed(text: str) -> Set[str]:
    """The places a claim puts its subject in: "esch", or a member city named after "à",
    "in", "at"... Luxembourg counts only when named as the city ("Luxembourg-Ville"): "au
    Luxembourg" is also true of Esch."""
    folded = fold(text)
    found: Set[str] = set()
    for match in _AT_PLACE.finditer(folded):
        place = match.group("place")
        if mentions_esch(place):
            found.add("esch")
            continue
        for city in STORE.cities_in(place)[:1]:
            if city != "luxembourg" or _LUXEMBOURG_CITY.search(folded):
                found.add(city)
    return found


def places_of_fact(text: str) -> Set[str]:
    """The place a fact's text puts its subject in: the first one it names, Esch-sur-Alzette
    or a member city ("Vereinssitz war Saarbrücken; die Geschäftsstelle ist in Esch": the
    seat's place is Saarbrücken; "in Esch-sur-Alzette, Luxemburg": Esch, the country named
    after it is no place of its own); empty when it names none."""
    words = fold(text).split()
    for at in range(len(words)):
        prefix = " ".join(words[: at + 1])
        if mentions_esch(prefix):
            return {"esch"}
        found = STORE.cities_in(prefix)
        if found:
            return {found[0]}
    return set()


def is_later_part(tracker: Tracker) -> bool:
    """The second or third question of one message (the channels run each as a turn)."""
    return bool((tracker.latest_message.get("metadata") or {}).get(PART_KEY))


#: the longest part of a message quoted back in full
PART_QUOTED = 80


def say_part_not_answered(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A later part of a message that no answer fits ("… Kann man die besuchen?"): which part
    is not answered, not "please rephrase" after the first part's answer. True when said."""
    if not is_later_part(tracker):
        return False
    part = " ".join((tracker.latest_message.get("text") or "").split())
    if len(part) > PART_QUOTED:
        part = part[: PART_QUOTED - 1].rsplit(" ", 1)[0] + "…"
    dispatcher.utter_message(response="utter_part_not_answered", part=part)
    return True


def _facts_of(message: Dict[str, Any]) -> List[str]:
    return list(((message.get("custom") or {}).get("qp") or {}).get("facts") or [])


def facts_just_said(tracker: Tracker) -> List[str]:
    """The keys of the facts the reply before the latest message gave, in order (its messages
    name their facts; the `facts` slot, where an answer keeps it, too)."""
    said = [key for event in last_reply(tracker) for key in _facts_of(event.get("data") or {})]
    return list(dict.fromkeys([*said, *(tracker.get_slot("facts") or [])]))


def said_just_before(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """True when every message of this turn's reply is a fact or a city service's place the
    reply just before gave, or a note without either that it gave too ("timetables change")."""
    told = set(facts_just_said(tracker))
    responses = {(event.get("metadata") or {}).get("utter_action") for event in last_reply(tracker)}
    said = "\n".join(last_exchange(tracker)[1])
    keys = [_facts_of(m) for m in dispatcher.messages]
    # a service's place, or its page named again ("the details are on its page: …")
    places = [m.get("where") or m.get("page") for m in dispatcher.messages]

    lang = reply_language(tracker) or "en"

    def given(k: List[str], place: Any, message: Dict[str, Any]) -> bool:
        if k:
            # the same fact, and either these words or the whole fact: "when is the music prize
            # 2026 and who won?" told the final's date, not that its winner is not known
            texts = [f.text_for(lang) for f in map(STORE.fact, k) if f is not None]
            return set(k) <= told and (
                not said or str(message.get("fact")) in said or all(t in said for t in texts)
            )
        if place:
            return str(place) in said
        return message.get("response") in responses

    return (any(keys) or any(places)) and all(
        given(k, place, m) for k, place, m in zip(keys, places, dispatcher.messages)
    )


def drop_repeated_part(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A later part of a two-part message whose reply the part before already gave ("where is
    the office and do i need an appointment?" after a service: the place's page once) says
    nothing; True when its messages were dropped."""
    if is_later_part(tracker) and (
        said_just_before(dispatcher, tracker) or repeats_last_reply(dispatcher, tracker)
    ):
        dispatcher.messages.clear()
        return True
    return False


def last_reply_facts(tracker: Tracker) -> List[str]:
    """The texts of the facts the bot said in reply to the user's message before the latest."""
    found = []
    for event in last_reply(tracker):
        action = (event.get("metadata") or {}).get("utter_action") or ""
        if event.get("text") and action.startswith("utter_fact") and action != "utter_fact_unknown":
            found.append(event["text"])
    return found


def _numbers(text: str) -> List[str]:
    """The numbers of `text`, written without their thousands separators ("250 000" → "250000")."""
    return [re.sub(r"[\s.,'’]", "", n) for n in re.findall(r"\d(?:[\d.,'’]|\s(?=\d{3}\b))*\d|\d", text)]


def say_confirmed(dispatcher: CollectingDispatcher, claim: str, facts: Sequence[Any], lang: str) -> None:
    """ "Yes, that is what my sources say:" before the facts a claim repeats; a year the claim
    names and none of the facts does ("das war 1962, stimmt das?") is not confirmed, and a
    building or place they do not name gets no verdict at all."""
    told = " ".join(f.text_for(lang) for f in facts if f is not None)
    if named_place_unsaid(claim, told):
        return  # "War das nicht im Rathaus St. Johann?": a building the facts do not name
    unsaid = [str(year) for year in written_years(claim) if str(year) not in told]
    # a figure ("c pas plutôt 200000 ?") the facts do not give is not confirmed either
    figures = _numbers(told)
    unsaid += [n for n in _numbers(_YEAR.sub(" ", claim)) if n not in figures and len(n) > 1]
    if unsaid:
        dispatcher.utter_message(response="utter_claim_not_in_sources", years=", ".join(unsaid))
    else:
        dispatcher.utter_message(response="utter_fact_confirmed")


def confirm_repeated_claim(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "is it true trier is the oldest city in germany?" right after Trier's profile, which
    says so: yes, and the fact again; a fact that may have changed since is not confirmed.
    True when the reply was turned into that."""
    if not action_words().says(tracker.latest_message.get("text") or "", "doubt"):
        return False
    keys = [k for m in dispatcher.messages for k in _facts_of(m)]
    facts = [STORE.fact(k) for k in keys]
    if not facts or any(f is None or f.time_bound for f in facts):
        return False
    text = tracker.latest_message.get("text") or ""
    lang = reply_language(tracker) or "en"
    told = " ".join(f.text_for(lang) for f in facts if f is not None)
    if question_of(text, lang).now or any(p.split()[-1] not in told for p in STORE.persons_named(text)):
        # "et aujourd'hui c'est toujours Grosdidier ?" after Conradt's term: a claim about now,
        # or about someone the facts do not name, is no repeat of what they say
        return False
    confirmed = CollectingDispatcher()
    say_confirmed(confirmed, tracker.latest_message.get("text") or "", facts, reply_language(tracker) or "en")
    dispatcher.messages[:0] = confirmed.messages
    return True


def say_still_so(
    dispatcher: CollectingDispatcher, tracker: Tracker, facts: Sequence[Any], pointer: str
) -> bool:
    """ "is leibe still mayor?" of a fact that holds for a time: yes as far as the store
    knows, with its date, and where to check what changed since. A person the facts do not
    name as the latest holder ("Michael Sohn still?" when Florence Guillemin took over after
    him) is not confirmed: no, and what the facts say. True when said."""
    text = tracker.latest_message.get("text") or ""
    dated = [f for f in facts if f is not None and f.time_bound]
    if not dated or not action_words().says(text, "still"):
        return False
    lang = reply_language(tracker) or "en"
    latest = holders(dated)
    named = STORE.persons_named(text)
    if named and latest and not set(named) & latest:
        # the facts said before this check are said again after the "no", in short
        told = {STORE.key_of(f) for f in dated}
        dispatcher.messages[:] = [m for m in dispatcher.messages if not set(_facts_of(m)) & told]
        dispatcher.utter_message(response="utter_fact_not_so")
        for fact in dated:
            say_fact(dispatcher, fact, lang, text=fact.answer_for("who", lang))
        return True
    dispatcher.utter_message(
        response="utter_still_so", as_of=format_as_of(dated[0].as_of, lang), pointer=pointer
    )
    return True


def ends_with_tag(text: str) -> bool:
    """A statement turned into a question at its end ("…, oder?", "…, non ?", "…, right?":
    the `tag` words of data/action_words.yml)."""
    return action_words().ends_with(text.rstrip(" ?!.…)"), "tag")


def holders(facts: Iterable[Any]) -> Set[str]:
    """The people who hold the office of each fact: the first of its `persons`."""
    return {f.persons[0] for f in facts if f is not None and f.persons}


#: The replies that already say whether a claim holds, or that the answer is not known.
_VERDICTS = (
    "utter_fact_confirmed",
    "utter_fact_not_so",
    "utter_claim_not_in_sources",
    "utter_still_so",
    "utter_nothing_more",
    "utter_closest",
)

#: Esch-sur-Alzette, where the office is: not one of the four cities, but a place a claim names.
_ESCH = re.compile(r"\besch\b", re.IGNORECASE)

#: A number that is not a year ("ungefähr 120000 Einwohner, oder?"): a figure is a claim of its
#: own, which the places and people of the reply do not settle.
_FIGURE = re.compile(r"\d[\d.,']*\d|\b\d\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _places(text: str) -> set[str]:
    places = set(STORE.cities_in(text))
    if _ESCH.search(text):
        # "in Esch-sur-Alzette (Luxemburg)": Luxembourg there is the country, not the city
        places = (places - {"luxembourg"}) | {"esch"}
    return places


#: A building or place named after "in the" ("im Rathaus St. Johann", "à la Porte des
#: Allemands", "at the Congress Hall"): a claim more precise than a city
_IN_A_PLACE = re.compile(
    r"\b(?:im|in der|in dem|am|an der|beim|au|a la|a l|dans le|dans la|in the|at the)\s+(\w{4,}(?:\s+\w+){0,2})"
)


def named_place_unsaid(text: str, said: str) -> bool:
    """The claim names a building or place that the reply does not name: "War das nicht im
    Rathaus St. Johann?" is not confirmed by a reply that says "Saarbrücken" only."""
    folded = fold(said)
    return any(
        not all(word in folded for word in place.split()[:1]) for place in _IN_A_PLACE.findall(fold(text))
    )


def claim_verdict(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A statement turned into a question ("die Geschäftsstelle ist in Trier, oder?", "the
    president is the mayor of Trier, right?") gets its answer first: no, when the reply names
    other places or people than the claim and none of the claimed ones; yes, when it names
    exactly the claimed ones, of facts that do not hold for a time only. Anything between, a
    figure, or a reply that is not an answer (not known, the closest fact) gets no verdict: the
    facts speak for themselves."""
    text = tracker.latest_message.get("text") or ""
    words = action_words()
    # "Is Michael Sohn still secretary-general?": a person said to hold an office still
    still = words.says(text, "still") and bool(STORE.persons_named(text))
    tagged = still or ends_with_tag(text) or words.says(text, "doubt")
    responses = [m.get("response") or "" for m in dispatcher.messages]
    if not tagged or any(r in _VERDICTS or r.startswith("utter_unknown") for r in responses):
        return
    said = " ".join(str(m["fact"]) for m in dispatcher.messages if m.get("fact"))
    keys = [k for m in dispatcher.messages for k in _facts_of(m)]
    if not said or _FIGURE.search(_YEAR.sub(" ", text)):
        return
    facts = [STORE.fact(k) for k in keys]
    pairs = [
        (_places(text), _places(said)),
        # who holds an office still is its holder, not one before them
        (set(STORE.persons_named(text)), holders(facts) if still else set(STORE.persons_named(said))),
    ]
    claimed = [(mine, told) for mine, told in pairs if mine]
    if not claimed:
        return
    years = [str(y) for y in written_years(text)]
    if any(told and not mine & told for mine, told in claimed):
        dispatcher.messages.insert(0, {"response": "utter_fact_not_so"})
    elif years and written_years(said) and not any(year in said for year in years):
        # "the office moved to Esch in 2016, correct?": the place is right, the year is not
        dispatcher.messages.insert(0, {"response": "utter_claim_not_in_sources", "years": ", ".join(years)})
    elif (
        all(mine == told for mine, told in claimed)
        and all(year in said for year in years)
        and not any(getattr(f, "time_bound", True) for f in facts)
        and not named_place_unsaid(text, said)
    ):
        # a fact that holds for a time is not confirmed: it may have changed since (its date
        # and where to check come with it)
        dispatcher.messages.insert(0, {"response": "utter_fact_confirmed"})


def say_nothing_more(dispatcher: CollectingDispatcher, pointer: str) -> None:
    """Instead of the last reply again: it already said all it knows, and where to look."""
    dispatcher.messages.clear()
    dispatcher.utter_message(response="utter_nothing_more", pointer=pointer)


#: The association's legal seat, which questions about "the seat" get (not the office).
LEGAL_SEAT = "network.legal_seat"

#: The actions whose intents a question about a board office (treasurer, vice-president) may
#: land in besides the governance action's own.
BOARD_ROLE_ACTIONS = ("action_answer_network", "action_answer_follow_up", "action_answer_office")

#: Kinds only a place answers (when it is open, how to call it): asked under an intent without
#: a subject of its own, they are about the place of the conversation.
VISIT_KINDS = ("hours", "phone", "internal")

#: The actions about the network as a whole, whose intents a question about a state's or a
#: government's office may land in; such a question is out of scope there.
POLITICS_OUT_OF_SCOPE = ("action_answer_network", "action_answer_governance")
#: Below this confidence an intent is a guess: a message with off-topic words and nothing the
#: store names ("je dois acheter des actions") is off topic rather than that guess
UNSURE_CONFIDENCE = 0.6


def unsure_and_off_topic(tracker: Tracker) -> bool:
    """The NLU was unsure of the intent, the message has off-topic words (shopping, sport,
    the weather…) and names nothing the store knows (no entity, no service topic)."""
    text = tracker.latest_message.get("text") or ""
    confidence = (tracker.latest_message.get("intent") or {}).get("confidence") or 0.0
    return (
        confidence < UNSURE_CONFIDENCE
        and not tracker.latest_message.get("entities")
        and "offtopic" in project_lexicon().concepts_of(text)
        and not STORE.service_topics_in(text, loose=False)
        # "Macht QuattroPole auch etwas mit Kunst oder Musik?": about the network
        and not question_of(text).names_network
    )


def asked_for_a_city_twice(tracker: Tracker) -> bool:
    """The travel form asked for a city in each of the last two replies, and the user answered
    neither with one ("wie lange dauert der?", "fährt der täglich?"): it has asked enough."""
    asks = {"utter_ask_travel_from", "utter_ask_travel_to"}
    said = [
        {(e.get("metadata") or {}).get("utter_action") for e in last_reply(tracker, back)} for back in (1, 2)
    ]
    return all(s & asks for s in said) and not entity_values(tracker, "city")


def drop_travel_form(tracker: Tracker) -> List[Dict[str, Any]]:
    """The events that end the waiting travel form; the trip it waited for stays known."""
    if not (tracker.active_loop or {}).get("name"):
        return []
    origin, destination = tracker.get_slot("travel_from"), tracker.get_slot("travel_to")
    waiting = f"to:{destination}" if destination else f"from:{origin}" if origin else None
    requested = tracker.get_slot("requested_slot")
    if waiting is None and requested in ("travel_from", "travel_to"):
        waiting = f"asked:{requested}"  # no end known yet: "luxemburg" later is the one asked
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        SlotSet("travel_from", None),
        SlotSet("travel_to", None),
        SlotSet("travel_mode", None),
        # the trip stays known: "aus Saarbrücken" after the question in between completes it
        SlotSet("trip_waiting", waiting),
    ]


class FactAction(Action, abc.ABC):
    """Base of the fact actions. Abstract, so rasa_sdk does not register it."""

    @abc.abstractmethod
    def name(self) -> str: ...

    @abc.abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> List[Dict[str, Any]]:
        """Say the answer in `lang`; return the events to apply."""

    def subject(self, tracker: Tracker) -> Optional["Subject"]:
        """What the latest question is about, for the question-kind check (actions.answers).
        None: this action answers every kind itself."""
        return None

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        lang = reply_language(tracker)
        if lang is None:
            # Nothing told us the language yet: ask once, in all three.
            dispatcher.utter_message(response="utter_choose_language")
            return []
        events = [*self.drop_pending(tracker), *self.answer_question(dispatcher, tracker, lang)]
        # "... founded and by whom?": the founding's answer named the signatories too, so the
        # later part says nothing; a turn of its own that would repeat says so instead
        asked_again = action_words().says(tracker.latest_message.get("text") or "", "say_again")
        if (
            not drop_repeated_part(dispatcher, tracker)
            and not asked_again
            and repeats_last_reply(dispatcher, tracker)
        ):
            if not confirm_repeated_claim(dispatcher, tracker):
                subject = self.subject(tracker)
                pointer = subject.where_to_look() if subject else NETWORK_WEBSITE
                repeated = [STORE.fact(k) for m in dispatcher.messages for k in _facts_of(m)]
                dispatcher.messages.clear()
                if not say_still_so(dispatcher, tracker, repeated, pointer):  # "is leibe still mayor?"
                    say_nothing_more(dispatcher, pointer)
        claim_verdict(dispatcher, tracker)  # "die Geschäftsstelle ist in Trier, oder?"
        return events

    def drop_pending(self, tracker: Tracker) -> List[Dict[str, Any]]:
        """A new question while the travel form waits for a city: the form is dropped, so the
        next message is not taken as the city it asked for. A travel question the form cannot
        take keeps it waiting, unless the form has asked twice in a row already."""
        if self.name() == "action_answer_travel" and not asked_for_a_city_twice(tracker):
            return []
        return drop_travel_form(tracker)

    def answer_question(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        from actions import answers, services, travel

        q = question(tracker, lang)
        if self.name() in POLITICS_OUT_OF_SCOPE and names_politics(q.text):
            # "wer ist der Präsident von Frankreich?" placed under a network intent
            dispatcher.utter_message(response="utter_out_of_scope")
            return [SlotSet("topic", None)]
        from actions.fallback import answer_doubt, answer_pushback

        pushed = answer_pushback(dispatcher, tracker)
        if pushed is not None:  # "that's not what I asked, I asked if it's for artists like me"
            return pushed
        if (
            action_words().says(q.text, "freshness")
            and ABOUT_THE_ASSISTANT.search(fold(q.text))
            and not action_words().says(q.text, "source_request")  # "woher hast du das?": its source
        ):
            # "where do your answers come from, are they up to date?": the assistant's sources
            dispatcher.utter_message(response="utter_bot_freshness")
            return []
        if action_words().says(q.text, "doubt") and STORE.persons_named(q.text):
            doubted = answer_doubt(dispatcher, tracker, q)
            if doubted is not None:  # "wasn't it Conradt? i read that" right after Trier's mayor
                return doubted
        if unsure_and_off_topic(tracker):
            # "je dois acheter des actions lesquelles" placed, unsure, under the projects
            # ("actions" are also a network's activities)
            dispatcher.utter_message(response="utter_out_of_scope")
            return [SlotSet("topic", None)]
        entity_types = {e.get("entity") for e in tracker.latest_message.get("entities") or []}
        # (the user's own trip may name a city or a train: "doing a rail trip … whats quattropole?")
        # ("someone at uni mentioned quattropole. what is it?": "uni" names a service in passing)
        what_it_is = asks_what_the_network_is(q.text) and not entity_types - {"city", "transport", "service"}
        # "was ist quattropole eigentlich genau, meine schüler sollen ein referat halten": what
        # it is, not the schools the sentence after it names; "c koi quattropole en fait, en 2
        # phrases" under the presidency (the digit), "im a student in trier. what is this
        # quattropole thing?" under the projects: what the network is
        if what_it_is:
            if (
                self.name() == "action_answer_network"
                and latest_intent(tracker) == "ask_quattropole_overview"
            ):
                return self.own_answer(dispatcher, tracker, lang)
            return say_what_the_network_is(dispatcher, lang)
        if self.name() != "action_answer_greater_region" and means_the_region(q.text):
            from actions.greater_region import answer_region

            # "ich meine die Großregion, nicht QuattroPole. Seit wann gibt es die?"
            return answer_region(dispatcher, q, lang)
        if self.name() == "action_answer_greater_region" and asks_of_the_network_only(q.text):
            from actions.network import ActionAnswerNetwork

            # "ich bereite eine Stunde über grenzüberschreitende Zusammenarbeit vor. Wer leitet
            # eigentlich QuattroPole?": the question is about the network, the region only the
            # sentence before
            return ActionAnswerNetwork().answer_question(dispatcher, tracker, lang)
        events = answer_anywhere(dispatcher, tracker, q, lang)
        if events is not None:  # "demain y a grève SNCF ?", "kann ich mein Rad mitnehmen?"
            return events
        events = answers.answer_signatories(dispatcher, q, lang)
        if events is not None:  # "qui étaient les maires signataires ?" under any intent
            return events
        events = answers.answer_signatory_of_city(dispatcher, tracker, q, lang)
        if events is not None:  # "lequel des quatre était le bourgmestre de luxembourg ?"
            return events
        events = answers.answer_appointment(dispatcher, tracker, q, lang)
        if events is not None:  # "der Koordinationsausschuss, wer ernennt den eigentlich?"
            return events
        if self.name() in ("action_answer_network", "action_answer_projects", "action_answer_greater_region"):
            from actions.projects import answer_for_a_group, answer_what_to_sign_up_for

            events = answer_for_a_group(dispatcher, tracker, lang)
            if events is None:  # "is there anything concrete I can sign up for?"
                events = answer_what_to_sign_up_for(dispatcher, tracker, lang)
            if events is not None:  # "quattropole sert à quoi pour les frontaliers ?"
                return events
        from actions.governance import answer_structure

        events = answer_structure(dispatcher, tracker, lang, self.name())
        if events is not None:  # "how is quattropole organised?": its organs
            return events
        if self.name() in BOARD_ROLE_ACTIONS:
            from actions.governance import answer_board_role

            events = answer_board_role(dispatcher, tracker, lang)
            if events is not None:  # "and the treasurer?" after a presidency term
                return events
        from actions.governance import answer_city_presidency, answer_next_president

        events = answer_city_presidency(dispatcher, tracker, lang)
        if events is None:  # "c'est qui le prochain ? ce sera le tour de Trier ?"
            events = answer_next_president(dispatcher, tracker, lang)
        if events is not None:  # "when did luxembourg hold it?" right after the presidency
            return events
        if self.name() != "action_answer_travel":
            if (travel.goes_to_esch(tracker) and not set(q.kinds) & travel.NOT_TRIP_KINDS) or (
                travel.trip_to_office(tracker) and travel.asks_a_trip(q) and not q.asks("where")
            ):
                # "und dann weiter nach Esch", and "how do I get there from Luxembourg central
                # station?" after the office, whichever intent: the way to the office's building
                return travel.answer_office_trip(dispatcher, tracker, lang)
            events = travel.answer_distance(dispatcher, tracker, lang)
            if events is not None:  # "how far apart are the 4 cities?"
                return events
            events = travel.answer_route_follow_up(dispatcher, tracker, lang)
            if events is not None:  # "how long does it take?" right after a route
                return events
        if (
            self.name() != "action_answer_travel"
            and "transport" in entity_types
            and action_words().says(q.text, "free_of_charge")
            and len(travel.cities_asked_about(tracker)) <= 1
        ):
            # "le train au luxembourg c'est gratuit non ?", "et le bus est gratuit là-bas ?":
            # the city's public transport, whichever intent the NLU chose
            return services.ActionAnswerCityService().answer(dispatcher, tracker, lang)
        if (
            self.name() in POLITICS_OUT_OF_SCOPE
            and services.names_service(tracker, lang)
            and not entity_types & {"organ", "project"}
        ):
            # "Luxembourg public transport free?" placed under a network intent: the city's
            # service, not a network fact that shares a word with it
            return services.ActionAnswerCityService().answer(dispatcher, tracker, lang)
        events = services.answer_service_lacking(dispatcher, tracker, lang)
        if events is not None:  # "et le numéro de téléphone ?" right after a service's address
            return events
        # "when was it founded?" names the intent's own fact; "bis wann ist er gewählt?" is about
        # the person of the conversation all the same
        subject = self.subject(tracker)
        own_fact = (
            answers.names_own_fact(subject, q, lang) and not q.person_back
        ) or answers.names_subject_itself(tracker, subject)
        if q.kinds and STORE.persons_named(q.text) and not own_fact:
            # "Und bis wann war Herr Sohn dort?" right after the House of the Greater Region:
            # about the person it names, not the conversation's subject
            named = answers.answer_about_person(
                dispatcher, tracker, q, lang, subject.scope if subject is not None else ()
            )
            if named is not None:
                return named
        if q.bare and self.name() != "action_answer_follow_up" and not own_fact:
            # "Seit wann?" whatever intent the NLU gave it: about the conversation's subject
            events = answers.answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        context_id = tracker.get_slot("subject") or ""
        if (
            q.here
            and q.kinds
            and len(q.text.split()) <= SHORT_CHECK_WORDS
            and subject is not None
            and context_id.startswith("organ:")
            and context_id.split(":")[0:2] != subject.id.split(":")[0:2]
            and not entity_values(tracker, "organ")
        ):
            # "und wer da sitzt?" right after the General Assembly, which the NLU put under the
            # coordination committee ("sitzt"): "da" is the assembly
            events = answers.answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        if subject is not None and (
            answers.context_answers_instead(tracker, subject, q, lang)
            or answers.context_words_instead(tracker, subject, q, lang)
        ):
            # "et combien d'habitants ?" after the mayor of Sarrebruck: Sarrebruck's, not the
            # network's, although the NLU placed it under the network
            events = answers.answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        if (
            q.back
            and tracker.get_slot("person")
            and not STORE.persons_named(q.text)
            and not names_own_subject(tracker)
        ):
            # "when was he president exactly?" about the person of the conversation
            events = answers.answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        named = answers.answer_about_person(
            dispatcher, tracker, q, lang, subject.scope if subject is not None else ()
        )
        if named is not None:  # "bis wann war Polfer Präsidentin?": about that person
            return named
        asks_nothing_stored = not (q.kinds or q.relation) or q.kind == "personal"
        if asks_nothing_stored and (subject is None or latest_intent(tracker) in PERSONAL_INTENTS):
            personal = answers.answer_personal(dispatcher, tracker, q, lang)
            if personal is not None:  # "Conradt, il est marié ?"
                return personal
        named_subject = answers.entity_subject(tracker, subject, q)
        if named_subject is not None and any(k in answers.CHECKED_KINDS for k in q.kinds):
            answered = answers.answer_kind(dispatcher, named_subject, q, lang, follow_up=True)
            if answered is not None:  # about the organ or project the question names
                return answers.subject_events(named_subject, answered.keys)
        if subject is not None and q.relation and answers.is_person_subject(subject):
            return answers.answer_relation(dispatcher, tracker, subject, q, lang)
        if subject is not None:
            names_own = names_own_subject(tracker)
            answered = answers.answer_kind(
                dispatcher,
                subject,
                q,
                lang,
                said=tracker.get_slot("facts") or (),
                context=None if names_own else answers.context_subject(tracker),
            )
            if answered is not None:
                return answers.subject_events(answered.subject or subject, answered.keys)
        if subject is None and q.kind in VISIT_KINDS and not names_own_subject(tracker):
            # "on peut venir sans rendez-vous ?" after the office's address, whichever intent
            events = answers.answer_follow_up(dispatcher, tracker, q, lang)
            if events is not None:
                return events
        future = answers.future_year_unknown(dispatcher, subject, q, lang)
        if future is not None:  # "welche Projekte plant QuattroPole für 2027?"
            return future
        return self.own_answer(dispatcher, tracker, lang)

    def own_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str
    ) -> List[Dict[str, Any]]:
        """The intent's own answer; its subject is the conversation's then, unless it set one."""
        from actions import answers

        events = self.answer(dispatcher, tracker, lang)
        subject = self.subject(tracker)
        if subject is not None and not any(e.get("name") == "subject" for e in events):
            events = [*events, *answers.subject_events(subject, list(subject.keys))]
        return events

    def say_key(
        self,
        dispatcher: CollectingDispatcher,
        key: str,
        lang: str,
        pointer: str = NETWORK_WEBSITE,
    ) -> bool:
        """Say the fact stored under `key`, or that it is unknown. True if it was known."""
        fact = STORE.fact(key)
        if fact is None:
            say_unknown(dispatcher, pointer)
            return False
        say_fact(dispatcher, fact, lang)
        return True

    def say_keys(self, dispatcher: CollectingDispatcher, keys: Iterable[str], lang: str) -> None:
        """Say every known fact of `keys`; if none is known, say so once."""
        facts = [f for f in (STORE.fact(k) for k in keys) if f is not None]
        if not facts:
            say_unknown(dispatcher)
        for fact in facts:
            say_fact(dispatcher, fact, lang)
