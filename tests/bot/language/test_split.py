"""bot.language.split: two questions in one message become two turns."""

from __future__ import annotations

import pytest

from bot.language.split import split_questions


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Qui est le maire de Metz et combien d'habitants a la ville ?",
            ["Qui est le maire de Metz", "combien d'habitants a la ville ?"],
        ),
        # a place after "and" asks again what came before; a clause ending in "?" asks too
        (
            "how many people live in the four cities together? and in Trier alone?",
            ["how many people live in the four cities together?", "and in Trier alone?"],
        ),
        (
            "Quelle est la devise du réseau ? et quelles langues on parle ? il faut un interprète ?",
            ["Quelle est la devise du réseau ?", "et quelles langues on parle ?", "il faut un interprète ?"],
        ),
        # a place after "und" asks, also first
        ("und in Trier? seit wann ist der da?", ["und in Trier?", "seit wann ist der da?"]),
        # two "who" of different roles
        (
            "qui est maire de Metz maintenant ? et du coup qui préside QuattroPole ?",
            ["qui est maire de Metz maintenant ?", "et du coup qui préside QuattroPole ?"],
        ),
        # a relation asks too: "before" (Conradt's predecessor), then Polfer's end
        ("und davor? bis wann war Polfer Präsidentin?", ["und davor?", "bis wann war Polfer Präsidentin?"]),
        (
            "Wer ist Bürgermeister von Trier und wie viele Einwohner hat die Stadt?",
            ["Wer ist Bürgermeister von Trier", "wie viele Einwohner hat die Stadt?"],
        ),
        (
            "who is the president and when was quattropole founded",
            ["who is the president", "when was quattropole founded"],
        ),
        ("Wer ist Präsident? Und seit wann?", ["Wer ist Präsident?", "Und seit wann?"]),
        ("c quoi le comite et qui en est membre", ["c quoi le comite", "qui en est membre"]),
        (
            "who's the president of quattropole and who was before",
            ["who's the president of quattropole", "who was before"],
        ),
        (
            "is trier bigger than metz? and how far apart are they",
            ["is trier bigger than metz?", "and how far apart are they"],
        ),
    ],
)
def test_two_questions(text: str, parts: list) -> None:
    assert split_questions(text) == parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a remark after a question belongs to it, and does not undo the split
        (
            "wer hat 2019 gewonnen und kann ich mich bewerben? mach so elektro zeug",
            ["wer hat 2019 gewonnen", "kann ich mich bewerben? mach so elektro zeug"],
        ),
        # a clause ending in "?" asks, also first
        ("brauch ich nen termin? und was kostet der", ["brauch ich nen termin?", "und was kostet der"]),
        # a German yes-no question after "und" starts with its verb
        (
            "Wo melde ich meinen Wohnsitz an, und brauche ich einen Termin?",
            ["Wo melde ich meinen Wohnsitz an", "brauche ich einen Termin?"],
        ),
        # a question word after a preposition
        (
            "Wie viele Projektvorschläge enthielt es, und in welchen Bereichen?",
            ["Wie viele Projektvorschläge enthielt es", "in welchen Bereichen?"],
        ),
        # texting: "cb" for "combien"; French asking at the end ("c'est quoi")
        ("cb d'invités et cb ça a coûté ?", ["cb d'invités", "cb ça a coûté ?"]),
        # a question after a statement in the same part still asks
        (
            "my guidebook says the president is Wolfram Leibe. Is that still right, and who is the mayor of Luxembourg?",
            [
                "my guidebook says the president is Wolfram Leibe. Is that still right",
                "who is the mayor of Luxembourg?",
            ],
        ),
        (
            "le prix robert schuman c'est quoi et c'est où la prochaine édition",
            ["le prix robert schuman c'est quoi", "c'est où la prochaine édition"],
        ),
    ],
)
def test_two_questions_typed_as_people_type(text: str, parts: list) -> None:
    assert split_questions(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "Ist QuattroPole eine Behörde? Nach welchem Recht?",  # one thing asked twice
        "Wie komme ich von Trier nach Metz und zurück?",
        "Luxemburg und Metz",
        "hallo! wer ist präsident?",
        "Wann hat die Geschäftsstelle geöffnet? Öffnungszeiten?",
    ],
)
def test_one_question_stays_one_turn(text: str) -> None:
    assert split_questions(text) == [text]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("which cities r in quattropole and whos the president", 2),
        ("who is the mayor of metz and what's the population", 2),
    ],
)
def test_a_second_question_typed_with_a_contraction_is_split(text: str, parts: int) -> None:
    assert len(split_questions(text)) == parts


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("super danke. und von metz nach luxemburg?", "und von metz nach luxemburg?"),
        ("merci beaucoup ! et c'est qui le maire de trier ?", "et c'est qui le maire de trier ?"),
        ("thanks, how long by car?", "how long by car?"),
        ("ok danke und wie lange dauert das", "und wie lange dauert das"),
        ("ok merci. depuis luxembourg", "depuis luxembourg"),
        ("danke, von trier aus", "von trier aus"),
        (
            "Guten Tag. Welche Rechtsform hat der Verein QuattroPole?",
            "Welche Rechtsform hat der Verein QuattroPole?",
        ),
        ("good morning, who is the president?", "who is the president?"),
        (
            "Je vous remercie. Et qui étaient les maires signataires ?",
            "Et qui étaient les maires signataires ?",
        ),
        ("thanks a lot! and who is the mayor of trier?", "and who is the mayor of trier?"),
    ],
)
def test_a_thanks_before_a_question_is_left_out(text: str, rest: str) -> None:
    from bot.language.split import strip_courtesy

    assert strip_courtesy(text) == rest


