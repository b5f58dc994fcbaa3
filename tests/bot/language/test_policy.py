"""bot.language.decide: the conversation language over several turns."""

from __future__ import annotations

import pytest

from bot.language import LANGS, Decision, decide, detect

CITY_NAMES = [
    "Metz",
    "Trier?",
    "Trèves",
    "Sarrebruck",
    "Saarbrücken",
    "Luxemburg",
    "QuattroPole",
]


def conversation(turns: list[str], hint: str | None = None) -> list[Decision]:
    """Run the policy over a conversation as the action would, one decision per turn."""
    language, explicit, writes, settled, decisions = None, False, None, False, []
    for text in turns:
        decision = decide(language, explicit, detect(text), hint=hint, writes=writes, settled=settled)
        language, explicit, writes = decision.language, decision.explicit, decision.writes
        settled = decision.settled
        decisions.append(decision)
    return decisions


def test_keeps_the_language_on_a_turn_without_evidence() -> None:
    first, second = conversation(["Hallo", "ok"])
    assert (first.language, first.changed) == ("de", True)
    assert (second.language, second.changed, second.notice) == ("de", False, None)


def test_short_turns_in_another_language_do_not_switch() -> None:
    decisions = conversation(["Wer ist der Bürgermeister von Metz?", "Merci", "and Trier?", "yes"])
    assert [d.language for d in decisions] == ["de", "de", "de", "de"]


@pytest.mark.parametrize(
    ("turns", "languages"),
    [
        # a weak first turn does not hold the conversation in its language
        (["president?", "c'est qui le maire de metz", "et trier"], ["en", "fr", "fr"]),
        (["asdfgh", "was ist quattropole", "kurz bitte"], ["en", "de", "de"]),
        (["ok", "wie viele einwohner hat trier", "and metz?"], [None, "de", "de"]),
        # a confident first turn does
        (["Hello!", "seit wann", "merci"], ["en", "en", "en"]),
    ],
)
def test_an_unconfirmed_language_follows_the_next_message(turns: list[str], languages: list) -> None:
    assert [d.language for d in conversation(turns)] == languages


def test_a_channel_hint_is_not_a_confirmed_language() -> None:
    decisions = conversation(["ok", "and trier?"], hint="de")
    assert [d.language for d in decisions] == ["de", "en"]


def test_a_full_sentence_in_another_language_switches() -> None:
    decisions = conversation(["Hallo", "How many people live in Saarbrücken?"])
    assert decisions[-1].language == "en"
    assert decisions[-1].changed and not decisions[-1].explicit


@pytest.mark.parametrize("current", LANGS)
@pytest.mark.parametrize("explicit", [False, True])
@pytest.mark.parametrize("text", [*CITY_NAMES, "ok", "👍", "2019"])
def test_city_names_and_no_evidence_never_switch(current: str, explicit: bool, text: str) -> None:
    for hint in (None, *LANGS):
        decision = decide(current, explicit, detect(text), hint=hint)
        assert (decision.language, decision.explicit, decision.changed) == (
            current,
            explicit,
            False,
        )


def test_explicit_request_switches_and_sticks() -> None:
    decisions = conversation(
        [
            "Hallo, wer bist du?",
            "in English please",
            "Danke",
            "und Trier?",
            "Wie viele Einwohner?",
            "Wer ist der Bürgermeister?",
        ]
    )
    assert decisions[1].language == "en" and decisions[1].explicit and decisions[1].changed
    assert all(d.language == "en" and d.explicit for d in decisions[2:])


def test_whole_sentences_leave_an_explicit_choice() -> None:
    decisions = conversation(["auf Deutsch", "Quelle est la population de la ville de Metz aujourd'hui ?"])
    assert decisions[0].language == "de" and decisions[0].explicit
    assert decisions[1].language == "fr" and not decisions[1].explicit


