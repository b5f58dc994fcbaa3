"""What every part of the assistant knows about its languages: the codes, how text is folded
for comparison, and the parse-data key the NLU stores its language detection under.

A fourth language starts here (docs/architecture.md, "Adding a language").
"""

from __future__ import annotations

import re
import unicodedata

#: The assistant's languages, in the order replies, facts and reports list them.
LANGS: tuple[str, ...] = ("de", "fr", "en")

#: Parse-data key of `Detection.as_dict()` (set by bot.nlu.language_detector.LanguageDetector,
#: read by the language decision, the channels' guard and the insights report).
DETECTION_KEY = "language_detection"

_LIGATURES = {"ß": "ss", "’": "'", "œ": "oe", "æ": "ae"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def strip_accents(text: str) -> str:
    """Accents off, case kept ("Trèves" → "Treves", "Größe" → "Grosse"); ß becomes ss."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ß", "ss")


def fold(text: str) -> str:
    """How people type without a German or French keyboard: lower case, no accents, ß as ss,
    œ/æ as oe/ae, ’ as ' ("Trèves" → "treves", "Größe" → "grosse", "cœur" → "coeur")."""
    text = text.casefold()
    for letter, plain in _LIGATURES.items():
        text = text.replace(letter, plain)
    return strip_accents(text)


def words(text: str) -> list[str]:
    """The words (runs of letters) of `text`, folded."""
    return _WORD.findall(fold(text))


def deletions(word: str) -> set[str]:
    """`word` with one letter left out, every way (for one-letter typos)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
