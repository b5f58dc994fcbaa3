"""Fast proxy of `make nlu-eval` (intent part only): scikit-learn directly, same folds.

Run: ``.venv/bin/python -m bench.quick_cv`` (about 50–70 s on 2 cores: five scikit-learn fits
of 10–15 s each with Rasa's exact settings, two at a time; ``make nlu-eval`` takes ~18 min).
On fold 1 of the data it agrees with the real Rasa pipeline on 99.4–99.9 % of the held-out
predictions and on macro-F1 within 0.002 per language.

What it reproduces of the "ours" pipeline in config.yml:

* the same examples in the same order (``bench.nlu_eval.load_examples``: Rasa's reader, the
  language is the folder) and the same 5 folds (``bench.stats.stratified_folds`` keyed by
  (language, intent), seed 42);
* Rasa's WhitespaceTokenizer (used as is), then CountVectorsFeaturizer's processing: numbers
  become ``__NUMBER__``, lowercase, tokens joined with spaces; the sentence features are a
  word CountVectorizer (token pattern ``\\b\\w+\\b``) and a char_wb (2–4) CountVectorizer,
  fitted on the training fold only, stacked side by side;
* LogisticRegressionClassifier's scikit-learn model (lbfgs, class_weight="balanced", C=1,
  fit_intercept, max_iter and tol from config.yml) and, for ``bot.nlu.blend.
  BlendedIntentClassifier``, its MultinomialNB on the same features, blended with the
  config's ``naive_bayes_weight`` and ``naive_bayes_alpha`` (``--nb-weight 0``: regression only);
* the ConceptFeaturizer's sentence features (``bot.nlu.concepts``: the same lexicon, facts-store
  concepts and weight as config.yml), stacked next to the count features;
* the FallbackClassifier rule: top confidence < threshold or top-2 gap < ambiguity →
  ``nlu_fallback``, which counts as an error. Macro-F1 as in ``bench.stats.macro_f1``.

It reads threshold, ambiguity, max_iter, tol, the featurizers (their analyzer/min_ngram/
max_ngram) and, if present, the classifier's ``C`` from config.yml, so it follows config edits;
flags override them for experiments. The FactsEntityRuler's lemmas are not reproduced (config
has ``lemmatize: false``) and neither is the language detector (it adds no features).

``--errors`` lists the misclassified held-out examples, ``--intents`` the weakest intents per
language; ``--holdout`` trains on all the data and scores ``tests/data/nlu_holdout`` (questions
written apart from the training data); ``--no-lexicon``, ``--lexicon PATH``,
``--lexicon-weight W`` and ``--no-facts-concepts`` vary the concept features; ``--probe``
trains on everything and shows what nonsense and off-topic inputs get (they should end in
nlu_fallback or out_of_scope). ``--data DIR`` scores another copy of the
data (e.g. ``git show``-ed files of an older commit); the other flags (``--C``, ``--l2``,
``--sublinear``, ``--word-max-ngram``, ``--char-max-ngram``, ``--strip-accents``,
``--threshold``, ``--ambiguity``) are for experiments and do not touch config.yml.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import numpy as np
import yaml
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from bench.stats import macro_f1, stratified_folds
from bot.language import LANGS

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.yml"
FALLBACK = "nlu_fallback"
SEED = 42

#: Inputs that must not get a domain intent (nlu_fallback or out_of_scope is right).
PROBES = {
    "de": [
        "asdf jklö",
        "qwertz uiop",
        "blablabla",
        "Wie backe ich einen Apfelkuchen?",
        "Wer gewinnt die Bundesliga?",
        "Schreib mir ein Gedicht über Katzen",
        "Was kostet ein iPhone?",
        "Wie wird das Wetter morgen?",
        "lalala hmm",
        "Kannst du mir Witze erzählen?",
    ],
    "fr": [
        "azerty uiop",
        "blablabla",
        "gngngn",
        "Comment faire une pâte à crêpes ?",
        "Qui va gagner la Ligue 1 ?",
        "Écris-moi un poème sur les chats",
        "Combien coûte un iPhone ?",
        "Quel temps fera-t-il demain ?",
        "lalala bof",
        "Tu connais des blagues ?",
    ],
    "en": [
        "asdf qwer",
        "blablabla",
        "xyzzy plugh",
        "How do I bake an apple pie?",
        "Who will win the Premier League?",
        "Write me a poem about cats",
        "How much is an iPhone?",
        "What's the weather tomorrow?",
        "lalala hmm",
        "Tell me a joke",
    ],
}


# -- configuration ------------------------------------------------------------------------------
def settings_from_config(path: Path = CONFIG) -> Dict[str, Any]:
    config = yaml.safe_load(path.read_text())
    out: Dict[str, Any] = {
        "featurizers": [],
        "threshold": 0.3,
        "ambiguity": 0.1,
        "max_iter": 100,
        "tol": 1e-4,
        "C": 1.0,
        "solver": "lbfgs",
        "nb_weight": 0.0,
        "nb_alpha": 0.1,
    }
    for step in config["pipeline"]:
        name = step["name"]
        if name == "CountVectorsFeaturizer":
            out["featurizers"].append(
                (
                    step.get("analyzer", "word"),
                    step.get("min_ngram", 1),
                    step.get("max_ngram", 1),
                    step.get("strip_accents"),
                )
            )
        elif name.endswith(("LogisticRegressionClassifier", "BlendedIntentClassifier")):
            for key in ("max_iter", "tol", "C", "solver"):
                if key in step:
                    out[key] = step[key]
            if name.endswith("BlendedIntentClassifier"):
                from bot.nlu.blend import BlendedIntentClassifier

                blend = {**BlendedIntentClassifier.get_default_config(), **step}
                out["nb_weight"] = blend["naive_bayes_weight"]
                out["nb_alpha"] = blend["naive_bayes_alpha"]
        elif name.endswith("ConceptFeaturizer"):
            out["concepts"] = dict(step)
        elif name == "FallbackClassifier":
            out["threshold"] = step.get("threshold", 0.3)
            out["ambiguity"] = step.get("ambiguity_threshold", 0.1)
    return out


# -- text processing as Rasa does it -----------------------------------------------------------
_TOKENIZER = None


def rasa_tokens(text: str) -> List[str]:
    """WhitespaceTokenizer tokens, then CountVectorsFeaturizer's number/lowercase processing."""
    return [re.sub(r"\b[0-9]+\b", "__NUMBER__", t).lower() for t in raw_tokens(text)]