def test_sentences_in_the_language_the_request_was_written_in_keep_the_choice() -> None:
    decisions = conversation(
        [
            "Hello",
            "Can you answer in French?",
            "Who is the mayor of Metz and since when has he been in office?",
            "How many people live in Trier today?",
            "Wer ist eigentlich der Bürgermeister von Saarbrücken?",
        ]
    )
    assert decisions[1].language == "fr" and decisions[1].writes == "en"
    assert [d.language for d in decisions[2:4]] == ["fr", "fr"]
    # A whole sentence in a third language is a clear sign: follow it.
    assert decisions[4].language == "de" and not decisions[4].explicit


def test_an_explicit_choice_needs_stronger_evidence_than_a_drifted_one() -> None:
    text = "Wo ist der Bahnhof?"  # 4 words: enough to switch, not to leave an explicit choice
    assert decide("en", False, detect(text)).language == "de"
    assert decide("en", True, detect(text)).language == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Can you answer in French?", "fr"),
        ("kannst du auf Französisch antworten", "fr"),
        ("parle anglais", "en"),
        ("en français", "fr"),
    ],
)
def test_requests_in_one_language_for_another(text: str, language: str) -> None:
    decision = decide("de", False, detect(text))
    assert (decision.language, decision.explicit) == (language, True)


def test_choice_outside_the_text_is_explicit() -> None:
    decision = decide("de", False, detect('/switch_language{"language":"fr"}'), choice="fr")
    assert (decision.language, decision.explicit, decision.changed) == (
        "fr",
        True,
        True,
    )


@pytest.mark.parametrize(("hint", "language"), [("de-DE", "de"), ("fr_FR", "fr"), ("EN", "en"), ("fr", "fr")])
def test_channel_hint_seeds_the_first_turn(hint: str, language: str) -> None:
    decision = decide(None, False, detect("ok"), hint=hint)
    assert (decision.language, decision.notice, decision.explicit) == (
        language,
        None,
        False,
    )


def test_channel_hint_is_only_for_the_first_turn() -> None:
    assert decide("fr", False, detect("ok"), hint="de").language == "fr"


def test_first_turn_words_beat_the_hint() -> None:
    assert decide(None, False, detect("Bonjour"), hint="de").language == "fr"


def test_first_turn_without_evidence_or_hint_asks_to_choose() -> None:
    for hint in (None, "es-ES", "", "xx"):
        decision = decide(None, False, detect("ok"), hint=hint)
        assert (decision.language, decision.notice, decision.changed) == (
            None,
            "choose",
            False,
        )


def test_unsupported_language_keeps_the_language_and_flags_a_notice() -> None:
    detection = detect("Hola, ¿dónde está la estación de tren?")
    kept = decide("fr", True, detection)
    assert (kept.language, kept.explicit, kept.notice, kept.other) == (
        "fr",
        True,
        "unsupported",
        "es",
    )
    assert decide(None, False, detection).language == "en"
    assert decide(None, False, detection, hint="de-DE").language == "de"


def test_luxembourgish_greeting() -> None:
    first = decide(None, False, detect("Moien"))
    assert (first.language, first.notice, first.other) == ("de", "luxembourgish", "lb")
    later = decide("fr", True, detect("Wéi vill Awunner huet Tréier ?"))
    assert (later.language, later.explicit, later.notice) == (
        "fr",
        True,
        "luxembourgish",
    )


def test_a_luxembourgish_courtesy_in_a_conversation_keeps_its_language_without_a_notice() -> None:
    for text in ("merci! gudd nuecht", "Merci villmools", "äddi"):
        later = decide("de", False, detect(text))
        assert (later.language, later.notice) == ("de", None), text


def test_accepts_detection_as_dict() -> None:
    decision = decide("de", False, detect("Where can I find the station in Metz?").as_dict())
    assert decision.language == "en"
    assert decide("de", False, {"junk": 1}).language == "de"


def test_a_request_for_a_language_in_luxembourgish_switches() -> None:
    # "kënnt Dir op Däitsch äntweren?": German asked for, in Luxembourgish
    later = decide("fr", False, detect("kënnt Dir op Däitsch äntweren? wat huet si do gemaach?"))
    assert (later.language, later.explicit) == ("de", True)
    assert decide("de", False, detect("op Englesch w.e.g.")).language == "en"
