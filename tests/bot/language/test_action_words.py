"""data/action_words.yml through bot.language.concepts: the words the actions look for."""

from __future__ import annotations

import pytest

from bot.language.concepts import action_words
from bot.language.text import LANGS


def test_every_action_concept_has_words_in_every_language() -> None:
    words = action_words()
    assert set(words.names) == {
        "to_marker",
        "from_marker",
        "vice_president",
        "treasurer",
        "board_secretary",
        "secretary_general",
        "under_president",
        "compare_size",
        "now",
        "last_one",
        "source_request",
        "distance",
        "all_cities",
        "onward",
        "return_trip",
        "order",
        "attendance",
        "oldest",
        "there",
        "repeat_that",
        "whole_country",
        "happened",
        "responsible",
        "outside_places",
        "seat",
        "other_cities",
        "together",
        "pushback",
        "forward_message",
        "quote_me",
        "social_media",
        "beaten",
        "say_again",
        "doing",
        "election",
        "still",
        "difference",
        "postal",
        "website_app",
        "each_one",
        "appointment",
        "correction",
        "booking",
        "free_of_charge",
        "departure",
        "maker",
        "freshness",
        "you_dont_know",
        "resume_trip",
        "structure",
        "home_marker",
        "disruption",
        "bike_carriage",
        "twinning",
        "cross_border_ticket",
        "money",
        "number_origin",
        "strike",
        "service_runs",
        "currency",
        "relation_between",
        "long_distance",
        "visit_place",
        "signatories",
        "service_place",
        "own_office",
        "work_marker",
        "human",
        "largest",
        "doubt",
        "tag",
        "contribution",
        "others_speak",
        "direct",
        "privacy",
        "smallest",
    }
    assert words.missing_languages() == {}
    assert set().union(*words.languages.values()) == set(LANGS)


@pytest.mark.parametrize(
    "before, marker",
    [
        ("Wie komme ich von Trier ", "to_marker"),  # ... nach
        ("Comment aller jusqu’à ", "to_marker"),
        ("How do I get to ", "to_marker"),
        ("Zug ab ", "from_marker"),
        ("train de ", "from_marker"),
        ("from ", "from_marker"),
    ],
)
def test_a_marker_counts_right_before_the_city(before, marker) -> None:
    words = action_words()
    text = before.replace("von Trier ", "von Trier nach ") if marker == "to_marker" else before
    assert words.ends_with(text, marker)
    assert not words.ends_with(text + "Metz ", marker)  # not when a word follows
    assert not words.ends_with(text + "2019 ", marker)  # nor a number


def test_action_concepts_match_whole_words_without_typo_tolerance() -> None:
    words = action_words()
    assert words.says("Wer ist Vizepräsidentin?", "vice_president")  # prefix entry
    assert words.says("qui est la trésorière ?", "treasurer")
    assert not words.says("Wer ist Präsident?", "vice_president")
    assert words.says("Was macht QuattroPole?", "doing")
    assert not words.says("Was mach QuattroPole?", "doing")  # "mach" is no typo of "macht" here


def test_the_french_word_for_on_is_no_doubt() -> None:
    """ "celui sur la santé" is "the one on health", not "sûr ?"."""
    words = action_words()
    assert not words.says("et le premier, celui sur la santé, y avait des prix a gagner ?", "doubt")
    assert words.says("t'es sûr ?", "doubt")