def raw_tokens(text: str) -> List[str]:
    """The WhitespaceTokenizer's token texts."""
    global _TOKENIZER
    if _TOKENIZER is None:
        from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

        _TOKENIZER = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    from rasa.shared.nlu.training_data.message import Message

    return [t.text for t in _TOKENIZER.tokenize(Message(data={"text": text}), "text")]


def concept_rows(texts: List[str], s: Dict[str, Any]):
    """ConceptFeaturizer's sentence features (one row per text), or None without it."""
    if not s.get("concepts"):
        return None
    from scipy.sparse import csr_matrix

    from bot.nlu.concepts import concept_matrices, lexicon_for

    config = {key: value for key, value in s["concepts"].items() if key != "name"}
    lexicon = lexicon_for(config)
    rows = np.vstack([concept_matrices(lexicon, raw_tokens(t))[1] for t in texts])
    return csr_matrix(rows * config.get("weight", 1.0))


def load(data_dir: Optional[Path] = None) -> Tuple[List[Dict[str, str]], List[str]]:
    """Examples as bench.nlu_eval loads them (same order, so the same folds) and their text as
    the count vectorizers see it. `data_dir` (with de/fr/en subfolders) replaces data/nlu."""
    from bench import nlu_eval

    if data_dir is None:
        examples = nlu_eval.load_examples()
    else:
        from rasa.shared.nlu.training_data.loading import load_data

        examples = [
            {"text": m.get("text"), "intent": m.get("intent"), "lang": lang}
            for lang in LANGS
            for m in load_data(str(Path(data_dir) / lang)).intent_examples
        ]
    docs = [" ".join(rasa_tokens(e["text"])) for e in examples]
    return examples, docs


# -- model --------------------------------------------------------------------------------------
def vectorizers(featurizers: List[Tuple[str, int, int, Optional[str]]]) -> List[CountVectorizer]:
    return [
        CountVectorizer(
            analyzer=analyzer,
            ngram_range=(lo, hi),
            lowercase=True,
            strip_accents=accents,
            token_pattern=r"(?u)\b\w+\b" if analyzer == "word" else None,
        )
        for analyzer, lo, hi, accents in featurizers
    ]


def _norm(X, s: Dict[str, Any]):
    """Optional feature transform per featurizer block: sublinear counts, L2 rows."""
    from sklearn.preprocessing import normalize

    X = X.astype(np.float64)
    if s.get("sublinear"):
        X.data = 1.0 + np.log(X.data)
    if s.get("l2"):
        X = normalize(X, norm="l2")
    return X


