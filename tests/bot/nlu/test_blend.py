"""BlendedIntentClassifier: Rasa's logistic regression blended with a multinomial naive Bayes."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from bot.nlu.blend import BlendedIntentClassifier, BlendError, sentence_features

EXAMPLES = [
    ("hello there", "greet"),
    ("hi", "greet"),
    ("good morning", "greet"),
    ("hey hello", "greet"),
    ("bye", "goodbye"),
    ("see you later", "goodbye"),
    ("good night", "goodbye"),
    ("bye bye then", "goodbye"),
    ("who is the mayor of metz", "ask_city_mayor"),
    ("mayor of trier", "ask_city_mayor"),
    ("who leads the city of luxembourg", "ask_city_mayor"),
    ("the mayor please", "ask_city_mayor"),
    ("train from metz to trier", "ask_travel"),
    ("how do i get to trier", "ask_travel"),
    ("is there a direct train", "ask_travel"),
    ("bus to luxembourg", "ask_travel"),
]
CONTEXT = ExecutionContext(graph_schema=None, model_id="test")


def featurized(texts_intents, tokenizer, featurizer, train=False):
    messages = [Message(data={"text": t, **({"intent": i} if i else {})}) for t, i in texts_intents]
    data = TrainingData(messages)
    tokenizer.process_training_data(data)
    if train:
        featurizer.train(data)
    featurizer.process_training_data(data)
    return data


@pytest.fixture()
def setup(tmp_path):
    storage = LocalModelStorage(tmp_path)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "alias": "cv"}, storage, Resource("cv"), CONTEXT
    )
    data = featurized(EXAMPLES, tokenizer, featurizer, train=True)
    resource = Resource("blend")
    config = {**BlendedIntentClassifier.get_default_config(), "random_state": 42}
    classifier = BlendedIntentClassifier.create(config, storage, resource, CONTEXT)
    classifier.train(data)
    return storage, resource, config, classifier, data, tokenizer, featurizer


def parse(classifier, tokenizer, featurizer, text):
    message = featurized([(text, None)], tokenizer, featurizer).training_examples[0]
    classifier.process([message])
    return message


def test_the_ranking_is_the_weighted_mean_of_regression_and_naive_bayes(setup):
    _, _, config, classifier, data, tokenizer, featurizer = setup
    X, y = classifier._create_training_matrix(data)
    regression = LogisticRegression(
        class_weight="balanced", max_iter=config["max_iter"], random_state=42
    ).fit(X, y)
    bayes = MultinomialNB(alpha=0.1).fit(X, y)
    message = parse(classifier, tokenizer, featurizer, "hello, who is the mayor")
    X_new = sentence_features([message])
    expected = 0.7 * regression.predict_proba(X_new)[0] + 0.3 * bayes.predict_proba(X_new)[0]
    ranking = {r["name"]: r["confidence"] for r in message.get("intent_ranking")}
    assert ranking == pytest.approx(dict(zip(regression.classes_, expected)))
    assert sum(ranking.values()) == pytest.approx(1.0)
    confidences = [r["confidence"] for r in message.get("intent_ranking")]
    assert confidences == sorted(confidences, reverse=True)
    assert message.get("intent")["name"] == "ask_city_mayor"
    assert message.get("intent")["confidence"] == pytest.approx(float(expected.max()))


def test_weight_zero_is_the_plain_regression_and_one_is_naive_bayes(setup):
    _, _, _, classifier, data, tokenizer, featurizer = setup
    message = parse(classifier, tokenizer, featurizer, "train to metz please")
    X = sentence_features([message])
    regression = classifier.clf.predict_proba(X)[0]
    bayes = classifier.naive_bayes.predict_proba(X)[0]
    assert not np.allclose(regression, bayes)
    for weight, expected in ((0.0, regression), (1.0, bayes)):
        classifier.config["naive_bayes_weight"] = weight
        assert classifier.predict_proba(X)[0] == pytest.approx(expected)


def test_a_loaded_model_answers_as_the_trained_one(setup):
    storage, resource, config, classifier, _, tokenizer, featurizer = setup
    loaded = BlendedIntentClassifier.load(config, storage, resource, CONTEXT)
    for text in ("good morning", "bus from trier to luxembourg", "bye for now"):
        a = parse(classifier, tokenizer, featurizer, text).get("intent_ranking")
        b = parse(loaded, tokenizer, featurizer, text).get("intent_ranking")
        assert [r["name"] for r in a] == [r["name"] for r in b]
        assert [r["confidence"] for r in a] == pytest.approx([r["confidence"] for r in b])


def test_a_model_without_its_naive_bayes_part_does_not_load_silently(setup):
    storage, resource, config, _, _, _, _ = setup
    with storage.write_to(resource) as model_dir:
        (model_dir / f"{resource.name}.naive_bayes.skops").unlink()
    with pytest.raises(BlendError):
        BlendedIntentClassifier.load(config, storage, resource, CONTEXT)


def test_an_untrained_resource_gives_an_untrained_classifier(tmp_path):
    storage = LocalModelStorage(tmp_path)
    config = BlendedIntentClassifier.get_default_config()
    loaded = BlendedIntentClassifier.load(config, storage, Resource("nothing"), CONTEXT)
    assert not hasattr(loaded.clf, "classes_")


@pytest.mark.parametrize(
    "bad", [{"naive_bayes_weight": 1.5}, {"naive_bayes_weight": -0.1}, {"naive_bayes_alpha": 0}]
)
def test_bad_settings_are_refused(bad):
    with pytest.raises(ValueError):
        BlendedIntentClassifier.validate_config({**BlendedIntentClassifier.get_default_config(), **bad})


def test_the_project_config_uses_the_blend_and_quick_cv_mirrors_it():
    from bench import quick_cv

    settings = quick_cv.settings_from_config()
    assert settings["nb_weight"] == 0.3 and settings["nb_alpha"] == 0.1


def test_loaded_weights_are_column_major_and_give_the_same_probabilities(setup):
    storage, resource, config, _, _, tokenizer, featurizer = setup
    loaded = BlendedIntentClassifier.load(config, storage, resource, CONTEXT)
    row_major = BlendedIntentClassifier.load(config, storage, resource, CONTEXT)
    row_major.clf.coef_ = np.ascontiguousarray(row_major.clf.coef_)
    row_major.naive_bayes.feature_log_prob_ = np.ascontiguousarray(row_major.naive_bayes.feature_log_prob_)
    # X @ weights.T then needs no copy of the weights (scipy wants that operand C-ordered)
    assert loaded.clf.coef_.T.flags["C_CONTIGUOUS"]
    assert loaded.naive_bayes.feature_log_prob_.T.flags["C_CONTIGUOUS"]
    assert not row_major.clf.coef_.T.flags["C_CONTIGUOUS"]
    for text in ("who is the mayor of trier", "hello", "train to metz"):
        X = loaded._create_X([parse(loaded, tokenizer, featurizer, text)])
        assert np.array_equal(loaded.predict_proba(X), row_major.predict_proba(X))
