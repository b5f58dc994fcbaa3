"""Language detection for short chat turns in German, French and English.

langdetect alone is wrong on most chat turns ("Hallo" -> fi, "Merci" -> es, "ok" -> sk): it
guesses among 55 languages from a handful of character n-grams. Here it is restricted to
de/fr/en and combined with the chat words of ``chat_words.yml``; turns without any evidence
("ok", "Metz?", "👍", "2019") are reported as such instead of as a weak guess.

The n-gram part uses langdetect's own profiles and n-gram extraction, but computes the exact
naive-Bayes posterior that langdetect approximates by random sampling: the result is
deterministic without touching any global random state, and safe to call from several threads.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.utils.ngram import NGram

from bot.language.text import LANGS, fold

logger = logging.getLogger(__name__)

CHAT_WORDS_PATH = Path(__file__).with_name("chat_words.yml")

# langdetect's documented way to make its own sampling reproducible; our scorer needs no seed.
DetectorFactory.seed = 0

MAX_CHARS = 1000  # longer messages are cut: the first 1000 characters decide
LEX_WEIGHT = 1.2  # one chat-word weight unit, in nats of log-odds
NGRAM_TEMPERATURE = 2.5  # n-gram log-likelihood per sqrt(n-grams) is divided by this
DECISIVE_MARGIN = 6.0  # chat-word lead (weight units) above which n-grams are skipped
NGRAM_EVIDENCE = 0.9  # restricted n-gram posterior needed without any chat word
MIN_NGRAM_LETTERS = 4  # fewer unknown letters than this are no evidence on their own
OTHER_NGRAM_WORDS = 3  # an unsupported language needs this many words on n-grams alone
OTHER_NGRAM_POSTERIOR = 0.97  # and this posterior in the 55-language model

_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+", re.IGNORECASE)
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_ELISION_RE = re.compile(r"^(c|j|l|d|n|s|m|t|qu|jusqu|lorsqu|puisqu|y)'(.+)$", re.IGNORECASE)
_STRETCHED_RE = re.compile(r"(\w)\1{2,}")  # "merciii", "danke sooo"
_VOWELS = set("aeiouyäöüéèêëàâîïôûùœæ")


#: Message metadata the channels' guard sets on each question of a message it split: the
#: language the whole message was confidently written in (bot.channels.guard).
WHOLE_MESSAGE_KEY = "qp_message_language"
WHOLE_MESSAGE_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Detection:
    """What one message says about its language."""

    language: str | None  # de/fr/en, None if no evidence or an unsupported language
    confidence: float  # 0..1, for `language` (or for `other` when that is set)
    evidence: bool  # False: nothing in the text tells a language ("ok", "Metz?", "👍")
    requested: str | None = None  # language the user explicitly asked for
    other: str | None = None  # ISO code of an unsupported language ("es", "lb")
    words: int = 0  # word tokens in the text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Detection:
        """Rebuild from `as_dict()` output (e.g. Rasa parse data); tolerant of junk."""
        data = data or {}
        language = data.get("language")
        return cls(
            language=language if language in LANGS else None,
            confidence=_as_float(data.get("confidence")),
            evidence=bool(data.get("evidence")),
            requested=data.get("requested") if data.get("requested") in LANGS else None,
            other=data.get("other") if isinstance(data.get("other"), str) else None,
            words=int(_as_float(data.get("words"))),
        )


NO_EVIDENCE = Detection(language=None, confidence=0.0, evidence=False)


def _as_float(value: Any) -> float:
    try:
        result = float(value)
    except (TypeError, ValueError):
        return 0.0
    return result if math.isfinite(result) else 0.0


def _umlaut_variants(word: str) -> Iterable[str]:
    yield word
    if any(ch in word for ch in "äöüß"):
        yield (word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))


def normalize_language(value: Any) -> str | None:
    """'de-DE', 'fr_FR', 'EN', ' en ' -> de/fr/en; anything else -> None."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGS else None


