"""Pure helpers of the benchmarks: percentiles, stratified folds, entity scoring.

No Rasa, no servers: unit-tested in tests/bench/.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from typing import Dict, List, Tuple


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation (numpy's default method).

    NaN for an empty sequence, so a report shows "–" rather than crashing.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"q must be within 0..100, got {q}")
    data = sorted(values)
    if not data:
        return math.nan
    position = (len(data) - 1) * q / 100.0
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return float(data[low])
    return data[low] + (data[high] - data[low]) * (position - low)


def stratified_folds(keys: Sequence[Hashable], k: int, seed: int = 42) -> List[int]:
    """Assign a fold (0..k-1) to every item so each key (e.g. (language, intent)) is spread evenly.

    Within a key the items are shuffled (seeded) and dealt round-robin; the starting fold moves
    on from key to key, so the folds also end up equal in size (they differ by at most one
    item per key, and overall by at most one item).
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    rng = random.Random(seed)
    groups: Dict[Hashable, List[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[key].append(index)
    folds = [0] * len(keys)
    start = 0
    for key in sorted(groups, key=repr):  # deterministic whatever the hash seed
        members = groups[key]
        rng.shuffle(members)
        for offset, index in enumerate(members):
            folds[index] = (start + offset) % k
        start = (start + len(members)) % k
    return folds


Entity = Tuple[str, str]  # (entity type, canonical value)


def entity_counts(
    pairs: Iterable[Tuple[Iterable[Entity], Iterable[Entity]]],
) -> Dict[str, Counter]:
    """True positives, false positives and false negatives per entity type.

    `pairs` holds (expected, predicted) per sentence; an entity matches when type and canonical
    value match (a multiset match, so "Metz … Metz" needs two predictions).
    """
    counts: Dict[str, Counter] = defaultdict(Counter)
    for expected, predicted in pairs:
        want, got = Counter(expected), Counter(predicted)
        for (label, _), n in (want & got).items():
            counts[label]["tp"] += n
        for (label, _), n in (got - want).items():
            counts[label]["fp"] += n
        for (label, _), n in (want - got).items():
            counts[label]["fn"] += n
    return counts


def prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    """Precision, recall and F1; 1.0 where nothing was expected and nothing was predicted."""
    precision = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def macro_f1(true: Sequence[str], predicted: Sequence[str]) -> float:
    """Mean F1 over the labels that occur in `true` (a wrong label such as nlu_fallback only
    costs the true label its recall and has no F1 of its own)."""
    labels = sorted(set(true))
    if not labels:
        return math.nan
    scores = []
    for label in labels:
        tp = sum(1 for t, p in zip(true, predicted) if t == label and p == label)
        fp = sum(1 for t, p in zip(true, predicted) if t != label and p == label)
        fn = sum(1 for t, p in zip(true, predicted) if t == label and p != label)
        scores.append(prf(tp, fp, fn)[2])
    return sum(scores) / len(scores)
