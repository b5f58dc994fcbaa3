"""Two questions in one message: "Qui est le maire de Metz et combien d'habitants a la ville ?"

The channels run each question as its own turn, in the order asked, so both are answered and
the second can lean on the first ("la ville" is Metz). A message is split only where a second
question clearly starts: after a question mark, or at "und" / "et" / "and" followed by a
question word, and only when the two parts ask different kinds of thing ("Ist QuattroPole eine
Behörde? Nach welchem Recht?" asks one thing twice and stays one turn)."""

from __future__ import annotations

import re
from typing import List

from bot.language.kinds import question_of

QUESTION_WORDS = (
    r"wer|wie|was|wann|wo|woher|wohin|welche[rsmn]?|seit|warum|wieso|gibt|ist|sind|hat|kann"
    r"|qui|que|quel|quelle|quels|quelles|combien|quand|o[uù]|comment|pourquoi|est-ce|y a"
    r"|who|what|how|when|where|which|why|is|are|does|do|did|can"
)
_AND_QUESTION = re.compile(rf"[,;]?\s+(?:und|et|and|&)\s+(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
_STARTS_QUESTION = re.compile(rf"(?:{QUESTION_WORDS})\b", re.IGNORECASE)
_AFTER_QUESTION_MARK = re.compile(r"(?<=\?)\s+(?=\S)")
#: a part needs this many words to be a question of its own
MIN_WORDS = 2
MAX_PARTS = 3


def split_questions(text: str) -> List[str]:
    """The questions of `text` in order; `[text]` when it asks one thing."""
    parts = [p for chunk in _AFTER_QUESTION_MARK.split(text) for p in _AND_QUESTION.split(chunk)]
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) < 2 or len(parts) > MAX_PARTS:
        return [text]
    if any(len(p.split()) < MIN_WORDS for p in parts):
        return [text]
    kinds = [question_of(p).kinds for p in parts]
    if not all(k or _STARTS_QUESTION.match(p) for k, p in zip(kinds, parts)):
        return [text]
    mains = [k[0] for k in kinds if k]
    if len(set(mains)) < len(mains):
        return [text]
    return parts
