"""Intent classifier: Rasa's logistic regression blended with a multinomial naive Bayes.

Both models read the same sparse sentence features (word and character counts, concept
features). The logistic regression weighs features against each other and is well calibrated
on phrasings close to the training data; naive Bayes adds every feature's evidence on its own,
so a question whose words each point to an intent, but in an order or combination no example
has, still gets that intent. The intent ranking is

    (1 - naive_bayes_weight) * P_logreg + naive_bayes_weight * P_naive_bayes.

`make nlu-eval` measures the blend against the regression alone ("logreg", same folds, and the
held-out questions of tests/data/nlu_holdout); the figures are in docs/nlu_evaluation.md, not
here, so they cannot go stale. The weight and alpha were set once, not tuned
(bench/quick_cv.py --nb-weight / --nb-alpha to try others).

The FallbackClassifier after it reads the blended confidences as before.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from sklearn.naive_bayes import MultinomialNB

logger = logging.getLogger(__name__)

NAIVE_BAYES_WEIGHT = "naive_bayes_weight"
NAIVE_BAYES_ALPHA = "naive_bayes_alpha"


class BlendError(ValueError):
    """A trained model whose naive Bayes part is missing or does not fit the regression."""


def sentence_features(messages: List[Message]) -> scipy.sparse.csr_matrix:
    """One row per message: its sparse and dense sentence features side by side (what Rasa's
    logistic regression reads)."""
    rows = []
    for message in messages:
        sparse, dense = (
            found[1] for found in (message.get_sparse_features(TEXT), message.get_dense_features(TEXT))
        )
        parts = [scipy.sparse.csr_matrix(f.features) for f in (sparse, dense) if f is not None]
        rows.append(scipy.sparse.hstack(parts) if parts else scipy.sparse.csr_matrix((1, 0)))
    return scipy.sparse.vstack(rows).tocsr()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class BlendedIntentClassifier(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **LogisticRegressionClassifier.get_default_config(),
            NAIVE_BAYES_WEIGHT: 0.3,
            NAIVE_BAYES_ALPHA: 0.1,
        }

    def __init__(
        self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.model_storage = model_storage
        self.resource = resource
        self.naive_bayes = MultinomialNB(alpha=self.config[NAIVE_BAYES_ALPHA])

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        weight = config.get(NAIVE_BAYES_WEIGHT, 0.3)
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"{cls.__name__}: {NAIVE_BAYES_WEIGHT} must be in [0, 1], not {weight}")
        if config.get(NAIVE_BAYES_ALPHA, 0.1) <= 0:
            raise ValueError(f"{cls.__name__}: {NAIVE_BAYES_ALPHA} must be positive")

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            return self.resource
        X, y = sentence_features(examples), [e.get(INTENT) for e in examples]
        if X.min() < 0:
            raise BlendError(
                "naive Bayes needs non-negative features (counts, concept flags); "
                "a featurizer before the classifier gives negative values"
            )
        self.clf.fit(X, y)
        self.naive_bayes.fit(X, y)
        self.persist()
        self._prepare_for_prediction()
        return self.resource

    def _prepare_for_prediction(self) -> None:
        """Store the weight matrices column-major, once, so that prediction does not copy them.

        Both models multiply the sparse features by a transposed weight matrix
        (`X @ coef_.T`, `X @ feature_log_prob_.T`); scipy's sparse product needs that operand
        C-contiguous and copies a row-major one, 40 intents × ~100,000 features, for every
        message (a third of the NLU parse, docs/benchmarks.md). Column-major weights make the
        transpose C-contiguous: the same numbers in the same order, no copy.
        """
        if hasattr(self.clf, "coef_"):
            self.clf.coef_ = np.asfortranarray(self.clf.coef_)
        if hasattr(self.naive_bayes, "feature_log_prob_"):
            self.naive_bayes.feature_log_prob_ = np.asfortranarray(self.naive_bayes.feature_log_prob_)

    def predict_proba(self, X) -> np.ndarray:
        """Blended probabilities, columns in the order of `self.clf.classes_`."""
        weight = self.config[NAIVE_BAYES_WEIGHT]
        return (1.0 - weight) * self.clf.predict_proba(X) + weight * self.naive_bayes.predict_proba(X)

    def process(self, messages: List[Message]) -> List[Message]:
        if not messages:
            return messages
        probas = self.predict_proba(sentence_features(messages))
        intents = self.clf.classes_
        for message, row in zip(messages, probas):
            ranking: List[Dict[str, Any]] = sorted(
                ({"name": str(k), "confidence": float(v)} for k, v in zip(intents, row)),
                key=lambda e: -e["confidence"],
            )
            message.set("intent", ranking[0], add_to_output=True)
            if self.config[RANKING_LENGTH] > 0:
                ranking = ranking[: self.config[RANKING_LENGTH]]
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        import skops.io as sio

        super().persist()
        with self.model_storage.write_to(self.resource) as model_dir:
            sio.dump(self.naive_bayes, model_dir / f"{self.resource.name}.naive_bayes.skops")

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "BlendedIntentClassifier":
        """Rasa's loader for the regression, then the naive Bayes part. A model with one part
        and not the other is an error, not an untrained classifier that answers nothing."""
        import skops.io as sio

        component = super().load(config, model_storage, resource, execution_context, **kwargs)
        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / f"{resource.name}.naive_bayes.skops"
                if not path.exists():
                    raise FileNotFoundError(path)
                untrusted = sio.get_untrusted_types(file=path)
                if untrusted:
                    raise BlendError(f"unexpected types in {path.name}: {untrusted}")
                component.naive_bayes = sio.load(path, trusted=untrusted)
        except (ValueError, FileNotFoundError) as error:
            if hasattr(component.clf, "classes_"):
                raise BlendError(f"trained regression without its naive Bayes part: {error}") from error
            logger.debug("No trained %s in %s", cls.__name__, resource.name)
            return component
        if list(component.naive_bayes.classes_) != list(component.clf.classes_):
            raise BlendError("the naive Bayes and regression parts were trained on different intents")
        component._prepare_for_prediction()
        return component
