"""Language detection, chat words and conversation-language policy (no Rasa here); the
language codes, text folding and parse-data keys every other part imports (bot.language.text)."""

from bot.language.detect import Detection, detect
from bot.language.policy import Decision, decide
from bot.language.text import DETECTION_KEY, LANGS, fold

__all__ = ["DETECTION_KEY", "LANGS", "Decision", "Detection", "decide", "detect", "fold"]
