"""bot.language.detect: short chat turns, no-evidence turns, requests, other languages."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.language import LANGS, Detection, detect
from bot.language.detect import CHAT_WORDS_PATH


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the turns raw langdetect gets wrong (issue): fi, da, fi, es, tl, tr, de
        ("Hallo", "de"),
        ("Danke", "de"),
        ("ja", "de"),
        ("Merci", "fr"),
        ("non", "fr"),
        ("yes", "en"),
        ("and Trier?", "en"),
        ("und Trier?", "de"),
        ("et Trier ?", "fr"),
        ("merciii", "fr"),
        ("tres bien", "fr"),
        ("Bahnhof?", "de"),
        ("Wer ist der Bürgermeister von Metz?", "de"),
        ("Qui est le maire de Sarrebruck ?", "fr"),
        ("How many people live in Trier?", "en"),
        ("wer is der oberburgermeister von saarbrucken", "de"),
        ("c'est quoi quattropole", "fr"),
        # English words that French writes with an accent (a new user's first turn)
        ("Current president?", "en"),
        ("president?", "en"),
        ("président ?", "fr"),
        ("opening hrs", "en"),
        ("president actuel?", "fr"),  # "actuel" is French (English: "current")
    ],
)
def test_detects_language_of_chat_turns(text: str, language: str) -> None:
    detection = detect(text)
    assert detection.evidence
    assert detection.language == language
    assert detection.other is None


@pytest.mark.parametrize(
    "text",
    ["ok", "Metz?", "👍", "2019", "QuattroPole", "Trier", "Sarrebruck", "Luxemburg!", "?",
     "", "   ", "https://www.quattropole.org", "info@quattropole.org", "hmm", "12:30",
     '/switch_language{"language":"fr"}'],
)  # fmt: skip
def test_turns_without_language_evidence(text: str) -> None:
    detection = detect(text)
    assert not detection.evidence
    assert detection.language is None
    assert detection.confidence == 0.0


@pytest.mark.parametrize(
    ("text", "requested"),
    [
        ("in English please", "en"),
        ("auf Deutsch", "de"),
        ("en français", "fr"),
        ("en francais stp", "fr"),
        ("Can you answer in French?", "fr"),
        ("kannst du auf Französisch antworten", "fr"),
        ("parle anglais", "en"),
        ("Deutsch bitte", "de"),
        ("English", "en"),
        ("switch to German please", "de"),
        ("Pouvez-vous répondre en allemand ?", "de"),
    ],
)
def test_explicit_requests(text: str, requested: str) -> None:
    assert detect(text).requested == requested


@pytest.mark.parametrize(
    "text",
    [
        "Wie heißt Trier auf Französisch?",
        "Spricht man in Metz Deutsch?",
        "Is French spoken in Luxembourg?",
        "Quelles langues parle-t-on au Luxembourg ?",
        "What is Saarbrücken called in French?",
        "Comment dit-on Sarrebruck en allemand ?",
        "I live in Trier and work in Luxembourg.",
        # questions about what the assistant speaks get an answer, not a switch (issue 13)
        "Sprichst du Englisch?",
        "Verstehst du auch Französisch?",
        "Can you speak German?",
        "Do you understand French?",
        # whether one needs the language there
        "faut parler allemand ?",
        "il faut parler allemand pour bosser a sarrebruck ?",
        "muss ich französisch sprechen in metz?",
        "do i need to speak german in trier?",
        # which language one needs there (trial R26: an English user had been switched to French)
        "whats the langauge situation, do i need french or german in these 4 cities",
        "what language do they speak in luxembourg, will english be ok",
        "brauche ich eher französisch oder deutsch in luxemburg?",
        "on se débrouille en anglais à Metz ?",
        # whether the assistant answers in a language (trial R44: it switched to German)
        "je demandais si VOUS, le robot, vous repondez en allemand",
        "antwortest du auch auf Englisch?",
    ],
)
def test_talking_about_a_language_is_no_request(text: str) -> None:
    assert detect(text).requested is None


def test_widget_choice_in_metadata_is_a_request() -> None:
    assert detect("ok", {"language_choice": "fr-FR"}).requested == "fr"
    assert detect("ok", {"language": "fr"}).requested is None  # a hint is not a request


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Hola, ¿dónde está la estación de tren?", "es"),
        ("¿Cuántos habitantes tiene Metz?", "es"),
        ("Buongiorno, dove si trova la stazione?", "it"),
        ("Hoeveel inwoners heeft Trier?", "nl"),
        ("Olá, onde fica a estação?", "pt"),
        ("Moien", "lb"),
        ("Äddi", "lb"),
        ("Merci villmools", "lb"),
        ("Wéi geet et?", "lb"),
        ("Gudde Moien", "lb"),
    ],
)
def test_unsupported_languages_are_recognised(text: str, other: str) -> None:
    detection = detect(text)
    assert detection.other == other
    assert detection.language is None
    assert detection.evidence


def test_as_dict_round_trip() -> None:
    detection = detect("Kannst du auf Englisch antworten?")
    data = detection.as_dict()
    assert set(data) == {
        "language",
        "confidence",
        "evidence",
        "requested",
        "other",
        "words",
    }
    assert Detection.from_dict(data) == detection
    assert Detection.from_dict({"language": "xx", "confidence": "nan?"}).language is None


def test_deterministic_across_calls_and_threads() -> None:
    texts = ["Hallo", "Merci", "ok", "and Trier?", "Gibt es einen Zug nach Metz?"] * 20
    first = [detect(text) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(detect, texts)) == first


def test_lexicon_entries_are_strings() -> None:
    # YAML reads bare yes/no/on as booleans; the loader refuses them, this shows where.
    data = yaml.safe_load(CHAT_WORDS_PATH.read_text(encoding="utf-8"))
    lists = [words for cats in data["languages"].values() for words in cats.values()]
    lists += list(data["other"].values()) + [data["neutral"], data["names"]]
    assert all(isinstance(word, str) for words in lists for word in words)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(codec="utf-8")), st.binary()))
def test_never_raises_and_is_consistent(value: str | bytes) -> None:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    detection = detect(text)
    assert detection == detect(text)
    assert detection.language in (None, *LANGS)
    assert 0.0 <= detection.confidence <= 1.0
    assert detection.requested in (None, *LANGS)
    if not detection.evidence:
        assert detection.language is None and detection.other is None


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.lists(st.text()),
        st.dictionaries(st.text(), st.text()),
    )
)
def test_never_raises_on_non_text(value: object) -> None:
    detection = detect(value, value)  # type: ignore[arg-type]
    assert isinstance(detection, Detection)


def test_a_question_of_a_longer_message_takes_the_whole_messages_language() -> None:
    from bot.language.detect import WHOLE_MESSAGE_KEY

    assert detect("was is quattropole").language == "en"  # three words alone read as English
    assert detect("was is quattropole", {WHOLE_MESSAGE_KEY: "de"}).language == "de"
    # an explicit request in the part still wins
    assert detect("in english please", {WHOLE_MESSAGE_KEY: "de"}).requested == "en"
