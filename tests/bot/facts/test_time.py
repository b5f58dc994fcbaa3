"""Facts that know today's date: the clock, past events told as past, "next" questions."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.facts import FactsStore, clock
from bot.facts.model import PartialDate

BEFORE = dt.date(2026, 3, 1)
DAY_OF = dt.date(2026, 4, 8)
AFTER = dt.date(2026, 12, 6)
FINAL = "project.music_prize.final_2026"


def test_clock_reads_qp_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QP_TODAY", "2026-03-01")
    assert clock.today() == BEFORE
    monkeypatch.delenv("QP_TODAY")
    assert clock.today() == dt.date.today()


def test_clock_rejects_a_bad_qp_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QP_TODAY", "8 April")
    with pytest.raises(ValueError, match="QP_TODAY"):
        clock.today()


@pytest.mark.parametrize("lang", ["de", "fr", "en"])
def test_event_is_told_in_the_future_before_and_in_the_past_after(store: FactsStore, lang: str) -> None:
    fact = store.fact(FINAL)
    assert fact is not None and fact.event == PartialDate(2026, 4, 8)
    assert not fact.is_past(BEFORE) and not fact.is_past(DAY_OF)
    assert fact.text_for(lang, BEFORE) == fact.text[lang]
    assert fact.is_past(AFTER)
    assert fact.text_for(lang, AFTER) == fact.text_after[lang]  # type: ignore[index]
    assert fact.text_for(lang, AFTER) != fact.text_for(lang, BEFORE)


def test_past_tense_wording(store: FactsStore) -> None:
    fact = store.fact(FINAL)
    assert "findet" in fact.text_for("de", BEFORE) and "fand" in fact.text_for("de", AFTER)
    assert "aura lieu" in fact.text_for("fr", BEFORE) and "a eu lieu" in fact.text_for("fr", AFTER)
    assert "takes place" in fact.text_for("en", BEFORE) and "took place" in fact.text_for("en", AFTER)


def test_the_default_day_is_the_clock(store: FactsStore, monkeypatch: pytest.MonkeyPatch) -> None:
    fact = store.fact(FINAL)
    monkeypatch.setattr(clock, "today", lambda: BEFORE)
    assert fact.text_for("en") == fact.text["en"]
    assert store.next_event("project.music_prize") is fact
    monkeypatch.setattr(clock, "today", lambda: AFTER)
    assert fact.text_for("en") == fact.text_after["en"]  # type: ignore[index]
    assert store.next_event("project.music_prize") is None


def test_answers_follow_the_tense(store: FactsStore) -> None:
    fact = store.fact(FINAL)
    assert "is on 8 April 2026" in fact.answer_for("when", "en", BEFORE)
    assert "was on 8 April 2026" in fact.answer_for("when", "en", AFTER)
    assert fact.answer_for("next", "en", BEFORE)
    # no winner before the final, and none known after it
    assert "is awarded at the final" in fact.answer_for("winner", "en", BEFORE)
    assert "I don't know who won" in fact.answer_for("winner", "en", AFTER)


def test_next_event_returns_the_next_or_none(store: FactsStore) -> None:
    assert store.next_event("project.music_prize", BEFORE).key == FINAL
    assert store.next_event("project.music_prize", DAY_OF).key == FINAL  # the day itself is not past
    assert store.next_event("project.music_prize", AFTER) is None
    assert store.next_event(["project.music_prize", "network"], AFTER) is None
    assert store.last_event("project.music_prize", AFTER).key == FINAL
    # the whole store: before 28 Nov 2025 the anniversary's general assembly and celebration
    # were next (the two facts share the day; the keys break the tie)
    assert store.next_event(None, dt.date(2025, 11, 1)).key == "governance.general_assembly_2025"
    assert store.last_event(None, dt.date(2025, 12, 1)).key == "network.anniversary"


def test_month_precision_event_is_past_only_after_the_month() -> None:
    date = PartialDate(2024, 11)
    assert date.last_day() == dt.date(2024, 11, 30)
    assert PartialDate(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert PartialDate(2025).last_day() == dt.date(2025, 12, 31)


def test_every_time_bound_fact_and_event_has_a_review_date(store: FactsStore) -> None:
    for key in store.keys():
        fact = store.fact(key)
        if fact.time_bound or fact.event is not None:
            assert fact.review_by is not None, key
