"""Words as the NLU components compare them: folded (lower case, no accents) runs of letters."""

from __future__ import annotations

import re
import unicodedata
from typing import List, Set, Text

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: Text) -> Text:
    """Lower case without accents: "Trèves" → "treves", "Größe" → "grosse"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: Text) -> List[Text]:
    """The words (runs of letters) of `text`, folded."""
    return _WORD.findall(fold(text))


def deletions(word: Text) -> Set[Text]:
    """`word` with one letter left out, every way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
