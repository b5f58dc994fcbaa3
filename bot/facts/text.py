"""Spelling-insensitive text keys and token variants.

Users write "Saarbrücken", "Saarbruecken" or "Saarbrucken", "Trèves" or "Treves". ``fold``
maps all of them to one key so lookups compare like with like; ``spellings`` produces the
lower-cased surface forms the spaCy patterns must list, since ``LOWER`` keeps the accents.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_NON_WORD = re.compile(r"[^\w]+")
_SPLIT = re.compile(r"([\-'’])")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def transliterate(text: str) -> str:
    """German transliteration: ü -> ue, ä -> ae, ö -> oe, ß -> ss (then other accents off)."""
    return strip_accents("".join(_TRANSLIT.get(ch, ch) for ch in text))


def fold(text: str) -> str:
    """Comparison key: lower case, no accents, ue/ae/oe as u/a/o, punctuation as one space."""
    key = strip_accents(text.casefold())
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
