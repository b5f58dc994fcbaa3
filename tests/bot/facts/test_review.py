"""make facts-review: a report for staff, with a frozen clock (never a gate)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.facts import FactsStore
from bot.facts.review import format_text, review


def test_before_and_after_the_music_prize_final(store: FactsStore) -> None:
    before = review(store, today=dt.date(2026, 3, 1))
    after = review(store, today=dt.date(2026, 12, 6))
    key = "project.music_prize.final_2026"
    assert key not in {i["key"] for i in before.past_events}
    assert key in {i["key"] for i in after.past_events}
    assert key in {i["key"] for i in after.past_review}  # review_by 2026-04


def test_review_dates(store: FactsStore) -> None:
    early = review(store, today=dt.date(2025, 1, 1))
    assert early.past_review == []
    late = review(store, today=dt.date(2027, 6, 1))
    assert "city.trier.mayor" in {i["key"] for i in late.past_review}


def test_old_sources_follow_max_age(store: FactsStore) -> None:
    day = dt.date(2026, 12, 6)
    three = {i["id"] for i in review(store, today=day, max_age_years=3).old_sources}
    twelve = {i["id"] for i in review(store, today=day, max_age_years=12).old_sources}
    assert "wort_hgr_2015" in three and "steig_mal_aus" in three
    assert "wort_hgr_2015" not in twelve and "steig_mal_aus" in twelve  # 2015 vs 2011
    assert "vdl_25_years_en" not in three


def test_press_where_official_expected(store: FactsStore) -> None:
    found = {i["key"] for i in review(store, today=dt.date(2026, 12, 6)).press_where_official_expected}
    assert "city.trier.mayor" in found  # only a dpa report
    assert "city.saarbruecken.population" not in found  # the statistics office
    assert not any(key.startswith("project.") for key in found)


def test_text_and_json_output(store: FactsStore, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.facts_review import main

    assert main(["--today", "2026-12-06"]) == 0
    text = capsys.readouterr().out
    assert "Facts review as of 2026-12-06" in text and "Past events:" in text
    report = review(store, today=dt.date(2026, 12, 6))
    assert format_text(report).splitlines()[0] == "Facts review as of 2026-12-06"
    assert main(["--today", "2026-12-06", "--json", "--max-age", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["max_age_years"] == 5 and set(data["summary"]) == {
        "past_review",
        "past_events",
        "old_sources",
        "press_where_official_expected",
    }
