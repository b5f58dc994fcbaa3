"""Words as the NLU components compare them: folded (lower case, no accents) runs of letters."""

from __future__ import annotations

import re
import unicodedata
from typing import List, Text

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def fold(text: Text) -> Text:
    """Lower case without accents: "Trèves" → "treves", "Größe" → "grosse"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: Text) -> List[Text]:
    """The words (runs of letters) of `text`, folded."""
    return _WORD.findall(fold(text))
