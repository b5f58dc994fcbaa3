"""Understanding quality: intent macro-F1 per language by 5-fold cross-validation, entity F1.

Run: ``make nlu-eval`` (or ``.venv/bin/python -m bench.nlu_eval``). Writes
``docs/nlu_evaluation.md`` and ``docs/bench/nlu_*.png``.

* Folds are stratified by (language, intent); the language of an example is its folder
  ``data/nlu/<lang>/``. ``rasa test nlu --cross-validation`` cannot split that way.
* Pipelines on the same folds (``default_pipelines``): ours (``config.yml`` as is),
  ``no_lexicon`` (ours without the ConceptFeaturizer), ``lemma`` (ours with the
  FactsEntityRuler's spaCy lemmas as features) and ``diet`` (DIET instead of the logistic
  regression); paired per-fold comparisons say whether the lexicon and the lemmas help.
* Entities: our training data has none (the FactsEntityRuler's patterns come from the facts
  store), so entity precision/recall/F1 are measured on the hand-labelled
  ``tests/data/entities_labelled.yml`` with the trained model.

NLU-only models are trained into a temporary folder. Predictions are cached under
``.run/bench/nlu/<fingerprint>/`` (fingerprint of config, data, bot/ and the folds), so a
rerun after an interruption only trains what is missing; ``--fresh`` ignores the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml

from bench import machine
from bench.stats import entity_counts, macro_f1, prf, stratified_folds
from bot.language import LANGS

ROOT = Path(__file__).resolve().parent.parent
NLU_DIR = ROOT / "data" / "nlu"
LEXICON_DIR = ROOT / "data" / "lexicon"
CONFIG = ROOT / "config.yml"
ENTITY_DATA = ROOT / "tests" / "data" / "entities_labelled.yml"
HOLDOUT_DIR = ROOT / "tests" / "data" / "nlu_holdout"
#: Pipelines trained on all the data and scored on the held-out questions.
HOLDOUT_PIPELINES = ("ours", "no_lexicon", "logreg")
MODEL = ROOT / "models" / "quattropole.tar.gz"
REPORT = ROOT / "docs" / "nlu_evaluation.md"
PLOTS = ROOT / "docs" / "bench"
CACHE = ROOT / ".run" / "bench" / "nlu"
LANGUAGE_REPORT = ROOT / "docs" / "language_benchmark.md"
FALLBACK = "nlu_fallback"
TARGET_MACRO_F1 = 0.95
SEED = 42
FOLD_VERSION = 2

#: The DIET classifier of the earlier config.yml (bag of features, no transformer layers).
DIET = {
    "name": "DIETClassifier",
    "epochs": 60,
    "entity_recognition": False,
    "constrain_similarities": True,
    "number_of_transformer_layers": 0,
    "random_seed": SEED,
}
PIPELINE_DOC = {
    "ours": "config.yml as is",
    "logreg": "Rasa's plain LogisticRegressionClassifier instead of ours (DIET, or the regression "
    "blended with naive Bayes), same tokenizer and featurizers",
    "diet": "DIETClassifier (60 epochs, no transformer layers, as config.yml had before) instead "
    "of the logistic regression, with the LexicalSyntacticFeaturizer it reads",
    "no_lemma": "config.yml with the FactsEntityRuler's `lemmatize: false`",
    "lemma": "config.yml with the FactsEntityRuler's `lemmatize: true` (spaCy lookup lemmas as features)",
    "no_lexicon": "config.yml without the ConceptFeaturizer (no concept features from `data/lexicon/`)",
}


#: Intent classifiers of config.yml that the "logreg" and "diet" variants replace.
CLASSIFIERS = ("DIETClassifier", "LogisticRegressionClassifier", "BlendedIntentClassifier")


def classifier(config: Dict[str, Any]) -> str:
    """The intent classifier's class name (module path left out), or "?"."""
    names = [step["name"].rsplit(".", 1)[-1] for step in config["pipeline"]]
    return next((name for name in names if name in CLASSIFIERS), "?")


def is_classifier(step: Dict[str, Any]) -> bool:
    return step["name"].rsplit(".", 1)[-1] in CLASSIFIERS


def default_pipelines() -> List[str]:
    """ours; without the concept lexicon; the plain logistic regression when ours is not
    (DIET or the blend); DIET when ours is a regression; ours with the lemma setting flipped."""
    config = yaml.safe_load(CONFIG.read_text())
    ours = classifier(config)
    ruler = next((s for s in config["pipeline"] if s["name"].endswith("FactsEntityRuler")), {})
    lemma_variant = "lemma" if ruler.get("lemmatize") is False else "no_lemma"
    lexicon = any(s["name"].endswith("ConceptFeaturizer") for s in config["pipeline"])
    return [
        "ours",
        *(["no_lexicon"] if lexicon else []),
        *(["logreg"] if ours != "LogisticRegressionClassifier" else []),
        lemma_variant,
        *(["diet"] if ours != "DIETClassifier" else []),
    ]


