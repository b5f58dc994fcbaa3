"""The assertions shared by the SQLite and the PostgreSQL test: the report's figures equal
the known counts of tests/bot/insights/known.py."""

from __future__ import annotations

from typing import Any, Dict

from bot.facts import default_store
from tests.bot.insights.known import EXPECTED


def assert_known_figures(report: Dict[str, Any]) -> None:
    totals = report["totals"]
    assert totals["conversations"] == EXPECTED["conversations"]
    assert totals["messages"] == EXPECTED["messages"]
    assert totals["messages_by_language"] == EXPECTED["messages_by_language"]

    volume = report["volume"]
    assert volume["days"] == ["2026-11-02", "2026-11-03", "2026-11-04"]
    assert volume["messages"] == EXPECTED["messages_per_day"]
    assert volume["conversations"] == EXPECTED["conversations_per_day"]
    switches = volume["language_switches"]
    assert {k: switches[k] for k in ("total", "conversations", "pairs")} == EXPECTED["switches"]

    assert report["topics"]["de"] == EXPECTED["topics_de"]
    assert report["topics"]["fr"] == [["ask_city_mayor", 1], ["ask_city_overview", 1], ["greet", 1]]

    unanswered = report["unanswered"]
    assert {k: unanswered["all"][k] for k in EXPECTED["unanswered_all"]} == EXPECTED["unanswered_all"]
    for lang, expected in EXPECTED["unanswered_by_language"].items():
        got = unanswered["by_language"][lang]
        assert {k: got[k] for k in expected} == expected, lang
    assert unanswered["by_day"]["2026-11-03"]["en"]["out_of_scope"] == 1
    assert unanswered["by_day"]["2026-11-02"]["all"]["fallback_rate"] == round(2 / 7, 4)

    groups = unanswered["groups"]
    assert sum(g["count"] for g in groups) == EXPECTED["unanswered_questions"]
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    weather = next(g for g in groups if "Wie ist das Wetter in Trier?" in g["examples"])
    assert "Wie wird das Wetter in Trier morgen?" in weather["examples"]
    assert weather["languages"]["de"] >= 2 and weather["reasons"]["fallback"] >= 2
    football = next(g for g in groups if "Who won the football match?" in g["examples"])
    assert football is not weather and football["reasons"] == {"out_of_scope": 1}

    feedback = [
        {"fact": e["fact"], "up": e["up"], "down": e["down"], "comments": len(e["comments"])}
        for e in report["feedback"]
    ]
    assert feedback == EXPECTED["feedback"]

    assert report["facts_used"] == EXPECTED["facts_used"]
    keys = default_store().keys()
    assert report["facts_never_used"] == sorted(set(keys) - set(EXPECTED["facts_used"]))

    by_day = report["reply_time"]["by_day"]
    assert by_day == EXPECTED["reply_time"]
