"""Grouping unanswered questions by similar wording."""

from __future__ import annotations

from bot.insights.grouping import group_questions


def q(text: str, lang: str = "de", reason: str = "fallback") -> dict:
    return {"text": text, "language": lang, "reasons": [reason]}


def test_similar_wordings_form_one_group_largest_first():
    groups = group_questions(
        [
            q("Was kostet ein Parkplatz in Trier?"),
            q("Parkplatz Kosten Trier"),
            q("was kostet ein parkplatz in trier"),
            q("Wie ist das Wetter in Trier?"),
            q("Wie wird das Wetter in Trier morgen?"),
            q("Who won the football match?", "en", "out_of_scope"),
        ]
    )
    assert [g["count"] for g in groups] == [3, 2, 1]
    assert set(groups[0]["examples"]) == {
        "Was kostet ein Parkplatz in Trier?",
        "Parkplatz Kosten Trier",
        "was kostet ein parkplatz in trier",
    }
    assert groups[2] == {
        "count": 1,
        "examples": ["Who won the football match?"],
        "languages": {"en": 1},
        "reasons": {"out_of_scope": 1},
    }


def test_unrelated_questions_about_the_same_city_stay_apart():
    groups = group_questions(
        [q("What is the weather in Trier?", "en"), q("Is there a bus from Metz to Trier?", "en")]
    )
    assert [g["count"] for g in groups] == [1, 1]


def test_repeated_question_counts_each_time_and_few_inputs_work():
    assert group_questions([]) == []
    groups = group_questions([q("Hä?"), q("Hä?", "fr")])
    assert groups == [
        {"count": 2, "examples": ["Hä?"], "languages": {"de": 1, "fr": 1}, "reasons": {"fallback": 2}}
    ]
