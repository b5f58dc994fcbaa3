"""Language detection, chat-word lexicon and conversation-language policy (no Rasa here)."""

from bot.language.detect import LANGS, Detection, detect
from bot.language.policy import Decision, decide

__all__ = ["LANGS", "Decision", "Detection", "decide", "detect"]