def fit_predict(
    train_docs: List[str],
    train_y: List[str],
    test_docs: List[str],
    s: Dict[str, Any],
    train_extra=None,
    test_extra=None,
) -> Tuple[np.ndarray, np.ndarray]:
    """`train_extra`/`test_extra`: further feature rows (the concept features) to stack."""
    vecs = vectorizers(s["featurizers"])
    X_train = hstack(
        [_norm(v.fit_transform(train_docs), s) for v in vecs]
        + ([train_extra] if train_extra is not None else [])
    ).tocsr()
    X_test = hstack(
        [_norm(v.transform(test_docs), s) for v in vecs] + ([test_extra] if test_extra is not None else [])
    ).tocsr()
    if s.get("scale", 1.0) != 1.0:
        X_train = X_train * s["scale"]
        X_test = X_test * s["scale"]
    clf = LogisticRegression(
        solver=s["solver"],
        max_iter=s["max_iter"],
        tol=s["tol"],
        C=s["C"],
        class_weight="balanced",
        random_state=SEED,
        fit_intercept=True,
    )
    clf.fit(X_train, train_y)
    probas = clf.predict_proba(X_test)
    if s.get("nb_weight"):
        nb = MultinomialNB(alpha=s["nb_alpha"]).fit(X_train, train_y)
        probas = (1 - s["nb_weight"]) * probas + s["nb_weight"] * nb.predict_proba(X_test)
    return clf.classes_, probas


def decide(classes: np.ndarray, probas: np.ndarray, s: Dict[str, Any]) -> List[Tuple[str, str, float]]:
    """(final intent after the fallback rule, raw top intent, top confidence) per row."""
    out = []
    for row in probas:
        order = np.argsort(-row)
        top, second = row[order[0]], row[order[1]]
        raw = str(classes[order[0]])
        fallback = top < s["threshold"] or (top - second) < s["ambiguity"]
        out.append((FALLBACK if fallback else raw, raw, float(top)))
    return out


def _fold_job(args: Tuple[int, List[str], List[str], List[int], Dict[str, Any], Any]):
    fold, docs, intents, folds, s, extra = args
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # two folds run at once on two cores; no oversubscription
    train_idx = [i for i, f in enumerate(folds) if f != fold]
    test_idx = [i for i, f in enumerate(folds) if f == fold]
    classes, probas = fit_predict(
        [docs[i] for i in train_idx],
        [intents[i] for i in train_idx],
        [docs[i] for i in test_idx],
        s,
        extra[train_idx] if extra is not None else None,
        extra[test_idx] if extra is not None else None,
    )
    return fold, test_idx, decide(classes, probas, s)


def cross_validate(
    examples: List[Dict[str, str]], docs: List[str], s: Dict[str, Any], k: int = 5, jobs: int = 2
) -> Dict[int, Tuple[str, str, float, int]]:
    folds = stratified_folds([(e["lang"], e["intent"]) for e in examples], k, seed=SEED)
    intents = [e["intent"] for e in examples]
    extra = concept_rows([e["text"] for e in examples], s)
    jobs_args = [(fold, docs, intents, folds, s, extra) for fold in range(k)]
    results: Dict[int, Tuple[str, str, float, int]] = {}
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            outs = list(pool.map(_fold_job, jobs_args))
    else:
        outs = [_fold_job(a) for a in jobs_args]
    for fold, test_idx, decided in outs:
        for i, (final, raw, conf) in zip(test_idx, decided):
            results[i] = (final, raw, conf, fold)
    return results