class _ChatWords:
    """chat_words.yml, compiled into lookup tables."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        weights = data["weights"]
        # word -> {lang: weight}; exact lower-case spelling first, folded spelling second
        self.exact: dict[str, dict[str, float]] = {}
        self.folded: dict[str, dict[str, float]] = {}
        for lang, categories in data["languages"].items():
            for category, words in categories.items():
                self._add(lang, words, float(weights[category]), folded=True)
        # Unsupported languages match as written only: folded, Spanish "qué" would be "que".
        for code, words in data["other"].items():
            self._add(code, words, float(weights["other"]), folded=False)
        self.ignored = {fold(w) for w in [*data["neutral"], *data["names"]]}
        self.ignored |= {w.lower() for w in [*data["neutral"], *data["names"]]}

        requests = data["requests"]
        self.lang_names: dict[str, str] = {}
        for lang, names in requests["names"].items():
            for name in names:
                self.lang_names[fold(name)] = lang
        alternation = "|".join(sorted(map(re.escape, self.lang_names), key=len, reverse=True))
        lang_group = f"(?P<lang>{alternation})"
        self.request_patterns = [
            re.compile(pattern.replace("{lang}", lang_group)) for pattern in requests["patterns"]
        ]
        self.blockers = [re.compile(pattern) for pattern in requests["blockers"]]
        self.bare_fillers = {fold(w) for w in requests["bare_fillers"]}

    def _add(self, lang: str, words: Iterable[str], weight: float, folded: bool) -> None:
        for word in words:
            if not isinstance(word, str):  # YAML reads a bare yes/no/on as a boolean
                raise TypeError(f"{CHAT_WORDS_PATH.name}: quote {word!r} in the {lang} list")
            word = word.lower()
            for variant in _umlaut_variants(word):
                self._put(self.exact, variant, lang, weight)
            if folded:
                self._put(self.folded, fold(word), lang, weight)

    @staticmethod
    def _put(table: dict[str, dict[str, float]], word: str, lang: str, weight: float) -> None:
        entry = table.setdefault(word, {})
        entry[lang] = max(entry.get(lang, 0.0), weight)

    def lookup(self, token: str) -> dict[str, float] | None:
        """Exact spelling, then without accents, then with stretched letters shortened."""
        found = self.exact.get(token) or self.folded.get(fold(token))
        if found is None and _STRETCHED_RE.search(token):
            for short in (
                _STRETCHED_RE.sub(r"\1\1", token),
                _STRETCHED_RE.sub(r"\1", token),
            ):
                found = self.exact.get(short) or self.folded.get(fold(short))
                if found:
                    break
        return found


class _NGramModel:
    """langdetect's 55 profiles as a matrix of log(alpha/BASE_FREQ + P(ngram | lang))."""

    def __init__(self) -> None:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        self.langs: list[str] = list(factory.langlist)
        self.index: dict[str, int] = {}
        rows = []
        for i, (gram, probs) in enumerate(factory.word_lang_prob_map.items()):
            self.index[gram] = i
            rows.append(probs)
        weight = 0.5 / 10000  # langdetect's ALPHA_DEFAULT / BASE_FREQ smoothing
        self.log_probs = np.log(np.asarray(rows, dtype=np.float64) + weight)
        self.supported = np.array([self.langs.index(lang) for lang in LANGS])
        self._normalize = NGram.normalize

    def scores(self, text: str) -> tuple[np.ndarray, int] | None:
        """Summed log-likelihood per language (all 55) and the n-gram count, or None."""
        grams = self._extract(text)
        if not grams:
            return None
        return self.log_probs[grams].sum(axis=0), len(grams)

    def _extract(self, text: str) -> list[int]:
        # Same n-grams as langdetect's Detector._extract_ngrams (1..3 chars, no ALL-CAPS words).
        found: list[int] = []
        index = self.index
        grams = " "
        capital = False
        for raw in text:
            ch = self._normalize(raw)
            last = grams[-1]
            if last == " ":
                grams = " "
                capital = False
                if ch == " ":
                    continue
            elif len(grams) >= 3:
                grams = grams[1:]
            grams += ch
            capital = ch.isupper() and last.isupper()
            if capital:
                continue
            for n in (1, 2, 3):
                if len(grams) < n:
                    break
                gram = grams[-n:]
                if gram != " " and gram in index:
                    found.append(index[gram])
        return found


_lock = threading.Lock()
_chat_words: _ChatWords | None = None
_model: _NGramModel | None = None


def _resources() -> tuple[_ChatWords, _NGramModel]:
    global _chat_words, _model
    if _chat_words is None or _model is None:
        with _lock:
            if _chat_words is None:
                with CHAT_WORDS_PATH.open(encoding="utf-8") as handle:
                    _chat_words = _ChatWords(yaml.safe_load(handle))
            if _model is None:
                _model = _NGramModel()
    return _chat_words, _model


def warm_up() -> None:
    """Load the chat words and the profiles now (they are otherwise loaded on first use)."""
    _resources()


def _tokens(text: str) -> list[str]:
    """Word tokens as written (case kept for the n-grams); French elisions split off."""
    tokens: list[str] = []
    for match in _TOKEN_RE.finditer(text.replace("’", "'")):
        token = match.group(0)
        elision = _ELISION_RE.match(token)
        if elision:
            tokens.append(elision.group(1) + "'")
            token = elision.group(2)
        tokens.append(token)
    return tokens


def _is_ignored(chat_words: _ChatWords, token: str) -> bool:
    return token in chat_words.ignored or fold(token) in chat_words.ignored


def _find_request(chat_words: _ChatWords, text: str) -> str | None:
    flat = " ".join(re.sub(r"[^\w' -]+", " ", fold(text)).replace("-", " ").split())
    if not flat:
        return None
    words = flat.split()
    names = [chat_words.lang_names[w] for w in words if w in chat_words.lang_names]
    if not names:
        return None
    rest = [w for w in words if w not in chat_words.lang_names and w not in chat_words.bare_fillers]
    if not rest and len(set(names)) == 1:
        return names[0]
    if any(blocker.search(flat) for blocker in chat_words.blockers):
        return None
    for pattern in chat_words.request_patterns:
        match = pattern.search(flat)
        if match:
            return chat_words.lang_names[match.group("lang")]
    return None