@pytest.mark.parametrize(
    "text",
    [
        "merci beaucoup, c'est gentil",
        "danke!",
        "ok, Trier",
        "merci de me dire qui est le maire",
        "thanks a lot",
    ],
)
def test_a_thanks_alone_or_a_sentence_starting_with_one_is_kept(text: str) -> None:
    from bot.language.split import strip_courtesy

    assert strip_courtesy(text) == text


@pytest.mark.parametrize(
    ("text", "rest"),
    [("cc c qui lydie polfer", "c qui lydie polfer"), ("hallo, wer ist präsident?", "wer ist präsident?")],
)
def test_a_greeting_before_a_question_is_left_out(text: str, rest: str) -> None:
    from bot.language.split import strip_courtesy

    assert strip_courtesy(text) == rest


@pytest.mark.parametrize(
    "text", ["hi there you", "hey, quick question for u", "salut, j ai une question", "bonjour a vous"]
)
def test_a_greeting_alone_stays(text: str) -> None:
    from bot.language.split import strip_courtesy

    assert strip_courtesy(text) == text


def test_a_second_question_after_a_question_mark_may_ask_in_place() -> None:
    text = "c quoi la plus grande ville des 4 ? et on parle quelle langue a luxembourg"
    assert split_questions(text) == [
        "c quoi la plus grande ville des 4 ?",
        "et on parle quelle langue a luxembourg",
    ]
    # a remark after the question is no question of its own
    assert split_questions("where is the office? i want to visit it") == [
        "where is the office? i want to visit it"
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "danke, jetzt bitte wieder auf deutsch: wann wurde das gegründet?",
            ["danke, jetzt bitte wieder auf deutsch", "wann wurde das gegründet?"],
        ),
        (
            "en français stp : c'est qui le maire de trèves ?",
            ["en français stp", "c'est qui le maire de trèves ?"],
        ),
        ("in english please, who is the mayor of metz?", ["in english please", "who is the mayor of metz?"]),
        ("tu parles allemand ? et le maire de metz ?", None),
    ],
)
def test_a_language_request_before_a_question_is_a_part_of_its_own(text: str, parts) -> None:
    result = split_questions(text)
    if parts is None:
        assert result[0] != "tu parles allemand"
    else:
        assert result == parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # no "and", no question mark: a comma, or a question word and its verb, start the second
        (
            "where is the office, what are the opening hours",
            ["where is the office", "what are the opening hours"],
        ),
        (
            "wie viele einwohner hat trier wer ist der oberbürgermeister",
            ["wie viele einwohner hat trier", "wer ist der oberbürgermeister"],
        ),
        ("qui est le maire de metz combien d habitants", ["qui est le maire de metz", "combien d habitants"]),
        (
            "wer ist der präsident, seit wann ist er im amt",
            ["wer ist der präsident", "seit wann ist er im amt"],
        ),
        ("who is the president, since when", ["who is the president", "since when"]),
    ],
)
def test_a_second_question_without_and_or_question_mark_is_split(text: str, parts: list) -> None:
    assert split_questions(text) == parts


@pytest.mark.parametrize(
    "text",
    [
        "le maire qui est aussi président de quattropole c'est qui",  # a relative clause
        "do you know who is the mayor of metz",  # the first part asks nothing of its own
        "Können Sie mir sagen, wann die Gründung war",
        "I would like to know, how many people live in Trier",
        "Trier, wie viele Einwohner?",
        "ok, who is the president",
    ],
)
def test_a_question_word_inside_one_question_does_not_split_it(text: str) -> None:
    assert split_questions(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "j'ai lu que quattropole a fêté ses 25 ans, c'était où et quand ?",
        "the 25th anniversary, where and when?",
        "das Jubiläum, wo und wann?",
    ],
)
def test_two_question_words_joined_are_one_question_of_two_kinds(text: str) -> None:
    assert split_questions(text) == [text]
