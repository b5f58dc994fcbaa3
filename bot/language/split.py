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
    r"|qui|que|quel|quelle|quels|quelles|combien|quand|o[uù]|comment|pourquoi|est-ce|est ce|y a"
    r"|c quoi|c'est quoi|c est quoi|cest quoi|quoi|c qui|c'est qui|c est qui|cest qui|c koi|koi|c ou|c quand"
    r"|who|what|how|when|where|which|why|is|are|does|do|did|can|since when|until when|depuis quand"
    r"|whos|who's|whats|what's|wheres|where's|hows|how's|wer's|was's"
    # "cb" is texting for "combien"; "c'est où", "c'est quand": "le prix c'est quoi et c'est où"
    r"|cb|cbn|c'est o[uù]|c est o[uù]|cest o[uù]|c'est quand|c est quand|c'est combien|c est combien"
    # a German yes-no question starts with its verb: "... und brauche ich einen Termin?"
    r"|brauch|brauche|braucht|muss|soll|darf|gilt|gelten|gibts|gibt's|need|should|could|will"
)
#: a question word after a preposition: "... und in welchen Bereichen?", "and in which year?"
_PREPOSITION = r"(?:(?:in|im|an|am|auf|für|mit|von|seit|bis|à|a|au|dans|en|pour|de|depuis|on|at|for|from|with|since|until)\s+)?"
_AND_QUESTION = re.compile(
    rf"[,;]?\s+(?:und|et|and|&)\s+(?={_PREPOSITION}(?:{QUESTION_WORDS})\b)", re.IGNORECASE
)
_STARTS_QUESTION = re.compile(rf"(?:{QUESTION_WORDS})\b", re.IGNORECASE)
_AFTER_QUESTION_MARK = re.compile(r"(?<=\?)\s+(?=\S)")
#: The message metadata that marks the second or third question of one message (its index); a
#: part whose whole answer the part before already gave says nothing (actions.common).
PART_KEY = "qp_part"
#: a part needs this many words to be a question of its own
MIN_WORDS = 2
MAX_PARTS = 3


_AND = re.compile(r"[,;]?\s+(?:und|et|and)\s+", re.IGNORECASE)
#: without a question word, a clause after "und" / "et" / "and" needs this many words and a
#: kind of its own ("... et il gagne combien ?", "... und wie viele davon sind Grenzgänger")
CLAUSE_WORDS = 3


#: a second question typed after a comma, with no "and": "where is the office, what are the
#: opening hours"
_COMMA_QUESTION = re.compile(rf"(?:\s*[,;]\s+|\s+-\s+)(?=(?:{QUESTION_WORDS})\b)", re.IGNORECASE)
#: a second question typed with no mark at all starts with a question word and its verb, which
#: a relative clause does not ("wie viele einwohner hat trier wer ist der oberbürgermeister",
#: "qui est le maire de metz combien d habitants"); not "qui est …" after a noun ("le maire qui
#: est aussi président"), unless an article follows
_BARE_QUESTION = re.compile(
    r"\s+(?=(?:wer (?:ist|war|sind)|wie viele|wie viel|wie lange|wie weit|wann (?:ist|war|wurde|hat)"
    r"|wo (?:ist|liegt|sitzt|finde)|was kostet|seit wann|bis wann"
    r"|combien|quand (?:est|a|ont)|c'?est (?:qui|quand|o[uù]|combien)|c est (?:qui|quand|o[uù]|combien)"
    r"|quel(?:le)?s? (?:est|sont)|o[uù] (?:est|se trouve)|qui (?:est|sont|etait) (?:le|la|les)"
    r"|who(?:'s|s| is| was| are)|how (?:many|much|long|far)|when (?:is|was|did)|where(?:'s|s| is| are)"
    r"|what(?:'s|s| is| are))\b)",
    re.IGNORECASE,
)


def _different(left: str, right: str) -> bool:
    """Two clauses that each ask a different kind of thing (or count different things)."""
    a, b = question_of(left), question_of(right)
    return bool(a.kinds and b.kinds and (a.kind != b.kind or (a.counted and b.counted != a.counted)))


