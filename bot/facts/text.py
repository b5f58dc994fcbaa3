"""Spelling-insensitive text keys and token variants.

Users write "Saarbrücken", "Saarbruecken" or "Saarbrucken", "Trèves" or "Treves". ``name_key``
maps all of them to one key so lookups compare like with like; ``spellings`` produces the
lower-cased surface forms the spaCy patterns must list, since ``LOWER`` keeps the accents.
"""

from __future__ import annotations

import re

from bot.language.text import fold, strip_accents

_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_NON_WORD = re.compile(r"[^\w]+")
_SPLIT = re.compile(r"([\-'’])")


def transliterate(text: str) -> str:
    """German transliteration: ü -> ue, ä -> ae, ö -> oe, ß -> ss (then other accents off)."""
    return strip_accents("".join(_TRANSLIT.get(ch, ch) for ch in text))


def name_key(text: str) -> str:
    """Comparison key of a name: folded (`bot.language.fold`), ue/ae/oe as u/a/o,
    punctuation as one space."""
    key = fold(text)
    for digraph, vowel in _DIGRAPHS:
        key = key.replace(digraph, vowel)
    return " ".join(_NON_WORD.sub(" ", key).split())


def spellings(text: str) -> set[str]:
    """Lower-cased forms of ``text``: as written, without accents and transliterated."""
    lowered = text.strip().lower()
    return {lowered, strip_accents(lowered), transliterate(lowered)}


def token_variants(text: str) -> list[list[str]]:
    """Token sequences spaCy may produce for ``text`` in de/fr/en.

    The tokenizers disagree on hyphens and elisions ("Luxembourg-Ville" is one token in
    German, three in French and English; "d'Art" is one or two), so both forms are listed.
    """
    words = text.split()
    joined = list(words)
    split: list[str] = []
    for word in words:
        parts = [p for p in _SPLIT.split(word) if p]
        # glue elision apostrophes to the left part ("d'" + "art"), keep hyphens apart
        merged: list[str] = []
        for part in parts:
            if part in ("'", "’") and merged:
                merged[-1] += part
            else:
                merged.append(part)
        split.extend(merged)
    variants = [joined]
    if split != joined:
        variants.append(split)
    return variants
