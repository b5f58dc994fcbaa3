"""Every response speaks German, French and English; every intent is trained in all three."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("de", "fr", "en")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
BUILT_IN = {"nlu_fallback"}  # predicted by the FallbackClassifier, not trained
PAYLOAD_ONLY = {"feedback"}  # sent by the web chat as `/feedback`, never typed


def _language_of(variation: dict) -> str | None:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return condition.get("value")
    return None


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_every_response_has_each_language_and_a_neutral_default(name: str) -> None:
    variations = DOMAIN["responses"][name]
    languages = Counter(_language_of(v) for v in variations)
    for lang in LANGS:
        assert languages[lang] >= 1, f"{name} has no '{lang}' variation"
    assert languages[None] == 1, f"{name} needs exactly one language-neutral default"
    for variation in variations:
        assert variation.get("text", "").strip(), f"{name} has an empty variation"
        # A channel-only variation would beat every language variation (see STYLE.md).
        if variation.get("channel"):
            assert _language_of(variation), f"{name}: channel variation without a language"


def test_response_placeholders_match_across_languages() -> None:
    import re

    for name, variations in DOMAIN["responses"].items():
        placeholders = {_language_of(v): set(re.findall(r"{(\w+)}", v["text"])) for v in variations}
        assert placeholders["de"] == placeholders["fr"] == placeholders["en"], name


def _examples(lang: str) -> Counter:
    counts: Counter = Counter()
    for path in sorted((ROOT / "data" / "nlu" / lang).glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                counts[block["intent"]] += sum(
                    1 for line in block["examples"].splitlines() if line.strip().startswith("- ")
                )
    return counts


@pytest.mark.parametrize("lang", LANGS)
def test_every_intent_has_at_least_ten_examples_in_each_language(lang: str) -> None:
    counts = _examples(lang)
    intents = set(DOMAIN["intents"]) - BUILT_IN - PAYLOAD_ONLY
    missing = {i: counts.get(i, 0) for i in intents if counts.get(i, 0) < 10}
    assert not missing, f"{lang}: too few examples: {missing}"
    unknown = set(counts) - intents
    assert not unknown, f"{lang}: examples for intents not in the domain: {unknown}"
