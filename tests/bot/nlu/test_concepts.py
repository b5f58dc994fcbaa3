"""ConceptFeaturizer and its lexicon (bot/nlu/concepts.py, data/lexicon/)."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language.concepts import Lexicon, LexiconError
from bot.nlu.concepts import ConceptFeaturizer, concept_matrices, lexicon_for

SMALL = """
concepts:
  greeting:
    de: [hallo, "grüß dich", grüezi]
    fr: [bonjour, salut]
  mayor:
    de: ["bürgermeister*", "oberbürgermeister*", stadtoberhaupt]
    fr: [maire, bourgmestre]
  travel:
    en: ["how far", "get to"]
"""


def write(tmp_path, text, name="lexicon.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture()
def small(tmp_path):
    return Lexicon.load(write(tmp_path, SMALL))


@pytest.mark.parametrize(
    "text, concepts",
    [
        ("Grüezi!", ["greeting"]),
        ("Gruess dich", ["greeting"]),  # "ue" typed for "ü" is tried as "u" ("gruss" ~ grüß)
        ("grüß dich, wer ist der OB?", ["greeting"]),
        ("Wer ist Oberbürgermeisterin von Metz?", ["mayor"]),  # prefix entry
        ("Bürgermeisterwahl 2025", ["mayor"]),
        ("BUERGERMEISTER", ["mayor"]),  # "ue" for "ü" is one letter too many: a typo
        ("Qui est le maire ?", ["mayor"]),
        ("Salut, qui est le maire de Metz ?", ["greeting", "mayor"]),
        ("How far is it to Trier?", ["travel"]),
        ("far how", []),  # a phrase matches in sequence only
        ("Halloween in Trier", []),  # a word entry matches whole words only
        ("", []),
    ],
)
def test_concepts_of(small, text, concepts):
    assert small.concepts_of(text) == concepts


@pytest.mark.parametrize(
    "text, concepts",
    [
        ("halo", ["greeting"]),  # a letter left out
        ("bonjur", ["greeting"]),
        ("bonjourr", ["greeting"]),  # a letter too many (six letters and more)
        ("bonjuor", ["greeting"]),  # two letters swapped (seven letters and more)
        ("bourgmestra", ["mayor"]),  # a letter changed
        ("salot", []),  # a changed letter in a short word is no typo
        ("mair", ["mayor"]),
        ("sagen", []),  # no entry is a letter away
        ("stadtoberhaupts", ["mayor"]),
        ("oberbürgermiester", ["mayor"]),  # typo of a prefix entry's stem
    ],
)
def test_one_letter_typos_of_one_word_entries(small, text, concepts):
    assert small.concepts_of(text) == concepts


def test_without_fuzzy_only_exact_entries_match(tmp_path):
    lexicon = Lexicon.load(write(tmp_path, SMALL))
    lexicon.fuzzy = False
    assert lexicon.concepts_of("halo bonjur") == []


def test_matrices_map_concepts_to_their_tokens(small):
    tokens = ["Salut", "c'est", "qui", "le", "maire"]
    sequence, sentence = concept_matrices(small, tokens)
    names = small.names
    assert sequence.shape == (5, len(names)) and sentence.shape == (1, len(names))
    assert sentence[0].tolist() == [1.0 if n in ("greeting", "mayor") else 0.0 for n in names]
    assert sequence[0, names.index("greeting")] == 1.0
    assert sequence[4, names.index("mayor")] == 1.0
    assert sequence[1:4].sum() == 0.0
    # a two-word entry marks both tokens
    sequence, _ = concept_matrices(small, ["how", "far", "is", "it"])
    assert sequence[:, names.index("travel")].tolist() == [1.0, 1.0, 0.0, 0.0]


def test_a_folder_merges_its_files(tmp_path):
    write(tmp_path, "concepts:\n  greeting:\n    de: [hallo]\n", "de.yml")
    write(tmp_path, "concepts:\n  greeting:\n    fr: [bonjour]\n  thanks:\n    fr: [merci]\n", "fr.yml")
    lexicon = Lexicon.load(tmp_path)
    assert lexicon.names == ["greeting", "thanks"]
    assert lexicon.languages["greeting"] == {"de", "fr"}
    assert lexicon.missing_languages() == {"greeting": ["en"], "thanks": ["de", "en"]}
    assert lexicon.concepts_of("Hallo") == lexicon.concepts_of("Bonjour") == ["greeting"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("concepts:\n  yes:\n    de: [ja]\n", "concept name True is not a string"),
        ("concepts:\n  greeting:\n    it: [ciao]\n", "concept 'greeting': expected languages"),
        ("concepts:\n  greeting:\n    de: hallo\n", "concept 'greeting', de: expected a list"),
        ("concepts:\n  greeting:\n    de: [a]\n", "entry 'a' needs a word of 2 letters"),
        ("concepts:\n  greeting:\n    de: ['!!']\n", "entry '!!' needs a word"),
        ("concepts:\n  mayor:\n    fr: ['mai*']\n", "prefix entry 'mai*' needs four letters"),
        ("greeting: [hallo]\n", "expected a mapping 'concepts:"),
        ("concepts: [\n", "cannot read the lexicon"),
    ],
)
def test_a_bad_lexicon_names_file_and_concept(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as error:
        Lexicon.load(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="no lexicon file"):
        Lexicon.load(tmp_path)


# -- the project's lexicon ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def test_every_concept_has_words_in_every_language(lexicon):
    assert len(lexicon.names) >= 30
    assert lexicon.missing_languages() == {}


@pytest.mark.parametrize(
    "text, concept",
    [
        ("Grüezi mitenand", "greeting"),
        ("Moin!", "greeting"),
        ("coucou", "greeting"),
        ("hiya", "greeting"),
        ("pfiat di", "farewell"),
        ("à la prochaine", "farewell"),
        ("see ya", "farewell"),
        ("Wer ist Stadtoberhaupt in Trier?", "mayor"),
        ("Qui est le bourgmestre de Luxembourg ?", "mayor"),
        ("Who's the lord mayor of Saarbrücken?", "mayor"),
        ("Wie viele Einwohner hat Metz?", "inhabitants"),
        ("combien d'habitants à Trèves", "inhabitants"),
        ("Wann wurde QuattroPole gegründet?", "history"),
        ("Mitgliederversammlung", "assembly"),
        ("assemblée générale", "assembly"),
        ("Wie lange dauert die Amtszeit?", "election"),
        ("Gibt es einen direkten Zug?", "train"),
        ("c'est loin en voiture ?", "car"),
        ("What's the phone number of the office?", "contact"),
        ("Wie wird das Wetter morgen?", "offtopic"),
        ("Quel temps fera-t-il demain ?", "offtopic"),
        ("Tell me a joke", "offtopic"),
    ],
)
def test_the_project_lexicon_knows_citizens_words(lexicon, text, concept):
    assert concept in lexicon.concepts_of(text)


@pytest.mark.parametrize(
    "text",
    ["Metz", "Trier?", "und Luxemburg?", "et Sarrebruck ?", "2019", "ok Metz"],
)
def test_a_bare_city_has_no_topic_concept(lexicon, text):
    topics = set(lexicon.concepts_of(text)) - {"affirmation", "city"}
    assert topics == set()


# -- in a Rasa pipeline ------------------------------------------------------------------------
def test_featurizer_adds_sequence_and_sentence_features(tmp_path, small):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, model_id="test")
    config = {
        **ConceptFeaturizer.get_default_config(),
        "facts_concepts": False,
        "lexicon_path": str(tmp_path / "lexicon.yml"),
        "alias": "concepts",
        "weight": 3,
    }
    featurizer = ConceptFeaturizer.create(config, storage, Resource("concepts"), context)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [
        Message(data={"text": "Salut, qui est le maire ?", "intent": "ask_city_mayor"}),
        Message(data={"text": "Wo ist das Büro?", "intent": "ask_office_location"}),
    ]
    tokenizer.process_training_data(TrainingData(messages))
    featurizer.process_training_data(TrainingData(messages))
    sequence, sentence = messages[0].get_sparse_features("text")
    assert sequence.features.shape == (len(messages[0].get("text_tokens")), len(small.names))
    assert np.asarray(sentence.features.todense())[0].tolist() == [
        3.0 if n in ("greeting", "mayor") else 0.0 for n in small.names
    ]  # the weight
    _, sentence = messages[1].get_sparse_features("text")
    assert sentence.features.sum() == 0.0  # no concept: an all-zero row, still there

    # At run time (process) the same features are added.
    message = Message(data={"text": "Grüezi"})
    tokenizer.process([message])
    featurizer.process([message])
    _, sentence = message.get_sparse_features("text")
    assert sentence.features.toarray()[0, small.names.index("greeting")] == 3.0


def test_the_facts_store_names_are_concepts_too():
    lexicon = lexicon_for({"lexicon_path": None})  # the component's defaults: facts_concepts on
    assert {"facts_city", "facts_project", "facts_organ"} <= set(lexicon.names)
    assert "facts_city" in lexicon.concepts_of("und Sarrebruck ?")
    assert "facts_city" in lexicon.concepts_of("Lëtzebuerg")
    assert "facts_project" in lexicon.concepts_of("Was ist der Robert-Schuman-Preis?")
    assert "facts_organ" in lexicon.concepts_of("Wer sitzt im Vorstand?")
    plain = lexicon_for({"lexicon_path": None, "facts_concepts": False})
    assert not any(name.startswith("facts_") for name in plain.names)


# -- training and serving agree ----------------------------------------------------------------
def _sentence_features(featurizer, text):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    message = Message(data={"text": text})
    tokenizer.process([message])
    featurizer.process([message])
    return message.get_sparse_features("text")[1].features.toarray().tolist()


def test_a_loaded_model_serves_the_concepts_it_was_trained_with(tmp_path, small):
    path = write(tmp_path, SMALL)
    (tmp_path / "model").mkdir()
    storage = LocalModelStorage(tmp_path / "model")
    context = ExecutionContext(graph_schema=None, model_id="test")
    resource = Resource("concepts")
    config = {**ConceptFeaturizer.get_default_config(), "facts_concepts": False, "lexicon_path": str(path)}
    config["alias"] = "concepts"
    trained = ConceptFeaturizer.create(config, storage, resource, context)
    trained.train(TrainingData([]))
    texts = ["Salut, qui est le maire ?", "Grüezi", "moin, wo ist das Rathaus?"]
    before = [_sentence_features(trained, text) for text in texts]
    digest = ConceptFeaturizer.fingerprint_addon(config)

    # The lexicon is edited after training: a new concept, a new greeting, a removed mayor word.
    path.write_text(
        textwrap.dedent(SMALL).replace("grüezi]", "grüezi, moin]").replace("bourgmestre", "rathaus")
        + "  office:\n    de: [büro]\n",
        encoding="utf-8",
    )
    assert "office" in lexicon_for(config).names  # the files did change

    loaded = ConceptFeaturizer.load(config, storage, resource, context)
    assert loaded.lexicon.names == small.names
    assert [_sentence_features(loaded, text) for text in texts] == before
    # ... and Rasa's training cache sees the edit, so `rasa train` retrains the component.
    assert ConceptFeaturizer.fingerprint_addon(config) != digest


def test_the_retraining_decision_covers_the_lexicon(tmp_path):
    import shutil

    from scripts import train_if_needed

    for name in ("config.yml", "data/lexicon"):
        source = train_if_needed.ROOT / name
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    (tmp_path / "data" / "nlu").mkdir()
    before = train_if_needed.fingerprint(tmp_path)
    assert train_if_needed.fingerprint(tmp_path) == before
    lexicon = tmp_path / "data" / "lexicon" / "de.yml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert train_if_needed.fingerprint(tmp_path) != before


@pytest.mark.parametrize("word", ["oder", "mais", "ensuite", "into"])
def test_everyday_words_are_no_typos(word: str) -> None:
    from bot.language.concepts import project_lexicon

    assert project_lexicon().concepts_of(f"zug {word} auto") == project_lexicon().concepts_of("zug auto")


@pytest.mark.parametrize(
    ("text", "concept"), [("wer waehlt den praesidenten", "election"), ("oberbuergermeister", "mayor")]
)
def test_umlauts_typed_as_two_letters_are_matched(text: str, concept: str) -> None:
    from bot.language.concepts import project_lexicon

    assert concept in project_lexicon().concepts_of(text)