def _split_clauses(chunk: str) -> List[str]:
    """Split at "and" followed by a question word, or between two clauses that each ask a
    different kind of thing (or count different things): after "and", after a comma, or where
    a question word and its verb start a second question."""
    parts = _AND_QUESTION.split(chunk)
    if len(parts) > 1:
        return parts
    for match in _AND.finditer(chunk):
        left, right = chunk[: match.start()], chunk[match.end() :]
        if len(left.split()) < CLAUSE_WORDS or len(right.split()) < CLAUSE_WORDS - 1:
            continue
        if _different(left, right):
            return [left, right]
    for splitter in (_COMMA_QUESTION, _BARE_QUESTION):
        for match in splitter.finditer(chunk):
            left, right = chunk[: match.start()], chunk[match.end() :]
            if len(left.split()) < CLAUSE_WORDS or len(right.split()) < MIN_WORDS:
                continue
            if _STARTS_QUESTION.match(right) and _different(left, right):
                return [left, *_split_clauses(right)]
    return [chunk]


#: Question words that ask wherever they stand ("et on parle quelle langue à Luxembourg"); not
#: French "ou" (or), which is mostly not "où".
_ASKING_ANYWHERE = re.compile(
    r"\b(?:quel|quelle|quels|quelles|combien|où|quand|comment|pourquoi|qui|welche[rsmn]?|wie|wo|wann"
    r"|warum|wer|which|what|how|when|where|why|who|cb)\b",
    re.IGNORECASE,
)


#: "… together? and in Trier alone?": a place after "and", asked of what came before
_AND_PLACE = re.compile(
    r"^(?:and|und|et)\s+(?:in|im|à|a|au|en|for|für|pour|from|von|de|aus)\s+\w", re.IGNORECASE
)


#: French asks at the end too: "le prix robert schuman c'est quoi"
_ASKS_AT_THE_END = re.compile(
    r"\b(?:c'?\s?est|cest|c) (?:quoi|koi|qui|o[uù]|quand|combien)\s*[?!.]*\s*$", re.IGNORECASE
)


def _asks(part: str, after_mark: bool) -> bool:
    """A part asks a question of its own: it starts with a question word or names a place after
    "and" ("und in Trier?", "and in Trier alone?"); or it is a clause of CLAUSE_WORDS words or
    more that ends with a question mark ("brauch ich nen termin?") or a French question ("le
    prix c'est quoi"), or, after a question mark, has a question word anywhere ("… ? il faut
    un interprète ?")."""
    if _STARTS_QUESTION.match(_LEADING_AND.sub("", part)) or _AND_PLACE.match(part):
        return True  # "und in Trier? seit wann ist der da?": the place asks too
    last = re.split(r"[.!:]\s+", part.strip())[-1]
    if last != part.strip() and len(last.split()) >= MIN_WORDS and _STARTS_QUESTION.match(last):
        return True  # "my guidebook says the president is Leibe. Is that still right, and ..."
    if len(part.split()) < CLAUSE_WORDS:
        return False
    if part.rstrip().endswith("?") or _ASKS_AT_THE_END.search(
        part
    ):  # "brauch ich nen termin? und was kostet der"
        return True
    return after_mark and bool(_ASKING_ANYWHERE.search(part))


def is_question(text: str) -> bool:
    """True when `text` reads as a question: a question mark, or a question word first."""
    return "?" in text or bool(_STARTS_QUESTION.match(text.strip()))


