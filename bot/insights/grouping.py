"""Grouping unanswered questions by similar wording, with scikit-learn.

Questions are compared as TF-IDF vectors of character n-grams within words (robust to typos,
inflection and the three languages at once) and grouped by agglomerative clustering with
average linkage on the cosine distance: two groups merge while their mean distance stays
below `DISTANCE_THRESHOLD`. Identical wordings (after case and space folding) are one point.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Dict, List

import numpy as np

DISTANCE_THRESHOLD = 0.5
NGRAMS = (2, 4)
EXAMPLES = 5


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip(" ?!.")


def _labels(texts: List[str]) -> np.ndarray:
    """A cluster label per distinct wording."""
    if len(texts) < 2:
        return np.zeros(len(texts), dtype=int)
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS).fit_transform(texts)
    if vectors.shape[1] == 0:
        return np.zeros(len(texts), dtype=int)
    clustering = AgglomerativeClustering(
        n_clusters=None,
        affinity="cosine",
        linkage="average",
        distance_threshold=DISTANCE_THRESHOLD,
    )
    return clustering.fit_predict(vectors.toarray())


def group_questions(questions: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Groups of questions ({text, language, reasons}), largest first, each with its count,
    the most frequent wordings as examples, and its languages and reasons with counts."""
    by_wording: Dict[str, List[Dict[str, Any]]] = {}
    for question in questions:
        by_wording.setdefault(_key(question["text"]), []).append(question)
    wordings = sorted(by_wording)
    labels = _labels(wordings)
    groups: Dict[int, List[Dict[str, Any]]] = {}
    for wording, label in zip(wordings, labels):
        groups.setdefault(int(label), []).extend(by_wording[wording])
    result = [_summary(members) for members in groups.values()]
    return sorted(result, key=lambda g: (-g["count"], g["examples"][0]))


def _summary(members: List[Dict[str, Any]]) -> Dict[str, Any]:
    texts = Counter(m["text"] for m in members)
    return {
        "count": len(members),
        "examples": [
            text for text, _ in sorted(texts.items(), key=lambda item: (-item[1], item[0]))[:EXAMPLES]
        ],
        "languages": dict(Counter(m["language"] for m in members).most_common()),
        "reasons": dict(Counter(r for m in members for r in m["reasons"]).most_common()),
    }
