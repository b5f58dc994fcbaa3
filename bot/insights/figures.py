"""The report's figures, one function per section, as plain JSON-ready data.

Every count is over the period [since, until): user messages (feedback excluded) and
feedback by their own time stamps, language switches by the slot event's. Days are UTC dates.
A message's language is the conversation's `language` slot after it (or the detector's guess
before the slot is set); `UNDETERMINED` when neither is known.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

import numpy as np

from bot.insights.grouping import group_questions
from bot.insights.privacy import mask
from bot.insights.turns import Conversation, Feedback, Turn
from bot.language import LANGS

UNDETERMINED = "und"  # BCP 47 "undetermined"
REASONS = ("fallback", "unknown", "out_of_scope")
TOP_TOPICS = 15


@dataclass(frozen=True)
class Period:
    since: float
    until: float

    def __contains__(self, timestamp: object) -> bool:
        return isinstance(timestamp, float) and self.since <= timestamp < self.until

    def days(self) -> List[str]:
        first, last = day(self.since), day(self.until - 1e-6)
        count = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
        start = dt.date.fromisoformat(first)
        return [(start + dt.timedelta(days=n)).isoformat() for n in range(count)]


def day(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()


def lang_of(turn: Turn) -> str:
    return turn.language if turn.language in LANGS else UNDETERMINED


def languages(turns: Iterable[Turn]) -> List[str]:
    """The languages to show: always de, fr, en; `und` only when it occurs."""
    seen = {lang_of(turn) for turn in turns}
    return list(LANGS) + ([UNDETERMINED] if UNDETERMINED in seen else [])


def turns_in(conversations: Iterable[Conversation], period: Period) -> List[Turn]:
    return [t for c in conversations for t in c.turns if t.timestamp in period]


def _rate(part: int, whole: int) -> Optional[float]:
    return round(part / whole, 4) if whole else None


# -- sections -------------------------------------------------------------------------------
def totals(conversations: List[Conversation], period: Period) -> Dict[str, Any]:
    turns = turns_in(conversations, period)
    active = [c for c in conversations if any(t.timestamp in period for t in c.turns)]
    by_lang = Counter(lang_of(t) for t in turns)
    return {
        "conversations": len(active),
        "messages": len(turns),
        "messages_by_language": {lang: by_lang[lang] for lang in languages(turns)},
    }


def volume(conversations: List[Conversation], period: Period) -> Dict[str, Any]:
    """Conversations and messages per day and language, and the language switches.

    A conversation counts on each day it has a message, in the language of its first
    message that day, so that the languages of a day add up to its conversations."""
    turns = turns_in(conversations, period)
    langs = languages(turns)
    days = period.days()
    messages = {d: dict.fromkeys(langs, 0) for d in days}
    chats = {d: dict.fromkeys(langs, 0) for d in days}
    for conversation in conversations:
        seen_days = set()
        for turn in conversation.turns:
            if turn.timestamp not in period:
                continue
            d = day(turn.timestamp)
            messages[d][lang_of(turn)] += 1
            if d not in seen_days:
                seen_days.add(d)
                chats[d][lang_of(turn)] += 1
    return {
        "days": days,
        "languages": langs,
        "messages": messages,
        "conversations": chats,
        "language_switches": language_switches(conversations, period),
    }


def language_switches(conversations: List[Conversation], period: Period) -> Dict[str, Any]:
    switches = [(s, c) for c in conversations for s in c.switches if s.timestamp in period]
    pairs = Counter(f"{s.source}→{s.target}" for s, _ in switches)
    per_day = Counter(day(s.timestamp) for s, _ in switches)
    return {
        "total": len(switches),
        "conversations": len({id(c) for _, c in switches}),
        "pairs": dict(pairs.most_common()),
        "by_day": dict(sorted(per_day.items())),
    }


def topics(conversations: List[Conversation], period: Period) -> Dict[str, List[List[Any]]]:
    """The most frequent intents per language, most frequent first (ties by name)."""
    per_lang: Dict[str, Counter] = defaultdict(Counter)
    turns = turns_in(conversations, period)
    for turn in turns:
        per_lang[lang_of(turn)][turn.intent or "?"] += 1
    return {
        lang: [
            [intent, n]
            for intent, n in sorted(per_lang[lang].items(), key=lambda item: (-item[1], item[0]))[:TOP_TOPICS]
        ]
        for lang in languages(turns)
    }


def _unanswered_counts(turns: List[Turn]) -> Dict[str, Any]:
    counts: Dict[str, Any] = {"messages": len(turns)}
    for reason in REASONS:
        counts[reason] = sum(1 for t in turns if reason in t.unanswered)
    counts["fallback_rate"] = _rate(counts["fallback"], len(turns))
    counts["unknown_rate"] = _rate(counts["unknown"], len(turns))
    counts["out_of_scope_rate"] = _rate(counts["out_of_scope"], len(turns))
    return counts


def unanswered(conversations: List[Conversation], period: Period) -> Dict[str, Any]:
    """Fallback, "I don't know" and out-of-scope counts and rates per language and per day,
    and the unanswered questions grouped by similar wording (the to-do list)."""
    turns = turns_in(conversations, period)
    langs = languages(turns)
    by_lang = {lang: _unanswered_counts([t for t in turns if lang_of(t) == lang]) for lang in langs}
    by_day = {}
    for d in period.days():
        of_day = [t for t in turns if day(t.timestamp) == d]
        by_day[d] = {
            "all": _unanswered_counts(of_day),
            **{lang: _unanswered_counts([t for t in of_day if lang_of(t) == lang]) for lang in langs},
        }
    questions = [
        {"text": mask(t.text), "language": lang_of(t), "reasons": t.unanswered} for t in turns if t.unanswered
    ]
    return {
        "all": _unanswered_counts(turns),
        "by_language": by_lang,
        "by_day": by_day,
        "groups": group_questions(questions),
    }


def feedback(conversations: List[Conversation], period: Period) -> List[Dict[str, Any]]:
    """Thumbs up and down per fact with the comments, worst rated first."""
    per_fact: Dict[str, Dict[str, Any]] = {}
    rated: List[Feedback] = [f for c in conversations for f in c.feedback if f.timestamp in period]
    for vote in rated:
        for key in vote.facts or ("",):
            entry = per_fact.setdefault(key, {"fact": key, "up": 0, "down": 0, "comments": []})
            entry[vote.rating] += 1
            entry["comments"] += [
                {"rating": rating, "text": mask(text), "language": vote.language or UNDETERMINED}
                for rating, text in vote.comments
            ]
    return sorted(per_fact.values(), key=lambda e: (e["up"] - e["down"], -e["down"], e["fact"]))


def facts_used(conversations: List[Conversation], period: Period) -> Counter:
    return Counter(key for t in turns_in(conversations, period) for key in t.facts)


def facts_never_used(
    conversations: List[Conversation], period: Period, known_facts: Iterable[str]
) -> List[str]:
    used = facts_used(conversations, period)
    return sorted(key for key in known_facts if key not in used)


def _seconds(values: List[float]) -> Dict[str, Any]:
    if not values:
        return {"n": 0, "median": None, "p95": None}
    array = np.asarray(values, dtype=float)
    return {
        "n": len(values),
        "median": round(float(np.median(array)), 3),
        "p95": round(float(np.percentile(array, 95)), 3),
    }


def reply_time(conversations: List[Conversation], period: Period) -> Dict[str, Any]:
    """Median and 95th percentile of the time from a user message to the first bot message."""
    timed = [(t, t.reply_seconds) for t in turns_in(conversations, period) if t.reply_seconds is not None]
    by_day = {d: _seconds([s for t, s in timed if day(t.timestamp) == d]) for d in period.days()}
    return {"all": _seconds([s for _, s in timed]), "by_day": by_day}


def all_figures(
    conversations: List[Conversation], period: Period, known_facts: Iterable[str]
) -> Dict[str, Any]:
    """Every section, in report order."""
    return {
        "totals": totals(conversations, period),
        "volume": volume(conversations, period),
        "topics": topics(conversations, period),
        "unanswered": unanswered(conversations, period),
        "feedback": feedback(conversations, period),
        "facts_used": dict(facts_used(conversations, period).most_common()),
        "facts_never_used": facts_never_used(conversations, period, known_facts),
        "reply_time": reply_time(conversations, period),
    }