def report(
    examples: List[Dict[str, str]],
    results: Dict[int, Tuple[str, str, float, int]],
    errors: bool,
    lang_filter: Optional[str],
    per_intent: bool,
    k: int = 5,
) -> Dict[str, float]:
    scores: Dict[str, float] = {}
    print(f"{'lang':5} {'macro-F1':>8} {'±fold':>6} {'acc':>6} {'→fallback':>9} {'F1 raw':>7}  n")
    for lang in (*LANGS, "all"):
        idx = [i for i, e in enumerate(examples) if lang == "all" or e["lang"] == lang]
        true = [examples[i]["intent"] for i in idx]
        pred = [results[i][0] for i in idx]
        raw = [results[i][1] for i in idx]
        f1 = macro_f1(true, pred)
        per_fold = []
        for fold in range(k):
            fi = [i for i in idx if results[i][3] == fold]
            per_fold.append(macro_f1([examples[i]["intent"] for i in fi], [results[i][0] for i in fi]))
        acc = sum(t == p for t, p in zip(true, pred)) / len(true)
        fb = sum(p == FALLBACK for p in pred) / len(pred)
        scores[lang] = f1
        print(
            f"{lang:5} {f1:8.3f} {np.std(per_fold):6.3f} {acc:6.3f} {fb:9.1%} "
            f"{macro_f1(true, raw):7.3f}  {len(idx)}"
        )
    langs = [lang_filter] if lang_filter else list(LANGS)
    if per_intent:
        for lang in langs:
            idx = [i for i, e in enumerate(examples) if e["lang"] == lang]
            counts: Dict[str, Counter] = defaultdict(Counter)
            for i in idx:
                t, p = examples[i]["intent"], results[i][0]
                counts[t]["n"] += 1
                if t == p:
                    counts[t]["tp"] += 1
                else:
                    counts[t]["fn"] += 1
                    if p != FALLBACK:
                        counts[p]["fp"] += 1
            rows = []
            for intent, c in counts.items():
                if not c["n"]:
                    continue
                p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
                r = c["tp"] / c["n"]
                rows.append((2 * p * r / (p + r) if p + r else 0.0, intent, c["n"], c["fn"], c["fp"]))
            print(f"\n[{lang}] weakest intents (F1, n, missed, false positives)")
            for f1, intent, n, fn, fp in sorted(rows)[:12]:
                print(f"  {f1:.3f}  {intent:30} n={n:3} missed={fn:3} fp={fp:3}")
    if errors:
        for lang in langs:
            rows = [
                (examples[i]["intent"], results[i][0], results[i][1], results[i][2], examples[i]["text"])
                for i, e in enumerate(examples)
                if e["lang"] == lang and results[i][0] != e["intent"]
            ]
            print(f"\n[{lang}] {len(rows)} errors (true → predicted [raw top, confidence])")
            for true, pred, raw, conf, text in sorted(rows):
                extra = f" [{raw} {conf:.2f}]" if pred == FALLBACK else f" [{conf:.2f}]"
                print(f"  {true:28} → {pred:28}{extra:40} {text}")
        confusions = Counter(
            (e["lang"], e["intent"], results[i][0])
            for i, e in enumerate(examples)
            if results[i][0] != e["intent"] and (not lang_filter or e["lang"] == lang_filter)
        )
        print("\nmost frequent confusions:")
        for (lang, t, p), n in confusions.most_common(25):
            print(f"  {lang} {t} → {p}: {n}")
    return scores


def probe(examples: List[Dict[str, str]], docs: List[str], s: Dict[str, Any]) -> None:
    texts = [(lang, t) for lang in LANGS for t in PROBES[lang]]
    classes, probas = fit_predict(
        docs,
        [e["intent"] for e in examples],
        [" ".join(rasa_tokens(t)) for _, t in texts],
        s,
        concept_rows([e["text"] for e in examples], s),
        concept_rows([t for _, t in texts], s),
    )
    decided = decide(classes, probas, s)
    bad = 0
    print("\nprobes (trained on all data): should be nlu_fallback or out_of_scope")
    for (lang, text), (final, raw, conf) in zip(texts, decided):
        ok = final in (FALLBACK, "out_of_scope")
        bad += not ok
        print(f"  {'ok ' if ok else 'BAD'} {lang} {final:26} [{raw} {conf:.2f}] {text}")
    print(f"  {bad} of {len(texts)} probes got a domain intent")


