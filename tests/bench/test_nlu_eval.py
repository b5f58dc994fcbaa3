"""bench.nlu_eval: the pipelines it compares and the held-out question set it scores."""

from __future__ import annotations

import yaml

from bench import nlu_eval


def _names(config):
    return [step["name"] for step in config["pipeline"]]


def test_the_lexicon_comparison_differs_from_ours_only_in_the_concept_featurizer():
    ours, without = nlu_eval.pipeline_config("ours"), nlu_eval.pipeline_config("no_lexicon")
    assert "bot.nlu.concepts.ConceptFeaturizer" in _names(ours)
    assert [n for n in _names(ours) if not n.endswith("ConceptFeaturizer")] == _names(without)
    assert "no_lexicon" in nlu_eval.default_pipelines()


def test_the_held_out_questions_are_not_training_examples_and_use_domain_intents():
    held = nlu_eval.load_holdout()
    examples = nlu_eval.load_examples()
    training = {e["text"].casefold().strip() for e in examples}
    domain = yaml.safe_load((nlu_eval.ROOT / "domain.yml").read_text())
    intents = set(domain["intents"]) - {"nlu_fallback"}
    intents &= {e["intent"] for e in examples}  # payload-only (feedback) has none
    for lang in nlu_eval.LANGS:
        mine = [e for e in held if e["lang"] == lang]
        assert len(mine) >= 150
        assert {e["intent"] for e in mine} == intents  # every intent, no unknown one
    assert [e["text"] for e in held if e["text"].casefold().strip() in training] == []
