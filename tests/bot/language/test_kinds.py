"""bot.language.kinds: what kind of thing a question asks, in de, fr and en."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.language.kinds import load_vocabulary, question_of, year_span


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Wann hat die Geschäftsstelle geöffnet? Öffnungszeiten?", "de", "hours"),
        ("horaires d'ouverture du secrétariat", "fr", "hours"),
        ("what are the office's opening hours", "en", "hours"),
        ("Any events next month?", "en", "next"),
        ("Wann ist die nächste Mitgliederversammlung?", "de", "next"),
        ("quelle est la prochaine assemblée générale", "fr", "next"),
        ("Quel est le budget annuel de QuattroPole ?", "fr", "cost"),
        ("was kostet die mitgliedschaft", "de", "cost"),
        ("Seit wann?", "de", "since"),
        ("depuis quand ?", "fr", "since"),
        ("until when?", "en", "until"),
        ("jusqu'à quand ?", "fr", "until"),
        ("Ist QuattroPole eine Behörde? Nach welchem Recht?", "de", "legal_form"),
        ("what is the legal form of quattropole", "en", "legal_form"),
        ("wer hat den musikpreis gewonnen", "de", "winner"),
        ("how long does the train take", "en", "how_long"),
        ("Wie viele Leute wohnen da?", "de", "how_many"),
        ("c'était quand ?", "fr", "when"),
        ("warum gibt es quattropole", "de", "why"),
        ("où est le secrétariat", "fr", "where"),
        ("d'où vient l'idée de quattropole ?", "fr", "origin"),
        ("d'où partent les bus pour Trèves ?", "fr", "where"),
        ("wie ist das netzwerk entstanden", "de", "origin"),
        ("where does the money come from", "en", "cost"),
        ("how did it all start?", "en", "origin"),
        ("combien reçoit le gagnant ?", "fr", "cost"),
        # a bare "combien" of a thing is its price, "combien d'habitants" a count
        ("c'est combien ?", "fr", "cost"),
        ("c est combien d habitants a metz", "fr", "how_many"),
        ("l assemblee generale ca fait combien de membres", "fr", "how_many"),
        ("il est doté de combien", "fr", "cost"),
        ("what's the prize money", "en", "cost"),
        ("wie hoch ist der Preis dotiert", "de", "cost"),
        ("wie viel Geld bekommt der Gewinner?", "de", "cost"),
        ("how much does the winner get?", "en", "cost"),
        ("qui a gagné le prix ?", "fr", "winner"),
        ("who is the president of the association", "en", "who"),
        # a founding verb reads as "when"; the question word says where
        ("wo wurde der Verein gegründet?", "de", "where"),
        ("où a été fondée l'association ?", "fr", "where"),
        ("where was the association founded?", "en", "where"),
        ("wann wurde der Verein gegründet?", "de", "when"),
        # where the name comes from, not where something is
        ("et le nom il vient d'où ?", "fr", "origin"),
        ("pourquoi ce nom ?", "fr", "origin"),
        ("il est où le bureau ?", "fr", "where"),
        # SMS French
        ("ok et metz lux en train ca prend cb de temps?", "fr", "how_long"),
        ("cb de personnes bossent la bas", "fr", "how_many"),
        ("qd a ete cree quattropole", "fr", "when"),
        ("pk quattropole existe", "fr", "why"),
        # a time of day asks whether the place is open then
        ("je peux passer apres le taf vers 18h?", "fr", "hours"),
        ("kann ich gegen 17 Uhr vorbei?", "de", "hours"),
        ("can i drop by at 5pm?", "en", "hours"),
        ("on peut venir le samedi ?", "fr", "hours"),
        ("kann man da einfach hingehen?", "de", "hours"),
        # applying for a prize is taking part; a passport is applied for at a city's office
        ("can I apply? I make electronic music", "en", "sign_up"),
        ("wie kann ich mich bewerben?", "de", "sign_up"),
        ("je peux candidater ?", "fr", "sign_up"),
        ("c ki grosdidier", "fr", "who"),
        ("Etait-ce à l'initiative de Metz ?", "fr", "origin"),
        ("whose idea was it?", "en", "origin"),
    ],
)
def test_main_kind(text: str, lang: str, kind: str) -> None:
    assert question_of(text, lang).kind == kind


@pytest.mark.parametrize(
    ("text", "lang", "relation"),
    [
        ("und davor?", "de", "before"),
        ("what about before that?", "en", "before"),
        ("et avant ?", "fr", "before"),
        ("wer kam danach?", "de", "after"),
        ("who came after Leibe?", "en", "after"),
        ("Wer ist Bürgermeister von Trier?", "de", None),
        ("Vous n'avez pas répondu : qui l'a remplacée ?", "fr", "after"),
        ("Et qui lui a succédé ?", "fr", "after"),
        ("il a été remplacé par qui ?", "fr", "after"),
        ("il a été remplacé par Gros", "fr", None),
        ("who replaced her?", "en", "after"),
        ("wer hat sie abgelöst?", "de", "after"),
    ],
)
def test_relation(text: str, lang: str, relation: str | None) -> None:
    assert question_of(text, lang).relation == relation


@pytest.mark.parametrize(
    ("text", "lang", "bare"),
    [
        ("Seit wann?", "de", True),
        ("und davor?", "de", True),
        ("c'était quand ?", "fr", True),
        ("until when?", "en", True),
        ("Wann wurde QuattroPole gegründet?", "de", False),
        ("Wie viele Einwohner hat Trier?", "de", False),
        ("and by car?", "en", False),
        ("hallo", "de", False),
    ],
)
def test_a_bare_follow_up_names_no_subject(text: str, lang: str, bare: bool) -> None:
    assert question_of(text, lang).bare is bare


def test_here_points_back_at_the_conversation_place() -> None:
    assert question_of("Wie viele Leute wohnen da?", "de").here
    assert question_of("how many people live there", "en").here
    assert not question_of("Wie viele Städte gehören dazu?", "de").here


def test_a_german_conversation_may_ask_in_english() -> None:
    assert question_of("since when?", "de").kind == "since"


def test_a_bad_pattern_names_the_file_and_the_kind(tmp_path: Path) -> None:
    bad = tmp_path / "kinds.yml"
    bad.write_text("kinds:\n  when:\n    de: ['(']\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"kinds\.yml: 'when', de"):
        load_vocabulary(bad)


def test_every_kind_has_all_three_languages() -> None:
    from bot.language import LANGS
    from bot.language.kinds import vocabulary

    vocab = vocabulary()
    for name, patterns in {**vocab.kinds, **vocab.relations, "here": vocab.here}.items():
        assert set(patterns) == set(LANGS), name


@pytest.mark.parametrize(
    ("text", "has_next"),
    [
        ("je passe la semaine prochaine, c quoi l adresse ?", False),
        ("wo ist das büro genau, ich komme nächste woche vorbei", False),
        ("any events next month?", True),
        ("wann ist das nächste finale?", True),
        ("we come to the 4 cities next spring. population of trier?", False),
        ("on vient l'été prochain, combien d'habitants à Metz ?", False),
        (
            "hi there, doing a rail trip round luxembourg and germany next month. whats quattropole anyway?",
            False,
        ),
        ("wir kommen nächsten sommer, wie viele einwohner hat trier?", False),
    ],
)
def test_the_users_own_next_week_is_not_a_question_about_the_next_event(text: str, has_next: bool) -> None:
    assert ("next" in question_of(text).kinds) is has_next


@pytest.mark.parametrize(
    ("text", "cost"),
    [
        ("gibts auch sowas wie preise oder wettbewerbe", False),  # prizes, not prices
        ("gibt es preise, die vergeben werden?", False),
        ("was kostet das ticket, welcher preis?", True),
        ("wie hoch ist der preis?", True),
    ],
)
def test_german_preise_next_to_a_competition_are_prizes(text: str, cost: bool) -> None:
    assert ("cost" in question_of(text, "de").kinds) is cost


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("c'est qui quattropole au fait, c une asso ?", "what"),
        ("wer ist quattropole eigentlich", "what"),
        ("who is the president of quattropole", "who"),
        ("qui a fondé quattropole ?", "who"),
    ],
)
def test_who_asked_of_the_network_itself_asks_what_it_is(text: str, kind: str) -> None:
    assert question_of(text).kind == kind


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("et cette annee ?", 0),
        ("was war letztes jahr?", -1),
        ("any plans for next year?", 1),
        ("et en 2019 ?", None),
    ],
)
def test_a_year_named_relative_to_today(text: str, offset, monkeypatch) -> None:
    import datetime as dt

    from bot.facts import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 6))
    assert question_of(text).years == ((2026 + offset,) if offset is not None else (2019,))


@pytest.mark.parametrize(
    "text", ["fährt der jede stunde oder nur morgens?", "is it every hour?", "y en a toutes les heures ?"]
)
def test_every_hour_asks_how_often(text: str) -> None:
    assert question_of(text).asks("frequency")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("c koi quattropole en fait, en 2 phrases", True),
        ("was ist quattropole in 2 sätzen", True),
        ("what is quattropole, in 2 sentences", True),
        ("what is quattropole's budget", False),
        ("what is the quattropole president's name", False),
        ("who is the president of quattropole", False),
    ],
)
def test_what_the_network_is(text: str, asks: bool) -> None:
    from bot.language.kinds import asks_what_the_network_is

    assert asks_what_the_network_is(text) is asks


@pytest.mark.parametrize(
    ("text", "lang", "relation"),
    [
        ("wait actually first - who is the current president of quattropole?", "en", None),
        ("Zurück zu meiner ersten Frage: ist er heute noch Präsident?", "de", None),
        ("Wer hat die Präsidentschaft nach Uwe Conradt übernommen?", "de", "after"),
        ("who was the first president?", "en", "first"),
        ("qui a gagné la première fois ?", "fr", "first"),
        ("wer hat beim ersten mal gewonnen?", "de", "first"),
    ],
)
def test_first_as_a_discourse_word_is_no_relation(text: str, lang: str, relation: str | None) -> None:
    assert question_of(text, lang).relation == relation


def test_delegates_are_people_counted() -> None:
    from bot.language.kinds import counts_same, vocabulary

    q = question_of("combien de délégués par ville ?", "fr")
    assert q.kind == "how_many"
    assert counts_same(vocabulary(), q.counted, "les quatre maires et dix conseillers par ville")


def test_french_ou_between_two_choices_is_or_not_where() -> None:
    assert (
        "where" not in question_of("quattropole c'est un organisme public ou une association ?", "fr").kinds
    )
    assert question_of("ou est le bureau ?", "fr").kind == "where"
    assert question_of("c'est ou le bureau ?", "fr").kind == "where"
    assert question_of("Qui est le ou la secrétaire générale aujourd'hui ?", "fr").kinds == ("who",)


def test_what_was_achieved_is_not_how_to_reach_someone() -> None:
    assert "contact" not in question_of("was hat quattropole eigentlich bisher erreicht?", "de").kinds
    assert question_of("wie erreiche ich das büro", "de").kind == "contact"


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        # "every day" tells how often the user passes by; the question word asks the rest
        ("la maison de la grande region cest ou exactement, jpasse devant tous les jours", "fr", "where"),
        ("wo ist das haus, ich fahre jeden tag daran vorbei", "de", "where"),
        # asked, not told: still how often
        ("y a un train tous les jours ?", "fr", "frequency"),
        ("how often and when does the bus go?", "en", "frequency"),
        # a name's origin, not the network's aims
        ("why is it called quattropole?", "en", "origin"),
        ("warum heißt es QuattroPole?", "de", "origin"),
        ("pourquoi ça s'appelle quattropole ?", "fr", "origin"),
        ("warum gibt es quattropole?", "de", "why"),
    ],
)
def test_the_kind_asked_comes_first(text: str, lang: str, first: str) -> None:
    assert question_of(text, lang).kinds[:1] == (first,)


@pytest.mark.parametrize(
    ("text", "lang", "now", "relation"),
    [
        ("la présidence a-t-elle changé après les municipales 2026 ?", "fr", True, None),
        ("has the president changed after the french elections?", "en", True, None),
        ("ist Grosdidier immer noch Präsident?", "de", True, None),
        ("qui est venu après Leibe ?", "fr", False, "after"),
        ("who came after Leibe?", "en", False, "after"),
    ],
)
def test_a_change_after_the_elections_asks_about_now_not_who_came_after(text, lang, now, relation) -> None:
    q = question_of(text, lang)
    assert (q.now, q.relation) == (now, relation)


@pytest.mark.parametrize(
    ("text", "lang", "network"),
    [
        ("ya qui dedans a part quattropole", "fr", False),
        ("wer ist außer QuattroPole noch im Haus?", "de", False),
        ("who is there besides the network?", "en", False),
        ("who is in quattropole?", "en", True),
    ],
)
def test_the_network_left_out_is_not_what_is_asked_about(text: str, lang: str, network: bool) -> None:
    assert question_of(text, lang).names_network is network


@pytest.mark.parametrize(
    ("text", "lang"),
    [("cest gratuit?", "fr"), ("is it free?", "en"), ("kostet das was?", "de"), ("ist das kostenlos?", "de")],
)
def test_is_it_free_is_a_bare_cost_follow_up(text: str, lang: str) -> None:
    q = question_of(text, lang)
    assert q.kinds == ("cost",) and q.bare


@pytest.mark.parametrize(
    ("text", "lang", "next_asked"),
    [
        ("Wo ist eigentlich der nächste Flughafen bei Trier?", "de", False),
        ("where is the next station?", "en", False),
        ("wann ist die nächste Mitgliederversammlung?", "de", True),
    ],
)
def test_the_next_airport_is_the_nearest_not_the_next_date(text: str, lang: str, next_asked: bool) -> None:
    assert question_of(text, lang).asks("next") is next_asked


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("how do i apply for a passport", "en"),
        ("if it's for artists like me or only established ones", "en"),
    ],
)
def test_no_kind_where_none_is_asked(text: str, lang: str) -> None:
    assert question_of(text, lang).kinds == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("when is the next mayoral election in trier", "en"),
        ("wann ist die nächste Kommunalwahl in Metz?", "de"),
        ("c'est quand les prochaines municipales ?", "fr"),
    ],
)
def test_a_municipal_election_names_the_mayor(text: str, lang: str) -> None:
    assert "mayor" in question_of(text, lang).roles


def test_sms_french_counts_what_it_asks_for() -> None:
    assert question_of("cb de villes ya dedans", "fr").counted == "villes"


def test_ou_between_two_years_is_or_not_where() -> None:
    assert "where" not in question_of("et conradt, c'etait 2023-2024 ou 2022-2024 ?", "fr").kinds
    assert "where" in question_of("c'est ou le bureau", "fr").kinds


def test_what_it_is_for_asks_why() -> None:
    assert question_of("whats it actually for", "en").kind == "why"
    assert question_of("ça sert à quoi ?", "fr").kind == "why"


def test_whether_it_does_anything_for_people_asks_what_the_network_is() -> None:
    from bot.language.kinds import asks_what_the_network_is

    assert asks_what_the_network_is("does it actually do anything for normal people like me?")
    assert asks_what_the_network_is("macht das überhaupt was für normale leute")
    assert not asks_what_the_network_is("does it do anything for bikes?")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("between 2017 and 2022", (2017, 2022)),
        ("wer war von 2019 bis 2023 präsident", (2019, 2023)),
        ("2017-2022", (2017, 2022)),
        ("qui a présidé de 2017 à 2022 ?", (2017, 2022)),
        ("zwischen den Jahren 2015 und 2018", (2015, 2018)),
        ("in 2017 and 2022", None),  # two single years
        ("2022 bis 2017", None),
    ],
)
def test_a_span_of_years(text: str, span) -> None:
    assert year_span(text) == span


def test_the_prizes_beside_other_projects_are_no_price() -> None:
    assert (
        "cost"
        not in question_of("il y a d'autres projets culturels quattropole a part les prix ?", "fr").kinds
    )
    assert "cost" in question_of("quels sont les prix des billets ?", "fr").kinds


def test_money_set_aside_is_no_cost_question() -> None:
    assert (
        "cost"
        not in question_of(
            "non pas l'argent, je veux dire les projets culturels. concerts, festivals etc", "fr"
        ).kinds
    )
    assert "cost" not in question_of("nicht das Geld, ich meine die Projekte", "de").kinds
    assert "cost" in question_of("combien d'argent pour le prix ?", "fr").kinds


@pytest.mark.parametrize(
    "text",
    [
        "Qu'a concrètement réalisé QuattroPole depuis sa création ?",
        "was hat quattropole seit der gründung erreicht?",
    ],
)
def test_what_it_did_since_its_start_asks_what_not_since_when(text: str) -> None:
    assert question_of(text).kinds[:1] == ("what",)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("i want to visit Metz next week with my family, what is there to see?", "en"),
        ("je vais à Metz la semaine prochaine, il y a quoi à voir ?", "fr"),
        ("wir fahren nächste Woche nach Trier, was kann man da anschauen?", "de"),
    ],
)
def test_the_users_own_plans_next_week_ask_nothing_next(text: str, lang: str) -> None:
    assert "next" not in question_of(text, lang).kinds


def test_quattropole_cest_qui_asks_what_the_network_is() -> None:
    from bot.language.kinds import asks_what_the_network_is

    assert asks_what_the_network_is("quattropole c'est qui exactement ?")
    assert not asks_what_the_network_is("quattropole c'est qui le president ?")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Qui élit le président : l'assemblée générale ou le directoire ?", False),
        ("c'est où le bureau ?", True),
        ("où se trouve le secrétariat ou le bureau ?", True),
    ],
)
def test_french_ou_between_two_things_is_or_not_where(text: str, where: bool) -> None:
    from bot.language.kinds import question_of

    assert question_of(text, "fr").asks("where") == where


@pytest.mark.parametrize(
    ("text", "lang", "relation"),
    [
        ("attends avant ca, le maire de trier c qui deja?", "fr", None),
        ("wait before that, who is the mayor?", "en", None),
        ("et avant ça ?", "fr", "before"),
        ("and before that?", "en", "before"),
    ],
)
def test_wait_before_that_puts_a_question_first_it_asks_no_predecessor(text, lang, relation) -> None:
    from bot.language.kinds import question_of

    assert question_of(text, lang).relation == relation


@pytest.mark.parametrize(
    ("text", "cost"),
    [("are day trips to the other cities worth it?", False), ("how much is the prize worth?", True)],
)
def test_worth_it_asks_no_price(text: str, cost: bool) -> None:
    from bot.language.kinds import question_of

    assert question_of(text, "en").asks("cost") == cost