def holdout(examples: List[Dict[str, str]], docs: List[str], s: Dict[str, Any]) -> None:
    """Train on all the data, score the held-out questions (tests/data/nlu_holdout)."""
    from bench.nlu_eval import load_holdout

    held = load_holdout()
    if not held:
        print("\nno held-out questions (tests/data/nlu_holdout/)")
        return
    classes, probas = fit_predict(
        docs,
        [e["intent"] for e in examples],
        [" ".join(rasa_tokens(e["text"])) for e in held],
        s,
        concept_rows([e["text"] for e in examples], s),
        concept_rows([e["text"] for e in held], s),
    )
    decided = decide(classes, probas, s)
    print("\nheld-out questions (trained on all data)")
    print(f"{'lang':5} {'macro-F1':>8} {'acc':>6} {'→fallback':>9}  n")
    for lang in (*LANGS, "all"):
        idx = [i for i, e in enumerate(held) if lang in (e["lang"], "all")]
        true = [held[i]["intent"] for i in idx]
        pred = [decided[i][0] for i in idx]
        acc = sum(t == p for t, p in zip(true, pred)) / len(idx)
        fb = sum(p == FALLBACK for p in pred) / len(idx)
        print(f"{lang:5} {macro_f1(true, pred):8.3f} {acc:6.3f} {fb:9.1%}  {len(idx)}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list misclassified examples")
    parser.add_argument("--intents", action="store_true", help="weakest intents per language")
    parser.add_argument("--lang", choices=LANGS, help="restrict --errors/--intents to a language")
    parser.add_argument("--probe", action="store_true", help="nonsense/off-topic inputs")
    parser.add_argument(
        "--holdout", action="store_true", help="also train on all data and score tests/data/nlu_holdout"
    )
    parser.add_argument("--threshold", type=float, help="fallback threshold (default: config)")
    parser.add_argument("--ambiguity", type=float, help="ambiguity threshold (default: config)")
    parser.add_argument("--C", type=float, help="inverse regularisation (Rasa's LR has C=1)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply all features")
    parser.add_argument("--solver", help="LogisticRegression solver")
    parser.add_argument(
        "--word-max-ngram", type=int, help="add a word CountVectorizer with n-grams 1..N (N>1)"
    )
    parser.add_argument("--l2", action="store_true", help="L2-normalise each feature block")
    parser.add_argument("--sublinear", action="store_true", help="1+log(count)")
    parser.add_argument("--char-max-ngram", type=int, help="char_wb n-grams up to N")
    parser.add_argument(
        "--strip-accents",
        choices=["unicode", "ascii"],
        help="CountVectorsFeaturizer strip_accents for every featurizer",
    )
    parser.add_argument("--data", type=Path, help="NLU folder with de/fr/en (default data/nlu)")
    parser.add_argument("--lexicon", type=Path, help="add ConceptFeaturizer features from this lexicon file")
    parser.add_argument("--lexicon-weight", type=float, help="value of a concept feature")
    parser.add_argument(
        "--no-facts-concepts",
        action="store_true",
        help="ConceptFeaturizer without the facts store's entity concepts",
    )
    parser.add_argument("--no-lexicon", action="store_true", help="leave the concept features out")
    parser.add_argument(
        "--nb-weight", type=float, help="naive Bayes share of the blend (0: the regression alone)"
    )
    parser.add_argument("--nb-alpha", type=float, help="naive Bayes smoothing")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    s = settings_from_config()
    for key in ("threshold", "ambiguity", "C", "solver", "nb_weight", "nb_alpha"):
        if getattr(args, key) is not None:
            s[key] = getattr(args, key)
    s["scale"] = args.scale
    if args.lexicon:
        s["concepts"] = {**(s.get("concepts") or {}), "lexicon_path": str(args.lexicon)}
    if args.no_facts_concepts and s.get("concepts"):
        s["concepts"]["facts_concepts"] = False
    if args.lexicon_weight and s.get("concepts"):
        s["concepts"]["weight"] = args.lexicon_weight
    if args.no_lexicon:
        s.pop("concepts", None)
    s["l2"] = s.get("l2") or args.l2
    s["sublinear"] = s.get("sublinear") or args.sublinear
    if args.word_max_ngram:
        s["featurizers"] = s["featurizers"] + [("word", 1, args.word_max_ngram, None)]
    if args.char_max_ngram:
        s["featurizers"] = [
            (a, lo, args.char_max_ngram if a == "char_wb" else hi, acc) for a, lo, hi, acc in s["featurizers"]
        ]
    if args.strip_accents:
        s["featurizers"] = [(a, lo, hi, args.strip_accents) for a, lo, hi, _ in s["featurizers"]]
    started = time.time()
    examples, docs = load(args.data)
    counts = Counter(e["lang"] for e in examples)
    print(
        f"{len(examples)} examples ({', '.join(f'{lang} {counts[lang]}' for lang in LANGS)}), "
        f"{len({e['intent'] for e in examples})} intents; featurizers {s['featurizers']}, "
        f"C={s['C']} scale={s['scale']} solver={s['solver']} max_iter={s['max_iter']}, "
        f"naive Bayes weight {s['nb_weight']} alpha {s['nb_alpha']}, "
        f"fallback threshold {s['threshold']} ambiguity {s['ambiguity']}"
    )
    results = cross_validate(examples, docs, s, jobs=args.jobs)
    report(examples, results, args.errors, args.lang, args.intents)
    if args.probe:
        probe(examples, docs, s)
    if args.holdout:
        holdout(examples, docs, s)
    print(f"\n({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