def _softmax(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values())
    exps = {key: math.exp(value - top) for key, value in values.items()}
    total = sum(exps.values())
    return {key: value / total for key, value in exps.items()}


def detect(text: str, metadata: Mapping[str, Any] | None = None) -> Detection:
    """Detect the language of one chat message. Never raises.

    `metadata` may carry a widget's explicit choice (`language_choice`), which is reported
    as `requested` when the text itself asks for nothing.
    """
    try:
        detection = _detect(text if isinstance(text, str) else "", *_resources())
        whole = normalize_language(metadata.get(WHOLE_MESSAGE_KEY)) if isinstance(metadata, Mapping) else None
        if whole and detection.language != whole and not detection.other and not detection.requested:
            # one question of a longer message ("was is quattropole" of "was is quattropole und
            # wie viele städte sind da drin"): the whole message's language, confidently told
            detection = Detection(whole, WHOLE_MESSAGE_CONFIDENCE, True, None, None, detection.words)
        choice = None
        if isinstance(metadata, Mapping):
            choice = normalize_language(metadata.get("language_choice"))
        if choice and not detection.requested:
            detection = Detection(**{**detection.as_dict(), "requested": choice})
        return detection
    except Exception:  # a detector must never break the conversation
        logger.exception("language detection failed")
        return NO_EVIDENCE


def _detect(text: str, chat_words: _ChatWords, model: _NGramModel) -> Detection:
    text = text[:MAX_CHARS]
    if text.lstrip().startswith("/"):  # a button payload such as /switch_language{...}
        return NO_EVIDENCE
    text = _URL_RE.sub(" ", text)
    tokens = _tokens(text)
    if not tokens:
        return NO_EVIDENCE
    requested = _find_request(chat_words, text)

    lex = {lang: 0.0 for lang in LANGS}
    other_lex: dict[str, float] = {}
    unknown: list[str] = []
    for token in tokens:
        if _is_ignored(chat_words, token):
            continue
        hit = chat_words.lookup(token.lower())
        if hit is None:
            if len(token) >= 2 and any(ch in _VOWELS for ch in fold(token)):
                unknown.append(token)
            continue
        for lang, weight in hit.items():
            if lang in lex:
                lex[lang] += weight
            else:
                other_lex[lang] = other_lex.get(lang, 0.0) + weight
    words = len(tokens)

    ranked = sorted(LANGS, key=lambda lang: -lex[lang])
    lex_margin = lex[ranked[0]] - lex[ranked[-1]]
    best_other = max(other_lex, key=lambda code: (other_lex[code], code), default=None)
    other_score = other_lex.get(best_other, 0.0) if best_other else 0.0

    # Unsupported language from its own chat words ("Hola", "Moien", "Merci villmools"); on a
    # tie the rarer language wins: "merci" is also Luxembourgish, "villmools" is nothing else.
    if best_other and other_score >= lex[ranked[0]]:
        confidence = other_score / (other_score + lex[ranked[0]] + 1.0)
        return Detection(None, round(confidence, 4), True, requested, best_other, words)

    decisive = lex[ranked[0]] - lex[ranked[1]] >= DECISIVE_MARGIN
    kept = [token for token in tokens if not _is_ignored(chat_words, token)]
    scored = None if decisive else model.scores(" ".join(kept))

    totals = {lang: LEX_WEIGHT * lex[lang] for lang in LANGS}
    ngram_posterior: dict[str, float] | None = None
    if scored is not None:
        loglik, count = scored
        supported = {lang: float(loglik[i]) for lang, i in zip(LANGS, model.supported)}
        scale = NGRAM_TEMPERATURE * math.sqrt(count)
        ngram_posterior = _softmax(supported)  # what restricted langdetect would say
        for lang in LANGS:
            totals[lang] += supported[lang] / scale

        # Unsupported language from n-grams alone: a sentence with no de/fr/en word in it.
        if lex_margin == 0 and words >= OTHER_NGRAM_WORDS:
            full = _softmax(
                {lang: float(value) / math.sqrt(count) for lang, value in zip(model.langs, loglik)}
            )
            top = max(full, key=lambda lang: (full[lang], lang))
            if top not in LANGS and full[top] >= OTHER_NGRAM_POSTERIOR:
                return Detection(None, round(full[top], 4), True, requested, top, words)

    posterior = _softmax(totals)
    language = max(LANGS, key=lambda lang: (posterior[lang], -LANGS.index(lang)))
    if lex_margin > 0:
        evidence = True
    else:
        letters = sum(len(token) for token in unknown)
        evidence = (
            ngram_posterior is not None
            and letters >= MIN_NGRAM_LETTERS
            and ngram_posterior[language] >= NGRAM_EVIDENCE
        )
    if not evidence:
        return Detection(None, 0.0, False, requested, None, words)
    return Detection(language, round(posterior[language], 4), True, requested, None, words)
