"""Question kinds and short answers: every fact says which questions it answers."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from bot.facts import FactsError, FactsStore, load_store
from bot.facts.model import QUESTION_KINDS

Edit = Callable[[str, Callable[[dict], None]], Path]


def _error(path: Path) -> str:
    with pytest.raises(FactsError) as info:
        load_store(path)
    return str(info.value)


def test_every_fact_has_known_kinds(store: FactsStore) -> None:
    for key in store.keys():
        fact = store.fact(key)
        assert fact.kinds, key
        assert set(fact.kinds) <= set(QUESTION_KINDS), key
        assert set(fact.answers) <= set(fact.kinds), key
        assert fact.key == key and store.key_of(fact) == key


@pytest.mark.parametrize(
    ("key", "kinds"),
    [
        ("office.location", {"where", "since"}),
        ("office.contact", {"contact", "where"}),
        ("office.tasks", {"what", "why"}),
        ("city.trier.mayor", {"who", "since", "until", "party"}),
        ("city.metz.population", {"how_many"}),
        ("network.legal_seat", {"legal_form", "where"}),
        ("travel.metz.trier", {"route", "how_long", "frequency"}),
        ("project.music_prize.laureates", {"winner", "who", "when", "where", "list"}),
    ],
)
def test_kinds_of_known_facts(store: FactsStore, key: str, kinds: set) -> None:
    assert set(store.fact(key).kinds) == kinds


def test_short_answers(store: FactsStore) -> None:
    trier = store.fact("city.trier.mayor")
    assert (
        trier.answer_for("since", "de")
        == "Wolfram Leibe ist seit dem 1. April 2015 Oberbürgermeister von Trier."
    )
    assert "2031" in trier.answer_for("until", "fr")
    assert trier.answer_for("how_many", "en") is None
    assert "German law" in store.fact("network.association").answer_for("legal_form", "en")
    assert "1 July 2015" in store.fact("office.location").answer_for("since", "en")
    assert "Birolini" in store.fact("project.music_prize.laureates").answer_for("winner", "fr")
    assert store.fact("governance.term.2019").answer_for("who", "en").startswith("2019–2020: Wolfram Leibe")


def test_missing_kinds_fail_naming_file_and_field(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["contact"].pop("kinds"))
    assert "office.yml: office.facts.contact.kinds: field required" in _error(store_copy)


def test_empty_kinds_fail(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("office.yml", lambda d: d["office"]["facts"]["contact"].update(kinds=[]))
    assert "office.yml: office.facts.contact.kinds: at least one question kind is required" in _error(
        store_copy
    )


def test_unknown_kind_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("cities.yml", lambda d: d["cities"]["trier"]["facts"]["mayor"].update(kinds=["who", "salary"]))
    message = _error(store_copy)
    assert "cities.yml: cities.trier.facts.mayor.kinds.1: unexpected value" in message


def test_answer_for_a_kind_not_listed_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("cities.yml", lambda d: d["cities"]["trier"]["facts"]["mayor"].update(kinds=["who", "party"]))
    message = _error(store_copy)
    assert "cities.yml: cities.trier.facts.mayor: answers.since: kind 'since' is not in kinds" in message


def test_time_bound_fact_without_review_date_fails(edit_yaml: Edit, store_copy: Path) -> None:
    edit_yaml("cities.yml", lambda d: d["cities"]["trier"]["facts"]["population"].pop("review_by"))
    message = _error(store_copy)
    assert "cities.yml: cities.trier.facts.population: review_by: a time-bound fact" in message


def test_text_after_without_event_fails(edit_yaml: Edit, store_copy: Path) -> None:
    def change(data: dict) -> None:
        final = data["projects"]["items"]["music_prize"]["facts"]["final_2026"]
        final.pop("event")
        final.pop("answers_after")

    edit_yaml("projects.yml", change)
    assert "projects.items.music_prize.facts.final_2026: text_after needs an event date" in _error(store_copy)
