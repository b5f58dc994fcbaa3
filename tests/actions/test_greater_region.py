"""ActionAnswerGreaterRegion (and the region's transport, actions/travel.py)."""

from __future__ import annotations

import pytest

from actions.greater_region import ActionAnswerGreaterRegion
from actions.travel import ActionAnswerRegionTransport
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
def test_greater_region_and_region_transport(lang: str) -> None:
    messages, _ = run_action(
        ActionAnswerGreaterRegion(), make_tracker("ask_greater_region", slots={"language": lang})
    )
    assert_says(messages[0], "greater_region.basics", lang)
    assert_says(messages[1], "greater_region.figures", lang)
    messages, _ = run_action(
        ActionAnswerRegionTransport(), make_tracker("ask_region_airports_stations", slots={"language": lang})
    )
    assert_says(messages[0], "travel.airports_stations", lang)


def _facts(messages) -> list:
    return [k for m in messages for k in (m.get("custom") or {}).get("qp", {}).get("facts", [])]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Seit wann gibt es die Großregion eigentlich?"),
        ("fr", "la grande région existe depuis quand ?"),
        ("en", "since when has the greater region existed?"),
    ],
)
def test_since_when_the_region_exists_is_its_short_answer(lang: str, text: str) -> None:
    tracker = make_tracker("ask_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert _facts(messages) == ["greater_region.basics"]
    assert "1969" in messages[0]["fact"] and len(messages) == 1


def test_the_region_meant_instead_of_the_network_is_answered_under_a_network_intent() -> None:
    from actions.network import ActionAnswerNetwork

    text = "Ich meine die Großregion, nicht QuattroPole. Seit wann gibt es die?"
    tracker = make_tracker("ask_quattropole_history", text=text, slots={"language": "de"})
    messages, _ = run_action(ActionAnswerNetwork(), tracker)
    assert _facts(messages) == ["greater_region.basics"]
    assert "1969" in messages[0]["fact"]


def test_a_question_about_the_network_after_a_sentence_about_cooperation_is_about_the_network() -> None:
    text = (
        "Hallo, ich bin Lehrerin in Saarbrücken und bereite eine Stunde über grenzüberschreitende "
        "Zusammenarbeit vor. Wer leitet eigentlich QuattroPole?"
    )
    start = text.index("Saarbrücken")
    city = {"entity": "city", "value": "saarbruecken", "start": start, "end": start + 11}
    tracker = make_tracker("ask_greater_region", text=text, entities=[city], slots={"language": "de"})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert _facts(messages) == ["governance.current_president", "governance.board"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Quelle différence entre QuattroPole et la Grande Région ?"),
        ("de", "was ist der Unterschied zwischen QuattroPole und der Großregion?"),
        ("en", "quattropole vs greater region, what's the difference?"),
        ("en", "whats the diff between quattropole and the greater region? my prof keeps mentioning both"),
    ],
)
def test_the_difference_between_the_network_and_the_region_is_what_each_is(lang: str, text: str) -> None:
    tracker = make_tracker("ask_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert _facts(messages) == ["network.overview", "greater_region.basics"]


def test_how_big_in_square_km_is_the_figure_not_the_population_alone() -> None:
    tracker = make_tracker(
        "ask_greater_region", text="how big is the greater region in square km", slots={"language": "en"}
    )
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert any("65,401" in (m.get("fact") or "") for m in messages)


def test_what_it_does_for_commuters_under_the_region_is_the_group_answer() -> None:
    text = "et pr les frontaliers ca sert a qqch? moi je bosse a lux et jhabite thionville"
    messages, _ = run_action(
        ActionAnswerGreaterRegion(), make_tracker("ask_greater_region", text=text, slots={"language": "fr"})
    )
    assert messages[0]["response"] == "utter_unknown_group_offer"
    assert "utter_service_pointer" in [m.get("response") for m in messages]  # the EURES advisers


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "when was the first greater region summit?", "when"),
        ("fr", "où a eu lieu le premier sommet de la grande région ?", "where"),
        ("de", "wann wurde das Bonner Abkommen geschlossen?", "when"),
    ],
)
def test_the_first_summit_and_the_bonn_agreement_are_the_regions_history(lang, text, kind) -> None:
    tracker = make_tracker("ask_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert messages[0]["custom"]["qp"]["facts"] == ["greater_region.history"]
    assert "1995" in messages[0]["fact"] or "1980" in messages[0]["fact"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("de", "was ist das bonner abkommen?"), ("fr", "c'est quoi l'accord de bonn de 1980 ?")],
)
def test_a_question_naming_the_regions_history_gets_it_not_what_the_region_is(lang, text) -> None:
    tracker = make_tracker("ask_greater_region", text=text, slots={"language": lang})
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["greater_region.history"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "ok got it. how many ppl commute across borders there daily? feels like everyone in my office is from france lol",
        ),
        ("fr", "combien de frontaliers dans la grande région ?"),
        ("de", "wie viele Leute pendeln täglich über die Grenze?"),
    ],
)
def test_how_many_commuters_is_the_commuters_figure_whatever_else_the_message_names(
    lang: str, text: str
) -> None:
    tracker = make_tracker(
        "ask_greater_region",
        text=text,
        entities=[{"entity": "organ", "value": "office"}] if "office" in text else [],
        slots={"language": lang},
    )
    messages, _ = run_action(ActionAnswerGreaterRegion(), tracker)
    assert [m["custom"]["qp"]["facts"] for m in messages] == [["greater_region.commuters"]]


def test_free_transport_even_for_commuters_is_not_the_commuters_count() -> None:
    from actions.services import ActionAnswerCityService

    tracker = make_tracker(
        "ask_city_service",
        text="et les transports c gratuit au lux c ca? meme pour les frontaliers?",
        entities=[
            {"entity": "city", "value": "luxembourg"},
            {"entity": "service", "value": "public_transport"},
        ],
        slots={"language": "fr"},
    )
    messages, _ = run_action(ActionAnswerCityService(), tracker)
    assert "greater_region.commuters" not in [
        k for m in messages for k in m.get("custom", {}).get("qp", {}).get("facts", [])
    ]