log = logging.getLogger("nlu_eval")


def say(text: str) -> None:
    print(f"[nlu-eval {time.strftime('%H:%M:%S')}] {text}", flush=True)


# -- data and folds -----------------------------------------------------------------------------
def load_examples() -> List[Dict[str, str]]:
    """Every intent example as {text, intent, lang}; lang is the folder it lives in."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for lang in LANGS:
        data = load_data(str(NLU_DIR / lang))
        for message in data.intent_examples:
            examples.append({"text": message.get("text"), "intent": message.get("intent"), "lang": lang})
    return examples


def load_holdout() -> List[Dict[str, str]]:
    """The held-out questions (tests/data/nlu_holdout/<lang>.yml), written apart from the
    training data and never trained on."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples = []
    for lang in LANGS:
        path = HOLDOUT_DIR / f"{lang}.yml"
        if path.exists():
            examples += [
                {"text": m.get("text"), "intent": m.get("intent"), "lang": lang}
                for m in load_data(str(path)).intent_examples
            ]
    return examples


def count_by_lang(examples: List[Dict[str, str]]) -> str:
    counts = Counter(e["lang"] for e in examples)
    return ", ".join(f"{lang} {counts[lang]}" for lang in LANGS)


def pipeline_config(name: str) -> Dict[str, Any]:
    config = copy.deepcopy(yaml.safe_load(CONFIG.read_text()))
    pipeline = config["pipeline"]
    if name == "logreg":
        config["pipeline"] = [
            {
                "name": "LogisticRegressionClassifier",
                "random_state": SEED,
                **({"max_iter": step["max_iter"]} if "max_iter" in step else {}),
            }
            if is_classifier(step)
            else step
            for step in pipeline
        ]
    elif name == "diet":
        out = []
        for step in pipeline:
            if is_classifier(step):
                out.append(dict(DIET))
            elif step["name"] == "CountVectorsFeaturizer" and not any(
                s["name"] == "LexicalSyntacticFeaturizer" for s in out
            ):
                out += [{"name": "LexicalSyntacticFeaturizer"}, step]
            else:
                out.append(step)
        config["pipeline"] = out
    elif name in ("no_lemma", "lemma"):
        for step in pipeline:
            if step["name"].endswith("FactsEntityRuler"):
                step["lemmatize"] = name == "lemma"
    elif name == "no_lexicon":
        config["pipeline"] = [s for s in pipeline if not s["name"].endswith("ConceptFeaturizer")]
    elif name != "ours":
        raise ValueError(name)
    return config


def fingerprint(k: int) -> str:
    # PIPELINES' configs and the fold assignment are versioned by hand: bump FOLD_VERSION when
    # pipeline_config() or stratified_folds() change (editing the report code keeps the cache).
    digest = hashlib.sha256(f"k={k};seed={SEED};v={FOLD_VERSION}".encode())
    for path in [
        CONFIG,
        *sorted(NLU_DIR.rglob("*.yml")),
        *sorted((ROOT / "bot").rglob("*.py")),
        *sorted((ROOT / "bot").rglob("*.yml")),
        *sorted(LEXICON_DIR.glob("*.yml")),
        *sorted((ROOT / "data" / "facts").rglob("*.yml")),
    ]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write_nlu(examples: List[Dict[str, str]], path: Path) -> None:
    """Training data in Rasa's YAML format (intent examples only: the data has nothing else)."""
    by_intent: Dict[str, List[str]] = defaultdict(list)
    for example in examples:
        by_intent[example["intent"]].append(example["text"])
    lines = ['version: "3.1"', "nlu:"]
    for intent in sorted(by_intent):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines.extend(f"    - {text}" for text in by_intent[intent])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- training and prediction --------------------------------------------------------------------
def train(config: Dict[str, Any], examples: List[Dict[str, str]], workdir: Path, name: str) -> Path:
    from rasa.model_training import train_nlu

    workdir.mkdir(parents=True, exist_ok=True)
    config_path = workdir / f"{name}.config.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    data_path = workdir / f"{name}.nlu.yml"
    write_nlu(examples, data_path)
    model = train_nlu(str(config_path), str(data_path), str(workdir / "models"), fixed_model_name=name)
    if not model:
        raise RuntimeError(f"training {name} produced no model")
    return Path(model)


