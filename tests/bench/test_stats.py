"""The benchmarks' pure helpers (no servers)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from bench.stats import entity_counts, macro_f1, percentile, prf, stratified_folds


@pytest.mark.parametrize("q", [0, 1, 25, 50, 90, 95, 99, 100])
def test_percentile_matches_numpy(q: float) -> None:
    values = [5.0, 1.0, 9.5, 3.0, 3.0, 7.25, 100.0, 0.5, 42.0]
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_percentile_edge_cases() -> None:
    assert math.isnan(percentile([], 50))
    assert percentile([7.0], 99) == 7.0
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_stratified_folds_cover_every_item_once_and_balance_each_key() -> None:
    keys = [("de", "greet")] * 13 + [("fr", "greet")] * 7 + [("en", "ask_x")] * 22 + [("de", "x")] * 3
    folds = stratified_folds(keys, 5, seed=1)
    assert len(folds) == len(keys)
    assert set(folds) == set(range(5))
    for key in set(keys):
        per_fold = Counter(f for f, k in zip(folds, keys) if k == key)
        sizes = [per_fold.get(i, 0) for i in range(5)]
        assert max(sizes) - min(sizes) <= 1, (key, sizes)
    overall = Counter(folds)
    assert max(overall.values()) - min(overall.values()) <= 1


def test_stratified_folds_are_deterministic_and_seeded() -> None:
    keys = [i % 4 for i in range(40)]
    assert stratified_folds(keys, 5, seed=3) == stratified_folds(keys, 5, seed=3)
    assert stratified_folds(keys, 5, seed=3) != stratified_folds(keys, 5, seed=4)
    with pytest.raises(ValueError):
        stratified_folds(keys, 1)


def test_entity_counts_multiset_match() -> None:
    pairs = [
        ([("city", "metz"), ("city", "trier")], [("city", "metz"), ("city", "metz")]),
        ([("year", "2019")], [("year", "2019"), ("organ", "president")]),
        ([], []),
    ]
    counts = entity_counts(pairs)
    assert counts["city"] == Counter(tp=1, fp=1, fn=1)
    assert counts["year"] == Counter(tp=1)
    assert counts["organ"] == Counter(fp=1)


def test_prf() -> None:
    assert prf(8, 2, 0) == pytest.approx((0.8, 1.0, 2 * 0.8 / 1.8))
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 3, 0) == (0.0, 1.0, 0.0)


def test_macro_f1_matches_sklearn_on_true_labels() -> None:
    from sklearn.metrics import f1_score

    true = ["a", "a", "b", "b", "c", "c", "c"]
    pred = ["a", "b", "b", "b", "c", "nlu_fallback", "a"]
    expected = f1_score(true, pred, labels=["a", "b", "c"], average="macro")
    assert macro_f1(true, pred) == pytest.approx(expected)