_COURTESY = (
    r"(?:vielen\s+(?:lieben\s+)?dank|danke(?:\s*(?:schön|schoen|sehr|dir|ihnen))?|merci(?:\s+(?:beaucoup|bien))?"
    r"|je\s+vous\s+remercie|je\s+te\s+remercie|many\s+thanks"
    r"|thank\s+you(?:\s+very\s+much)?|thanks(?:\s+a\s+lot)?|thx|ty|okay|ok|super|prima|perfekt|parfait|perfect|great|cool|top"
    r"|klasse|toll|alles\s+klar|d'accord|génial|genial|nice|awesome|got\s+it|ach\s+so|ah"
    # a greeting before a question: "cc c qui lydie polfer", "hallo, wer ist Präsident?"
    r"|hallo|hello|hi|hey|salut|slt|bonjour|bonsoir|coucou|cc|moin|servus|moien|yo"
    r"|guten\s+(?:tag|morgen|abend)|gr(?:ü|ue|u)(?:ß|ss)\s+gott|good\s+(?:morning|afternoon|evening))"
)
_LEADING_COURTESY = re.compile(
    rf"^\s*{_COURTESY}(?:[\s,.!;:]+{_COURTESY})*\s*[,.!;:]*\s+(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL
)
_LEADING_AND = re.compile(r"^(?:und|et|and)\s+", re.IGNORECASE)
#: what goes on after a courtesy: "und ...", or a trip's end ("ok merci. depuis luxembourg")
_CONTINUES = re.compile(
    r"(?:und|et|and|aber|mais|but|also|alors|so|depuis|von|ab|aus|from|nach|vers)\b", re.IGNORECASE
)


def strip_courtesy(text: str) -> str:
    """ "super danke. und von metz nach luxemburg?" -> "und von metz nach luxemburg?": a thanks,
    an "ok" or a greeting before a question is not what the message asks (the NLU would answer
    the thanks or the greeting alone). The text is unchanged when nothing but the courtesy
    follows ("merci beaucoup, c'est gentil") or the words start a sentence of their own
    ("merci de me dire ...")."""
    match = _LEADING_COURTESY.match(text)
    if not match:
        return text
    rest = match.group("rest").strip()
    if len(rest.split()) < MIN_WORDS or not (is_question(rest) or _CONTINUES.match(rest)):
        return text
    return rest


#: where a clause may end before another: ":", ",", ".", ";" or "!" and a space
_CLAUSE_END = re.compile(r"\s*[:.,;!]\s+")


def _with_remarks_joined(parts: List[str]) -> List[str]:
    """ "wer hat 2019 gewonnen und kann ich mich bewerben? mach so elektro zeug": a remark after
    a question, which asks nothing, belongs to that question and does not undo the split."""
    joined: List[str] = []
    for part in parts:
        asked = question_of(part)
        remark = (
            joined
            and joined[-1].endswith("?")
            and not part.endswith("?")
            and not asked.kinds
            and not asked.relation
            and not _asks(part, after_mark=True)
        )
        if remark:
            joined[-1] = f"{joined[-1]} {part}"
        else:
            joined.append(part)
    return joined


def split_questions(text: str) -> List[str]:
    """The questions of `text` in order; `[text]` when it asks one thing. A request for another
    language before a question ("jetzt bitte wieder auf deutsch: wann wurde das gegründet?")
    is a part of its own, so the question is answered in that language."""
    for mark in list(_CLAUSE_END.finditer(text))[:3]:
        first, rest = text[: mark.start()].strip(), text[mark.end() :].strip()
        if len(rest.split()) >= MIN_WORDS and "?" not in first and is_question(rest):
            from bot.language.detect import detect

            if detect(first).requested and not detect(rest).requested:
                return [first, *split_questions(rest)]
    parts = [p for chunk in _AFTER_QUESTION_MARK.split(text) for p in _split_clauses(chunk)]
    parts = _with_remarks_joined([p.strip() for p in parts if p.strip()])
    if len(parts) < 2 or len(parts) > MAX_PARTS:
        return [text]
    if any(len(re.findall(r"\w+", p)) < MIN_WORDS for p in parts):
        return [text]  # "c'était où et quand ?": one question of two kinds, not "quand ?" alone
    questions = [question_of(p) for p in parts]
    # "und davor? bis wann war Polfer Präsidentin?": a relation asks too
    if not all(
        q.kinds or q.relation or _asks(p, after_mark=i > 0 and parts[i - 1].endswith("?"))
        for i, (q, p) in enumerate(zip(questions, parts))
    ):
        return [text]
    # "who is the president and who was before?" asks two things: one who, one relation
    # (of another role: "qui est maire de Metz maintenant ? et qui préside QuattroPole ?")
    mains = [(q.kind, q.counted, q.relation, q.roles) for q in questions if q.kinds]
    if len(set(mains)) < len(mains):
        return [text]
    return parts
