"""bot/language/text.py: the one home of the language codes, text folding and parse-data keys."""

from __future__ import annotations

import pytest

from bot.facts.model import Aliases, Texts
from bot.facts.text import name_key
from bot.language.text import LANGS, fold, words


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Trèves", "treves"),
        ("Größe", "grosse"),
        ("STRASSE", "strasse"),
        ("Cœur d’Europe", "coeur d'europe"),
        ("Lëtzebuerg", "letzebuerg"),
    ],
)
def test_fold_is_how_people_type_without_accents(text, folded) -> None:
    assert fold(text) == folded


def test_words_and_name_keys_build_on_fold() -> None:
    assert words("Qu’est-ce que Trèves ?") == ["qu", "est", "ce", "que", "treves"]
    assert name_key("Saarbrücken") == name_key("Saarbruecken") == name_key("saarbrucken")


def test_the_store_text_models_have_one_field_per_language() -> None:
    assert tuple(Texts.__fields__) == LANGS
    assert tuple(Aliases.__fields__) == LANGS
    assert [Texts(**{lang: lang.upper() for lang in LANGS})[lang] for lang in LANGS] == [
        lang.upper() for lang in LANGS
    ]
