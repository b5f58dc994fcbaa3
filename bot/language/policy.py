"""Conversation-level language policy: which language the bot answers in after a message.

Keep the current language unless the message is confidently in another one. A language that no
message has yet confirmed (it came from a channel hint, a one-word "president?" or a nonsense
first turn) is not kept against the next message that tells a language. An explicit request
("auf Deutsch", "in English please", a language button, a widget's choice) switches and sticks,
and only whole sentences with strong evidence leave an explicit choice. Channel hints (page
language, Telegram ``language_code``) seed the first turn only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.language.detect import Detection, normalize_language
from bot.language.text import LANGS

# Leaving a language the conversation drifted into needs a confident sentence ...
SWITCH_CONFIDENCE = 0.9
SWITCH_WORDS = 3
# ... leaving a language the user asked for needs more.
STICKY_CONFIDENCE = 0.98
STICKY_WORDS = 5
# On the first turn the user's own words beat a channel hint when at least this confident.
FIRST_TURN_CONFIDENCE = 0.6
# The language of a first turn in an unsupported language when nothing else is known.
FALLBACK = "en"
LUXEMBOURGISH_FALLBACK = "de"
# Once the conversation has a language, a Luxembourgish message this long or longer gets the
# notice that the assistant understands only Luxembourgish greetings; a shorter one is a courtesy.
LUXEMBOURGISH_SENTENCE = 4

NOTICES = (None, "unsupported", "luxembourgish", "choose")


@dataclass(frozen=True)
class Decision:
    """The conversation language after one message, and what to tell the user about it."""

    language: str | None  # de/fr/en; None only with notice "choose"
    explicit: bool  # the user chose it explicitly (sticky)
    changed: bool  # differs from the language before this message
    notice: str | None = None  # one of NOTICES
    other: str | None = None  # the unsupported language seen ("es", "lb")
    # With an explicit choice: the language the user was writing in when they made it. Sentences
    # in that language keep the choice ("Can you answer in French?" then English questions).
    writes: str | None = None
    # A message confidently in `language` has been seen (SWITCH_CONFIDENCE): only then do short
    # turns in another language leave it unchanged.
    settled: bool = False


def decide(
    current: str | None,
    explicit: bool,
    detection: Detection | Mapping[str, Any],
    hint: str | None = None,
    choice: str | None = None,
    writes: str | None = None,
    settled: bool = True,
) -> Decision:
    """Decide the conversation language after one user message.

    `current`/`explicit`: the language slot and whether the user chose it. `detection`: the
    message's `Detection` (or its `as_dict()`). `hint`: a channel's language (first turn only,
    e.g. "de-DE"). `choice`: an explicit choice outside the text (button entity, widget).
    `writes`: with an explicit choice, the language the user wrote in when making it.
    `settled`: an earlier message confirmed `current` (Decision.settled); when not, a message
    in another language switches as a first turn would.
    """
    if not isinstance(detection, Detection):
        detection = Detection.from_dict(detection if isinstance(detection, Mapping) else None)
    current = normalize_language(current)
    explicit = bool(explicit) and current is not None
    hint = normalize_language(hint)
    requested = normalize_language(choice) or detection.requested

    writes = normalize_language(writes) if explicit else None

    def result(
        language: str | None,
        is_explicit: bool,
        notice: str | None = None,
        written: str | None = None,
    ) -> Decision:
        is_explicit = is_explicit and language is not None
        confirmed = (
            language is not None
            and detection.evidence
            and detection.language == language
            and detection.confidence >= SWITCH_CONFIDENCE
        )
        return Decision(
            language=language,
            explicit=is_explicit,
            changed=language != current,
            notice=notice,
            other=detection.other,
            writes=(written or writes) if is_explicit else None,
            settled=confirmed or (settled and language == current and current is not None),
        )

    if requested:
        # A bare language name ("English", a language button) says nothing about the language
        # the user writes in: that stays the one they were using.
        written = detection.language if detection.evidence and detection.words > 1 else None
        return result(requested, True, written=written or current or requested)

    if detection.other == "lb":
        # "merci! gudd nuecht" in a German conversation is a goodbye: answered in German,
        # without telling again how little Luxembourgish the assistant understands
        said = current is None or detection.words >= LUXEMBOURGISH_SENTENCE
        return result(current or hint or LUXEMBOURGISH_FALLBACK, explicit, "luxembourgish" if said else None)
    if detection.other:
        return result(current or hint or FALLBACK, explicit, "unsupported")

    language = detection.language if detection.evidence else None
    if language not in LANGS:
        if current or hint:
            return result(current or hint, explicit)
        return result(None, False, "choose")

    if current is None:
        if hint and language != hint and detection.confidence < FIRST_TURN_CONFIDENCE:
            return result(hint, False)
        return result(language, False)

    if language == current or (explicit and language == writes):
        return result(current, explicit)
    if not explicit and not settled and detection.confidence >= FIRST_TURN_CONFIDENCE:
        # "president?" made it English; "c'est qui le maire de Metz" makes it French
        return result(language, False)
    confidence, words = (STICKY_CONFIDENCE, STICKY_WORDS) if explicit else (SWITCH_CONFIDENCE, SWITCH_WORDS)
    if detection.confidence >= confidence and detection.words >= words:
        return result(language, False)
    return result(current, explicit)
