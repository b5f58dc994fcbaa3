"""actions.services: the right place for a city service, for the city and the holder."""

from __future__ import annotations

import pytest

from actions.services import ActionAnswerCityService
from actions.store import STORE
from tests.actions.conftest import make_tracker, run_action


def pointer_cities(messages: list) -> list:
    urls = [m.get("url") for m in messages if m.get("response") == "utter_service_pointer"]
    return [p.city for url in urls for p in STORE.pointers("id_documents") if p.url == url]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "et ma carte d'identité française ?"),
        ("de", "und meinen französischen Personalausweis?"),
        ("en", "what about my French passport?"),
    ],
)
def test_a_named_nationality_picks_that_states_papers_over_the_conversations_city(lang, text) -> None:
    slots = {"language": lang, "city": "luxembourg", "service": "id_documents", "topic": "service"}
    tracker = make_tracker("ask_city_service", text=text, slots=slots)
    messages, events = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["metz"]


def test_german_papers_without_a_german_city_give_both_german_offices() -> None:
    slots = {"language": "en", "city": "metz"}
    tracker = make_tracker("ask_city_service", text="where do I renew my German ID card?", slots=slots)
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["saarbruecken", "trier"]


def test_german_papers_in_a_german_city_give_that_citys_office() -> None:
    slots = {"language": "de", "city": "trier"}
    tracker = make_tracker(
        "ask_city_service", text="wo beantrage ich einen deutschen Reisepass?", slots=slots
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert pointer_cities(messages) == ["trier"]


def test_nationality_words_only_count_for_topics_that_declare_them() -> None:
    assert STORE.nationality_cities("id_documents", "carte d'identite francaise") == ["metz"]
    assert STORE.nationality_cities("public_transport", "ticket de bus français") == []
    assert STORE.nationality_cities("id_documents", "my passport") == []
