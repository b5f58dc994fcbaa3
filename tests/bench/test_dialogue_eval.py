"""The dialogue evaluation's checker and its set (bench/dialogue_eval.py, tests/data/dialogue_eval).

No servers: the checker is fed made-up replies, and the set is checked for size, balance,
structure and distance from the training data.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.dialogue_eval import (
    CATEGORIES,
    ConversationResult,
    TurnResult,
    check_turn,
    load_set,
    normalize,
    repetitions,
    scores,
)
from bot.language import LANGS

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "data" / "nlu"
EXPECT_KEYS = {"all", "none", "unknown", "lang", "ordered"}
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


# -- the checker ------------------------------------------------------------------------------
def test_all_items_must_appear_folded_for_case_and_accents():
    reply = ["Oberbürgermeister von Trier ist Wolfram Leibe (SPD), seit April 2015."]
    assert check_turn(reply, {"all": ["leibe", "OBERBURGERMEISTER"]}, "de") == []
    assert check_turn(reply, {"all": ["Conradt"]}, "de") == ["missing: Conradt"]


def test_an_item_may_be_a_list_of_alternatives():
    reply = ["Trèves compte environ 110 000 habitants."]
    assert check_turn(reply, {"all": [["111800", "110000"]]}, "fr") == []
    assert check_turn(reply, {"all": [["179296", "121695"]]}, "fr") == ["missing: 179296 | 121695"]


def test_digit_grouping_is_ignored():
    assert normalize("179.296") == normalize("179 296") == normalize("179,296") == "179296"
    assert normalize("1. Oktober 2019") == "1. oktober 2019"  # a date is not a number group


def test_none_items_fail_the_turn_on_whole_words_only():
    reply = ["Le président est François Grosdidier, maire de Metz."]
    assert check_turn(reply, {"none": ["Gros"]}, "fr") == []
    assert check_turn(reply, {"none": ["grosdidier"]}, "fr") == ["must not say: grosdidier"]


def test_unknown_true_needs_an_honest_not_known():
    honest = ["Öffnungszeiten der Geschäftsstelle habe ich nicht. Schreiben Sie an info@x.org."]
    confident = ["Die Geschäftsstelle bereitet die Sitzungen des Vorstands vor."]
    assert check_turn(honest, {"unknown": True}, "de") == []
    assert check_turn(confident, {"unknown": True}, "de") == ["should say it does not know"]
    assert check_turn(honest, {"unknown": False}, "de") == ["says it does not know"]


def test_a_request_to_rephrase_is_not_an_honest_not_known():
    for lang, reply in (
        ("de", "Das habe ich leider nicht verstanden. Könnten Sie es anders formulieren?"),
        ("fr", "Je n'ai pas bien compris. Pourriez-vous reformuler ?"),
        ("en", "Sorry, I didn't understand that. Could you rephrase it?"),
    ):
        assert "should say it does not know" in check_turn([reply], {"unknown": True}, lang)


def test_a_request_to_rephrase_never_passes_a_turn_that_expects_an_answer():
    reply = ["Sorry, I didn't understand that. You can ask me who the mayor of Metz is."]
    assert check_turn(reply, {"all": ["Metz"]}, "en") == ["asks to rephrase instead of answering"]
    assert check_turn(reply, {}, "en") == []


def test_reply_language_is_checked_when_the_reply_is_long_enough():
    german = ["Ich spreche Deutsch, Französisch und Englisch und antworte gern auf Deutsch."]
    assert check_turn(german, {}, "de") == []
    assert check_turn(german, {}, "en") == ["reply in de, expected en"]
    assert check_turn(german, {"lang": "de"}, "en") == []


def test_short_or_link_only_replies_do_not_fail_the_language_check():
    assert check_turn(["Trier · Metz"], {}, "fr") == []
    assert check_turn(["https://www.quattropole.org info-quattropole@granderegion.net"], {}, "en") == []


def test_every_turn_needs_a_non_empty_reply():
    assert check_turn([], {}, "de") == ["no reply text"]
    assert check_turn(["  "], {}, "de") == ["no reply text"]


def test_ordered_checks_that_both_answers_come_in_the_order_asked():
    reply = ["Le maire est Wolfram Leibe. Trèves compte environ 110 000 habitants."]
    assert check_turn(reply, {"all": ["Leibe", ["110000"]], "ordered": True}, "fr") == []
    assert check_turn(reply, {"all": ["110000", "Leibe"], "ordered": True}, "fr") == [
        "answers not in the order asked"
    ]


def test_a_message_sent_twice_or_a_repeated_reply_fails():
    earlier = TurnResult("wer war 2019 präsident", ["Wolfram Leibe."], [])
    assert repetitions(["Leibe.", "Leibe."], None, "x") == ["sends the same message twice"]
    assert repetitions(["Wolfram Leibe."], earlier, "und danach") == ["repeats the previous reply"]
    assert repetitions(["Wolfram Leibe."], earlier, "Wer war 2019 Präsident") == []


def test_a_conversation_passes_only_when_all_its_turns_pass():
    good = ConversationResult("de-a", "de", "follow_up", "", [TurnResult("x", ["y"], [])])
    bad = ConversationResult(
        "de-b", "de", "follow_up", "", [TurnResult("x", ["y"], []), TurnResult("z", [], ["no reply text"])]
    )
    figures = scores([good, bad])
    assert figures["cells"]["de"]["follow_up"] == {"passed": 1, "total": 2}
    assert (figures["turns"], figures["turns_passed"]) == (3, 2)


# -- the set ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def conversations():
    return load_set()


def test_the_set_is_large_and_balanced_across_languages(conversations):
    per_lang = Counter(conv["lang"] for conv in conversations)
    assert len(conversations) >= 400
    for lang in LANGS:
        assert abs(per_lang[lang] - len(conversations) / 3) <= 0.1 * len(conversations) / 3


def test_every_category_has_ten_cases_in_every_language(conversations):
    counts = Counter((conv["lang"], conv["category"]) for conv in conversations)
    short = {
        key: counts[key] for key in ((lang, cat) for lang in LANGS for cat in CATEGORIES) if counts[key] < 10
    }
    assert not short


def test_ids_are_unique_and_name_their_language(conversations):
    ids = [conv["id"] for conv in conversations]
    assert len(ids) == len(set(ids))
    assert all(conv["id"].startswith(conv["lang"] + "-") for conv in conversations)


def test_every_conversation_is_well_formed():
    for lang in LANGS:
        data = yaml.safe_load((ROOT / "tests/data/dialogue_eval" / f"{lang}.yml").read_text())
        for conv in data["conversations"]:
            assert conv["category"] in CATEGORIES, conv["id"]
            assert conv["turns"], conv["id"]
            for turn in conv["turns"]:
                assert isinstance(turn["user"], str) and turn["user"].strip(), conv["id"]
                expect = turn["expect"]
                assert isinstance(expect, dict) and set(expect) <= EXPECT_KEYS, conv["id"]
                for key in ("all", "none"):
                    for item in expect.get(key, []):
                        phrases = item if isinstance(item, list) else [item]
                        assert phrases and all(str(p).strip() for p in phrases), conv["id"]
                assert expect.get("lang", lang) in LANGS, conv["id"]


def _fold_turn(text: str) -> str:
    return " ".join(text.lower().split())


def _training_texts() -> set:
    texts = set()
    for path in NLU.rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    texts.add(_fold_turn(_ANNOTATION.sub(r"\1", line[2:])))
    return texts


def test_no_user_turn_is_a_training_example(conversations):
    training = _training_texts()
    assert training, "no training examples found"
    copied = sorted(
        {
            turn["user"]
            for conv in conversations
            for turn in conv["turns"]
            if _fold_turn(turn["user"]) in training
        }
    )
    assert not copied


def test_the_language_check_ignores_source_and_address_lines() -> None:
    from bench.dialogue_eval import check_turn

    german = "Metz liegt in Frankreich, in der Region Grand Est (Département Moselle).\nQuelle: Ville de Metz – metz.fr – https://metz.fr"
    assert check_turn([german], {"all": ["Frankreich"]}, "de") == []
    french = (
        "La ville de Metz se trouve en France, dans la région Grand Est, et elle compte beaucoup d'habitants."
    )
    assert any("reply in fr" in f for f in check_turn([french], {}, "de"))