def parse_all(model: Path, texts: List[str]) -> List[Dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def run() -> List[Dict[str, Any]]:
        return [await agent.parse_message(text) for text in texts]

    results = asyncio.run(run())
    out = []
    for result in results:
        ranking = [r["name"] for r in result.get("intent_ranking") or []]
        raw = next((name for name in ranking if name != FALLBACK), None)
        out.append(
            {
                "intent": (result.get("intent") or {}).get("name"),
                "raw_intent": raw,
                "entities": [(e["entity"], str(e["value"])) for e in result.get("entities") or []],
            }
        )
    return out


# -- entities -----------------------------------------------------------------------------------
def load_entity_set() -> Dict[str, List[Dict[str, Any]]]:
    if not ENTITY_DATA.exists():
        return {}
    data = yaml.safe_load(ENTITY_DATA.read_text(encoding="utf-8")) or {}
    return {lang: data.get(lang) or [] for lang in LANGS}


def expected_entities(item: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [(e["entity"], str(e["value"])) for e in item.get("entities") or []]


# -- the run ------------------------------------------------------------------------------------
def run(k: int, pipelines: List[str], fresh: bool) -> Dict[str, Any]:
    examples = load_examples()
    folds = stratified_folds([(e["lang"], e["intent"]) for e in examples], k, seed=SEED)
    cache = CACHE / fingerprint(k)
    if fresh and cache.exists():
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    # The cached predictions point at examples by index: check they are the same examples.
    examples_sha = hashlib.sha256(
        json.dumps([[e["lang"], e["intent"], e["text"]] for e in examples]).encode()
    ).hexdigest()[:16]
    say(
        f"{len(examples)} examples ({count_by_lang(examples)}), "
        f"{k} folds, pipelines {', '.join(pipelines)}; cache {cache.relative_to(ROOT)}"
    )
    results: Dict[str, Any] = {
        "k": k,
        "n": len(examples),
        "folds": folds,
        "examples": examples,
        "pipelines": {},
    }
    with tempfile.TemporaryDirectory(prefix="qp-nlu-eval-") as tmp:
        for name in pipelines:
            config = pipeline_config(name)
            runs = []
            for fold in range(k):
                cached = cache / f"{name}.fold{fold}.json"
                record = json.loads(cached.read_text()) if cached.exists() else None
                if record is not None and record.get("examples_sha") == examples_sha:
                    runs.append(record)
                    say(f"{name} fold {fold + 1}/{k}: cached")
                    continue
                train_set = [e for e, f in zip(examples, folds) if f != fold]
                test_idx = [i for i, f in enumerate(folds) if f == fold]
                say(f"{name} fold {fold + 1}/{k}: training on {len(train_set)} examples…")
                started = time.monotonic()
                model = train(config, train_set, Path(tmp) / f"{name}{fold}", f"{name}-{fold}")
                train_s = time.monotonic() - started
                started = time.monotonic()
                predictions = parse_all(model, [examples[i]["text"] for i in test_idx])
                parse_s = time.monotonic() - started
                record = {
                    "fold": fold,
                    "examples_sha": examples_sha,
                    "train_s": train_s,
                    "parse_s": parse_s,
                    "test_idx": test_idx,
                    "predictions": predictions,
                }
                if fold == 0:  # kept to score the labelled entity set with this pipeline
                    shutil.copy(model, cache / f"{name}.fold0.tar.gz")
                cached.write_text(json.dumps(record))
                runs.append(record)
                accuracy = sum(
                    p["intent"] == examples[i]["intent"] for i, p in zip(test_idx, predictions)
                ) / len(test_idx)
                say(
                    f"{name} fold {fold + 1}/{k}: trained in {train_s:.0f} s, "
                    f"accuracy {accuracy:.3f} on {len(test_idx)} held-out"
                )
            results["pipelines"][name] = {"runs": runs}
        holdout = load_holdout()
        results["holdout"] = {"examples": holdout, "pipelines": {}}
        holdout_sha = hashlib.sha256(json.dumps([examples_sha, holdout]).encode()).hexdigest()[:16]
        for name in [p for p in pipelines if p in HOLDOUT_PIPELINES] if holdout else []:
            cached = cache / f"{name}.holdout.json"
            record = json.loads(cached.read_text()) if cached.exists() else None
            if record is None or record.get("sha") != holdout_sha:
                say(f"{name}: training on all {len(examples)} examples for the held-out set…")
                model = train(pipeline_config(name), examples, Path(tmp) / f"{name}-all", f"{name}-all")
                record = {"sha": holdout_sha, "predictions": parse_all(model, [e["text"] for e in holdout])}
                cached.write_text(json.dumps(record))
            results["holdout"]["pipelines"][name] = record["predictions"]
        entity_set = load_entity_set()
        results["entities"] = {}
        if entity_set:
            texts = [item["text"] for lang in LANGS for item in entity_set[lang]]
            models = [("trained model (models/quattropole.tar.gz)", MODEL)] if MODEL.exists() else []
            models += [
                (f"{name} (fold-1 model)", cache / f"{name}.fold0.tar.gz")
                for name in pipelines
                if (cache / f"{name}.fold0.tar.gz").exists()
            ]
            for label, model in models:
                say(f"entities: scoring {len(texts)} labelled sentences with {label}…")
                results["entities"][label] = parse_all(model, texts)
    return results


# -- report -------------------------------------------------------------------------------------
def intent_scores(results: Dict[str, Any], name: str, key: str = "intent") -> Dict[str, Dict[str, float]]:
    """Per language: macro-F1 and accuracy over all held-out predictions of every fold."""
    examples = results["examples"]
    true: Dict[str, List[str]] = defaultdict(list)
    pred: Dict[str, List[str]] = defaultdict(list)
    per_fold: Dict[str, List[float]] = defaultdict(list)
    for run_ in results["pipelines"][name]["runs"]:
        fold_true: Dict[str, List[str]] = defaultdict(list)
        fold_pred: Dict[str, List[str]] = defaultdict(list)
        for i, p in zip(run_["test_idx"], run_["predictions"]):
            lang = examples[i]["lang"]
            for bucket in (lang, "all"):
                true[bucket].append(examples[i]["intent"])
                pred[bucket].append(p[key] or "none")
                fold_true[bucket].append(examples[i]["intent"])
                fold_pred[bucket].append(p[key] or "none")
        for bucket in fold_true:
            per_fold[bucket].append(macro_f1(fold_true[bucket], fold_pred[bucket]))
    scores = {}
    for bucket in (*LANGS, "all"):
        t, p = true[bucket], pred[bucket]
        folds_f1 = per_fold[bucket]
        mean = sum(folds_f1) / len(folds_f1)
        std = (sum((x - mean) ** 2 for x in folds_f1) / max(1, len(folds_f1) - 1)) ** 0.5
        scores[bucket] = {
            "macro_f1": macro_f1(t, p),
            "fold_mean": mean,
            "fold_std": std,
            "accuracy": sum(a == b for a, b in zip(t, p)) / len(t),
            "fallback": sum(b == FALLBACK for b in p) / len(p),
            "n": len(t),
            "folds": folds_f1,
        }
    return scores


def confusion_plot(results: Dict[str, Any], name: str, lang: str, path: Path) -> List[Tuple[str, str, int]]:
    """Row-normalised confusion matrix image; returns the most frequent confusions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    examples = results["examples"]
    pairs = [
        (examples[i]["intent"], p["intent"] or "none")
        for run_ in results["pipelines"][name]["runs"]
        for i, p in zip(run_["test_idx"], run_["predictions"])
        if examples[i]["lang"] == lang
    ]
    labels = sorted({t for t, _ in pairs})
    columns = labels + sorted({p for _, p in pairs} - set(labels))
    index = {label: n for n, label in enumerate(columns)}
    matrix = np.zeros((len(labels), len(columns)))
    for t, p in pairs:
        matrix[index[t], index[p]] += 1
    normalised = matrix / matrix.sum(axis=1, keepdims=True)
    fig, ax = plt.subplots(figsize=(13, 11))
    ax.imshow(normalised, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(columns)), columns, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    for r in range(len(labels)):
        for c in range(len(columns)):
            if matrix[r, c] and r != c:
                ax.text(c, r, int(matrix[r, c]), ha="center", va="center", fontsize=6, color="red")
    ax.set_xlabel("predicted (after FallbackClassifier)")
    ax.set_ylabel("true")
    ax.set_title(
        f"{name} pipeline, {lang}: {len(pairs)} held-out examples, {results['k']}-fold CV "
        "(row-normalised; off-diagonal counts in red)"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    confusions = Counter((t, p) for t, p in pairs if t != p)
    return [(t, p, n) for (t, p), n in confusions.most_common(8)]


def bar_plot(scores: Dict[str, Dict[str, Dict[str, float]]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(scores)
    fig, ax = plt.subplots(figsize=(8, 4))
    width = 0.8 / len(names)
    for n, name in enumerate(names):
        values = [scores[name][lang]["macro_f1"] for lang in LANGS]
        errors = [scores[name][lang]["fold_std"] for lang in LANGS]
        bars = ax.bar(
            [x + n * width for x in range(len(LANGS))], values, width, yerr=errors, label=name, capsize=3
        )
        ax.bar_label(bars, fmt="%.3f", fontsize=7)
    ax.axhline(TARGET_MACRO_F1, color="red", linestyle="--", linewidth=1, label="target 0.95")
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(LANGS))], LANGS)
    low = min(scores[name][lang]["macro_f1"] for name in names for lang in LANGS)
    ax.set_ylim(max(0.0, min(0.9, low - 0.03)), 1.0)
    ax.set_ylabel("intent macro-F1 (5-fold CV)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def language_summary() -> List[str]:
    """The accuracy table rows of docs/language_benchmark.md for 'all' plus its date line."""
    if not LANGUAGE_REPORT.exists():
        return ["(docs/language_benchmark.md not found: run `make bench-language`.)"]
    text = LANGUAGE_REPORT.read_text(encoding="utf-8").splitlines()
    date = next((line for line in text if line.startswith("- date:")), "")
    header = ["| detector | de | fr | en | all |", "|---|---|---|---|---|"]
    rows = []
    for line in text:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[1] == "all":
            rows.append("| " + " | ".join([cells[0], *cells[2:]]) + " |")
    short = []
    capture = False
    for line in text:
        if line.startswith("## Short turns"):
            capture = True
            continue
        if capture and line.startswith("## "):
            break
        if capture and line.startswith("|"):
            short.append(line)
    out = [
        f"From [docs/language_benchmark.md](language_benchmark.md) ({date.lstrip('- ')}), "
        "all labelled turns:",
        "",
        *header,
        *rows,
    ]
    if short:
        out += ["", "Short turns (1–3 words) carrying evidence:", "", *short]
    return out


def paired_table(
    out: Callable[[str], None],
    scores: Dict[str, Dict[str, Dict[str, Any]]],
    k: int,
    with_name: str,
    without_name: str,
    what: str,
) -> Tuple[float, float]:
    """Per-language table of a paired comparison of two pipelines on the same folds; returns the
    mean per-fold difference and the paired t over all languages."""
    out(
        "Both pipelines are trained on the same folds, so the comparison is paired: per fold, "
        f"macro-F1 with {what} minus macro-F1 without. t is the paired t statistic over the "
        f"{k} folds (|t| > 2.78 is significant at 5 % with 4 degrees of freedom)."
    )
    out("")
    out(
        f"| language | {with_name} ({what}) | {without_name} (no {what}) | difference | "
        "per-fold differences | paired t |"
    )
    out("|---|---|---|---|---|---|")
    mean_all = t_all = 0.0
    for lang in (*LANGS, "all"):
        a, b = scores[with_name][lang], scores[without_name][lang]
        diffs = [x - y for x, y in zip(a["folds"], b["folds"])]
        mean = sum(diffs) / len(diffs)
        sd = (sum((d - mean) ** 2 for d in diffs) / max(1, len(diffs) - 1)) ** 0.5
        t = mean / (sd / len(diffs) ** 0.5) if sd else float("inf") * (1 if mean >= 0 else -1)
        if lang == "all":
            t_all, mean_all = t, mean
        out(
            f"| {lang} | {a['macro_f1']:.3f} | {b['macro_f1']:.3f} | {a['macro_f1'] - b['macro_f1']:+.3f} | "
            f"{' '.join(f'{d:+.3f}' for d in diffs)} | {t:+.1f} |"
        )
    out("")
    return mean_all, t_all


def paired_section(
    out: Callable[[str], None],
    scores: Dict[str, Dict[str, Dict[str, Any]]],
    k: int,
    with_name: str,
    without_name: str,
    what: str,
    title: str,
    intro: str,
) -> None:
    """ "Does <title> help?": an introduction, the paired table and its verdict."""
    out(f"### Does {title} help?")
    out("")
    out(intro)
    out("")
    mean_all, t_all = paired_table(out, scores, k, with_name, without_name, what)
    out(
        f"The {what} changes macro-F1 by {mean_all:+.3f} per fold on average (paired t "
        f"{t_all:+.1f}: " + ("significant" if abs(t_all) > 2.78 else "not significant") + " at 5 %)."
    )
    out("")


def holdout_section(out: Callable[[str], None], results: Dict[str, Any]) -> None:
    holdout = results.get("holdout") or {}
    examples, predictions = holdout.get("examples") or [], holdout.get("pipelines") or {}
    if not examples or not predictions:
        return
    out("### Questions the training data has never seen")
    out("")
    out(
        f"`tests/data/nlu_holdout/` holds {len(examples)} questions ("
        f"{count_by_lang(examples)}) written apart from the training data, as citizens would "
        "type them; none of them is a training example. Each pipeline is trained on all the "
        "training data and predicts them (after the fallback, as above)."
    )
    out("")
    out("| pipeline | language | macro-F1 | accuracy | → nlu_fallback | n |")
    out("|---|---|---|---|---|---|")
    for name, preds in predictions.items():
        for bucket in (*LANGS, "all"):
            pairs = [
                (e["intent"], p["intent"] or "none")
                for e, p in zip(examples, preds)
                if bucket in (e["lang"], "all")
            ]
            true, pred = [t for t, _ in pairs], [p for _, p in pairs]
            accuracy = sum(t == p for t, p in pairs) / len(pairs)
            fallback = sum(p == FALLBACK for p in pred) / len(pairs)
            out(
                f"| {name} | {bucket} | {macro_f1(true, pred):.3f} | {accuracy:.3f} | "
                f"{100 * fallback:.1f}% | {len(pairs)} |"
            )
    out("")
    first = next(iter(predictions))
    wrong = [
        (e["lang"], e["intent"], p["intent"], e["text"])
        for e, p in zip(examples, predictions[first])
        if p["intent"] != e["intent"]
    ]
    if wrong:
        out(f"<details><summary>The {len(wrong)} held-out questions {first} gets wrong</summary>")
        out("")
        out("| lang | true | predicted | question |")
        out("|---|---|---|---|")
        for lang, true_intent, predicted, text in sorted(wrong):
            out(f"| {lang} | {true_intent} | {predicted} | {text.replace('|', '/')} |")
        out("")
        out("</details>")
        out("")


Out = Callable[[str], None]


def header_section(out: Out, results: Dict[str, Any], wall_s: float) -> None:
    examples = results["examples"]
    out("# NLU evaluation")
    out("")
    out("Generated by `make nlu-eval` (`.venv/bin/python -m bench.nlu_eval`) — do not edit by hand.")
    out("")
    out(f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")  # noqa: UP017
    out(f"- machine: {machine.describe()}")
    out(
        f"- data: `data/nlu/{{de,fr,en}}/`: {results['n']} intent examples "
        f"({count_by_lang(examples)}), "
        f"{len({e['intent'] for e in examples})} intents"
    )
    out(
        f"- method: {results['k']}-fold cross-validation, folds stratified by (language, intent) "
        f"(seed {SEED}, `bench.stats.stratified_folds`); every pipeline is trained NLU-only with "
        "`rasa.model_training.train_nlu` on the same folds with its full configuration (DIET: 60 "
        "epochs as in config.yml, nothing shortened) and predicts the held-out texts with "
        "`Agent.parse_message`. Macro-F1 is over the intents of that language, computed on the "
        "pooled held-out predictions of all folds (± is the standard deviation across folds)."
    )
    out(f"- wall time of this run: {wall_s / 60:.1f} min (cached folds are not retrained)")
    out("")


def intents_section(out: Out, names: List[str], scores: Dict[str, Any], raw_scores: Dict[str, Any]) -> None:
    out("## Intent classification per language")
    out("")
    out(
        "Predicted intent as the assistant uses it, i.e. after the FallbackClassifier (threshold "
        "0.4, ambiguity 0.05): a held-out question answered with `nlu_fallback` counts as an error."
    )
    out("")
    out(
        "| pipeline | language | macro-F1 | accuracy | → nlu_fallback | macro-F1 before fallback | target ≥ 0.95 |"
    )
    out("|---|---|---|---|---|---|---|")
    for name in names:
        for bucket in (*LANGS, "all"):
            s, r = scores[name][bucket], raw_scores[name][bucket]
            target = ("met" if s["macro_f1"] >= TARGET_MACRO_F1 else "**missed**") if bucket != "all" else ""
            out(
                f"| {name} | {bucket} | {s['macro_f1']:.3f} ± {s['fold_std']:.3f} | {s['accuracy']:.3f} | "
                f"{100 * s['fallback']:.1f}% | {r['macro_f1']:.3f} | {target} |"
            )
    out("")
    out("![intent macro-F1 per language and pipeline](bench/nlu_macro_f1.png)")
    out("")


def pipelines_section(out: Out, results: Dict[str, Any], names: List[str]) -> None:
    out("Pipelines:")
    out("")
    for name in names:
        train_times = [r["train_s"] for r in results["pipelines"][name]["runs"]]
        out(
            f"- **{name}**: {PIPELINE_DOC[name]} ({classifier(pipeline_config(name))}). Training time per fold: "
            f"{sum(train_times) / len(train_times):.0f} s (mean of {len(train_times)})."
        )
    out("")


def lemmas_section(out: Out, scores: Dict[str, Any], k: int, names: List[str]) -> None:
    """ "Do spaCy's lemmas help?", when a pipeline with and one without lemmas were run."""
    pair = ("ours", "no_lemma") if "no_lemma" in names else ("lemma", "ours") if "lemma" in names else None
    if not pair:
        return
    with_lemmas, without_lemmas = pair
    out("### Do spaCy's lemmas help?")
    out("")
    mean_all, t_all = paired_table(out, scores, k, with_lemmas, without_lemmas, "lemmas")
    if t_all > 2.78:
        verdict = (
            f"Lemmas help: {mean_all:+.3f} macro-F1 per fold on average, significant (paired t {t_all:+.1f})."
        )
    elif t_all < -2.78:
        verdict = (
            f"Cross-validation does not show that lemmas help: without them macro-F1 is "
            f"{-mean_all:.3f} higher per fold on average (paired t {t_all:+.1f}). The char "
            "n-gram (2–4) count vectors already see the shared stems of inflected forms "
            "(Städte/Stadt, habitants/habitant); the lookup lemmas add little and merge some "
            "forms that separate intents. So config.yml runs the FactsEntityRuler with "
            "`lemmatize: false` (the entities, which the same spaCy pass produces, do not "
            "change: see below)" + (" — as it does now." if with_lemmas == "lemma" else ".")
        )
    else:
        verdict = (
            f"The difference ({mean_all:+.3f} per fold, paired t {t_all:+.1f}) is not "
            "significant: cross-validation does not show that lemmas help. The char n-gram "
            "(2–4) count vectors already see the shared stems of inflected forms "
            "(Städte/Stadt, habitants/habitant), which is what lemmas add to the word counts."
        )
    out(verdict)
    out("")


def comparisons_section(out: Out, scores: Dict[str, Any], k: int, names: List[str]) -> None:
    """ "Does the concept lexicon help?" and "Does the naive Bayes blend help?", when run."""
    if "no_lexicon" in names:
        paired_section(
            out,
            scores,
            k,
            "ours",
            "no_lexicon",
            "lexicon",
            "the concept lexicon",
            "`data/lexicon/` lists, per concept (greeting, mayor, population, election, ...), the "
            "words and phrases that express it in de, fr and en; the ConceptFeaturizer "
            "(`bot/nlu/concepts.py`) turns them into one feature per concept. The lexicon was "
            "written as vocabulary of the three languages, not copied from the training examples, "
            "and it is the same in every fold (like the facts store's entity patterns): the "
            "cross-validation measures how well the examples generalise given that vocabulary. "
            "Its later rounds were written after reading cross-validation errors, so part of its "
            "gain here may be fitted to this data; the held-out questions below, never read for "
            "the lexicon or the data, are the independent check.",
        )
    if "logreg" in names and classifier(pipeline_config("ours")) == "BlendedIntentClassifier":
        paired_section(
            out,
            scores,
            k,
            "ours",
            "logreg",
            "blend",
            "the naive Bayes blend",
            "Ours blends Rasa's logistic regression with a multinomial naive Bayes on the same "
            "features (`bot/nlu/blend.py`); `logreg` is the regression alone.",
        )


def confusions_section(out: Out, confusions: Dict[str, List[Tuple[str, str, int]]]) -> None:
    out("### Most frequent confusions (ours)")
    out("")
    for lang in LANGS:
        items = ", ".join(f"{t} → {p} ({n})" for t, p, n in confusions[lang]) or "none"
        out(f"- **{lang}** ([confusion matrix](bench/nlu_confusion_{lang}.png)): {items}")
    out("")
    for lang in LANGS:
        out(f"![confusion matrix {lang}](bench/nlu_confusion_{lang}.png)")
        out("")


def entity_table(
    out: Out, shown: Dict[str, List[Dict[str, Any]]], items: List[Tuple[str, Dict[str, Any]]], summary: Dict
) -> Tuple[List[str], List[str]]:
    """The precision/recall table per model and language (F1s into `summary`); returns the
    per-type rows and the wrong sentences of the first model."""
    first_label = next(iter(shown))
    per_type_rows: List[str] = []
    errors: List[str] = []
    out("| model | language | precision | recall | F1 | tp | fp | fn |")
    out("|---|---|---|---|---|---|---|---|")
    for label, predictions in shown.items():
        for bucket in (*LANGS, "all"):
            pairs = [
                (expected_entities(item), p["entities"])
                for (lang, item), p in zip(items, predictions)
                if bucket in (lang, "all")
            ]
            counts = entity_counts(pairs)
            tp = sum(c["tp"] for c in counts.values())
            fp = sum(c["fp"] for c in counts.values())
            fn = sum(c["fn"] for c in counts.values())
            p_, r_, f_ = prf(tp, fp, fn)
            out(f"| {label} | {bucket} | {p_:.3f} | {r_:.3f} | {f_:.3f} | {tp} | {fp} | {fn} |")
            summary.setdefault("entity_f1", {}).setdefault(label, {})[bucket] = f_
            if label == first_label and bucket == "all":
                for etype in sorted(counts):
                    c = counts[etype]
                    pp, rr, ff = prf(c["tp"], c["fp"], c["fn"])
                    per_type_rows.append(
                        f"| {etype} | {pp:.3f} | {rr:.3f} | {ff:.3f} | {c['tp']} | {c['fp']} | {c['fn']} |"
                    )
        if label == first_label:
            errors = entity_errors(items, predictions)
    return per_type_rows, errors


def entity_errors(items: List[Tuple[str, Dict[str, Any]]], predictions: List[Dict[str, Any]]) -> List[str]:
    """Rows of the sentences whose entities differ from the labels: missed, spurious."""
    errors = []
    for (lang, item), p in zip(items, predictions):
        want, got = Counter(expected_entities(item)), Counter(p["entities"])
        if want != got:
            missed = ", ".join(f"{e}={v}" for (e, v) in (want - got).elements())
            extra = ", ".join(f"{e}={v}" for (e, v) in (got - want).elements())
            errors.append(f"| {lang} | {item['text']} | {missed or '–'} | {extra or '–'} |")
    return errors


def entities_section(out: Out, results: Dict[str, Any], summary: Dict[str, Any]) -> None:
    out("## Entities")
    out("")
    entity_set = load_entity_set()
    if not results["entities"]:
        out("No labelled entity set (`tests/data/entities_labelled.yml`) or no model: not scored.")
        return
    n = {lang: len(entity_set[lang]) for lang in LANGS}
    out(
        "The training data has no entity annotations: `city`, `organ`, `project`, `transport` "
        "and `year` come from the rule-based FactsEntityRuler (patterns from the facts store, "
        "plus the store's fuzzy city resolver). So there is nothing to cross-validate; instead "
        "the trained pipeline is scored on the hand-labelled `tests/data/entities_labelled.yml` "
        f"({n['de']} de, {n['fr']} fr, {n['en']} en sentences). An entity counts as found when "
        'its type and canonical value match (a city spelled "Sarrebruck" must come out as '
        "`saarbruecken`)."
    )
    out("")
    items = [(lang, item) for lang in LANGS for item in entity_set[lang]]
    first_label = next(iter(results["entities"]))
    all_predictions = list(results["entities"].values())
    identical = all(p == all_predictions[0] for p in all_predictions)
    shown = dict(list(results["entities"].items())[:1]) if identical else results["entities"]
    per_type_rows, errors = entity_table(out, shown, items, summary)
    if identical and len(all_predictions) > 1:
        out("")
        out(
            "The fold-1 models of the cross-validated pipelines ("
            + ", ".join(label.split(" (")[0] for label in list(results["entities"])[1:])
            + ") find exactly the same entities: the entity extraction is rule-based and does "
            "not depend on the intent classifier, the training split or the lemmas."
        )
    out("")
    out(f"Per entity type ({first_label}, all languages):")
    out("")
    out("| entity | precision | recall | F1 | tp | fp | fn |")
    out("|---|---|---|---|---|---|---|")
    for row in per_type_rows:
        out(row)
    out("")
    if errors:
        out(f"Sentences with a wrong entity ({first_label}):")
        out("")
        out("| lang | sentence | missed | spurious |")
        out("|---|---|---|---|")
        for row in errors:
            out(row)
        out("")


def language_section(out: Out) -> None:
    out("## Language identification")
    out("")
    for line in language_summary():
        out(line)
    out("")


def report(results: Dict[str, Any], wall_s: float) -> str:
    PLOTS.mkdir(parents=True, exist_ok=True)
    names = list(results["pipelines"])
    scores = {name: intent_scores(results, name) for name in names}
    raw_scores = {name: intent_scores(results, name, "raw_intent") for name in names}
    bar_plot(scores, PLOTS / "nlu_macro_f1.png")
    summary = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),  # noqa: UP017
        "k": results["k"],
        "macro_f1": {name: scores[name] for name in names},
    }
    confusions = {
        lang: confusion_plot(results, names[0], lang, PLOTS / f"nlu_confusion_{lang}.png") for lang in LANGS
    }

    lines: List[str] = []
    out = lines.append
    header_section(out, results, wall_s)
    intents_section(out, names, scores, raw_scores)
    pipelines_section(out, results, names)
    lemmas_section(out, scores, results["k"], names)
    comparisons_section(out, scores, results["k"], names)
    holdout_section(out, results)
    confusions_section(out, confusions)
    entities_section(out, results, summary)  # adds the entity F1s to the summary
    (PLOTS / "nlu_scores.json").write_text(json.dumps(summary, indent=1))
    language_section(out)
    return "\n".join(lines) + "\n"


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--pipelines",
        default=None,
        help="comma-separated, from: "
        + ", ".join(PIPELINE_DOC)
        + " (default: ours, the other classifier, no_lemma)",
    )
    parser.add_argument("--fresh", action="store_true", help="ignore cached fold predictions")
    args = parser.parse_args(argv)
    pipelines = [p for p in args.pipelines.split(",") if p] if args.pipelines else default_pipelines()
    unknown = set(pipelines) - set(PIPELINE_DOC)
    if unknown:
        parser.error(f"unknown pipeline(s): {', '.join(sorted(unknown))}")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    # No Rasa training cache: every fold of every pipeline is trained from scratch. Rasa 3.6
    # caches a message's fingerprint once, before our FactsEntityRuler sets the lemmas, so the
    # cache cannot tell the lemma and no-lemma pipelines apart and would reuse one's
    # featurizers and DIET for the other.
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("rasa", "tensorflow", "absl"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    started = time.monotonic()
    results = run(args.folds, pipelines, args.fresh)
    text = report(results, time.monotonic() - started)
    REPORT.write_text(text, encoding="utf-8")
    say(f"wrote {REPORT.relative_to(ROOT)} and {PLOTS.relative_to(ROOT)}/nlu_*.png")
    for line in text.splitlines():
        if re.match(r"\| (ours|logreg|no_lexicon) \| (de|fr|en) \|", line):
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
