"""End-to-end dialogue evaluation over REST (issue 13): does the assistant answer what was asked?

Run: ``make eval-dialogue`` (or ``.venv/bin/python -m bench.dialogue_eval``). It

1. loads the conversations of ``tests/data/dialogue_eval/{de,fr,en}.yml`` (format in their
   header; written apart from the training data, see tests/bench/test_dialogue_eval.py);
2. starts the assistant as ``make run`` does (``bot.runtime.stack.Stack`` on free ports, a
   temporary SQLite database, ``models/quattropole.tar.gz``) with ``QP_TODAY=2026-12-06`` in
   its environment, so "current", "next" and "last" are judged against a fixed day whatever
   the calendar says; or talks to a running server given with ``--url`` (start that one with
   the same ``QP_TODAY`` for comparable results);
3. plays every conversation with a fresh sender id, one POST to ``/webhooks/rest/webhook`` per
   user turn, and checks each turn's bot texts (`check_turn`);
4. writes ``docs/dialogue_evaluation.md`` (score per language x category, every failing case)
   and ``docs/bench/dialogue_eval.json`` with the same figures.

A conversation passes when all its turns pass. The exit code is 0 whenever the run completes,
whatever the score; non-zero only when the run itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

import yaml

from bot.language import LANGS, detect, fold
from tests.helpers import free_port, post_json

ROOT = Path(__file__).resolve().parent.parent
from bot.runtime.stack import MODEL, Stack  # noqa: E402

DATA = ROOT / "tests" / "data" / "dialogue_eval"
REPORT = ROOT / "docs" / "dialogue_evaluation.md"
RESULTS = ROOT / "docs" / "bench" / "dialogue_eval.json"
COMMAND = "make eval-dialogue"
TODAY = "2026-12-06"  # QP_TODAY for the servers this runner starts
WORKERS = 3  # conversations in flight at once (each has its own sender id)
REQUEST_TIMEOUT = 60.0

CATEGORIES = (
    "kinds_known",
    "kinds_missing",
    "follow_up",
    "pending",
    "two_part",
    "precise",
    "about_bot",
    "city_service",
    "unknown",
)

#: `unknown: true` is met when the reply contains one of these (folded: lower case, no accents).
UNKNOWN_PHRASES: Dict[str, Sequence[str]] = {
    "de": (
        "habe ich nicht",
        "hab ich nicht",
        "habe ich leider nicht",
        "habe ich keine",
        "keine gesicherte",
        "weiss ich nicht",
        "weiss ich leider nicht",
        "keine angaben",
        "keine information",
        "leider nicht",
        "leider keine",
        "leider nichts",
        "nicht bekannt",
        "kann ich nicht sagen",
        "kann ich nichts sagen",
        "kenne ich nicht",
        "liegen mir nicht",
        "liegt mir nicht",
        "keine daten",
        "kann ich nicht helfen",
        "kann ich nicht beantworten",
        "wissen wir nicht",
        "kennen wir nicht",
        "haben wir nicht",
        "nicht gesichert",
        "steht in meinen quellen nicht",
    ),
    "fr": (
        "je n'ai pas",
        "je ne sais pas",
        "pas d'information",
        "je ne connais pas",
        "je n'en ai pas",
        "je n'ai aucune",
        "aucune information",
        "pas de donnees",
        "je ne peux pas",
        "ne peux malheureusement pas",
        "nous n'avons pas",
        "nous ne connaissons pas",
        "nous ne savons pas",
        "pas en mesure",
        "n'est pas connu",
        "je n'ai malheureusement pas",
        "pas d'indication",
        "ne dispose pas",
        "je ne le sais pas",
        "ne le disent pas",
    ),
    "en": (
        "i don't have",
        "i do not have",
        "i don't know",
        "i do not know",
        "no information",
        "not know",
        "don't know",
        "can't help",
        "cannot help",
        "can't tell",
        "cannot tell",
        "we have no",
        "i have no",
        "no reliable",
        "not available",
        "no data",
        "isn't something i",
        "not something i",
        "sources don't say",
    ),
}
#: "I did not understand" is not "I do not know": removed before the phrases above are looked
#: for, so a request to rephrase never counts as an honest "not known"; and a turn that expects
#: an answer fails when the reply asks to rephrase.
NOT_AN_ANSWER: Dict[str, Sequence[str]] = {
    "de": ("nicht verstanden",),
    "fr": ("je n'ai pas bien compris", "je n'ai pas compris", "pas compris"),
    "en": ("didn't understand", "did not understand", "didn't get that"),
}
#: The reply-language check only judges replies with this many words and this confidence.
MIN_LANGUAGE_WORDS = 5
MIN_LANGUAGE_CONFIDENCE = 0.8

_THOUSANDS = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")


# -- the checker ------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """Fold case and accents (bot.language's fold), unify digit grouping and whitespace.

    "137.696", "137 696" and "137,696" all become "137696", so a number is written once.
    """
    return _SPACES.sub(" ", _THOUSANDS.sub("", fold(text))).strip()


def position(text: str, phrase: str) -> int:
    """Where `phrase` first occurs in the normalised `text` as whole words, or -1.

    Whole words: "Gros" is not found in "Grosdidier".
    """
    found = re.search(r"(?<!\w)" + re.escape(normalize(phrase)) + r"(?!\w)", text)
    return found.start() if found else -1


def contains(text: str, phrase: str) -> bool:
    return position(text, phrase) >= 0


def in_order(text: str, items: Sequence[Any]) -> bool:
    """The `all` items first appear in the given order (two questions answered in turn)."""
    starts = [
        min((p for p in (position(text, alt) for alt in alternatives(item)) if p >= 0), default=-1)
        for item in items
    ]
    found = [start for start in starts if start >= 0]
    return found == sorted(found)


def alternatives(item: Any) -> List[str]:
    """An `all`/`none` item: a phrase, or a list of alternative phrases."""
    return [str(x) for x in item] if isinstance(item, list) else [str(item)]


def asks_to_rephrase(text: str, lang: str) -> bool:
    return any(phrase in text for phrase in NOT_AN_ANSWER.get(lang, ()))


def says_unknown(text: str, lang: str) -> bool:
    for phrase in NOT_AN_ANSWER.get(lang, ()):
        text = text.replace(phrase, " ")
    return any(phrase in text for phrase in UNKNOWN_PHRASES.get(lang, ()))


#: A reply's source line ("Quelle: Ville de Metz – metz.fr") and a service's address line
#: ("Hier: Luxembourg City Tourist Office – lcto.lu") name an organisation in its own
#: language; they do not tell the reply's language.
CITATION_LINE = re.compile(r"^(?:Quelle|Source|Sources|Quellen|Hier|Ici|Here)\s?:.*$", re.MULTILINE)


def without_citations(text: str) -> str:
    return CITATION_LINE.sub(" ", text)


def reply_language(text: str) -> Optional[str]:
    """The reply's language, or None when it is too short or ambiguous to judge.

    bot.language.detect drops URLs and e-mail addresses itself before it looks at the words.
    """
    detection = detect(text)
    if not detection.evidence or detection.words < MIN_LANGUAGE_WORDS:
        return None
    return detection.language if detection.confidence >= MIN_LANGUAGE_CONFIDENCE else None


def check_turn(replies: Sequence[str], expect: Dict[str, Any] | None, lang: str) -> List[str]:
    """What is wrong with one turn's bot texts (empty: the turn passes)."""
    expect = expect or {}
    raw = "\n".join(r for r in replies if r and r.strip())
    if not raw:
        return ["no reply text"]
    text = normalize(raw)
    failures = [
        "missing: " + " | ".join(alts)
        for alts in map(alternatives, expect.get("all") or [])
        if not any(contains(text, alt) for alt in alts)
    ]
    failures += [
        f"must not say: {phrase}"
        for item in expect.get("none") or []
        for phrase in alternatives(item)
        if contains(text, phrase)
    ]
    if expect.get("ordered") and not in_order(text, expect.get("all") or []):
        failures.append("answers not in the order asked")
    wanted_lang = expect.get("lang") or lang
    if (expect.get("all") or expect.get("unknown")) and asks_to_rephrase(text, wanted_lang):
        # its examples name cities and topics, which must not count as the answer
        failures.append("asks to rephrase instead of answering")
    if "unknown" in expect and expect["unknown"] != says_unknown(text, wanted_lang):
        failures.append("should say it does not know" if expect["unknown"] else "says it does not know")
    found = reply_language(without_citations(raw))
    if found is not None and found != wanted_lang:
        failures.append(f"reply in {found}, expected {wanted_lang}")
    return failures


def repetitions(replies: Sequence[str], previous: Optional["TurnResult"], user: str) -> List[str]:
    """Issue 13: no message is sent twice, and no reply repeats the previous one word for word
    unless the user repeated the question."""
    texts = [normalize(r) for r in replies if r and r.strip()]
    failures = ["sends the same message twice"] if len(set(texts)) < len(texts) else []
    if (
        previous is not None
        and texts
        and texts == [normalize(r) for r in previous.replies]
        and normalize(user) != normalize(previous.user)
    ):
        failures.append("repeats the previous reply")
    return failures


# -- the set ----------------------------------------------------------------------------------
def load_set(
    folder: Path = DATA, langs: Sequence[str] = LANGS, categories: Sequence[str] = CATEGORIES
) -> List[Dict[str, Any]]:
    """The conversations of `folder`/<lang>.yml, each with its `lang` added."""
    conversations = []
    for lang in langs:
        data = yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8")) or {}
        conversations += [
            {**conv, "lang": lang}
            for conv in data.get("conversations") or []
            if conv.get("category") in categories
        ]
    return conversations


# -- playing the conversations ----------------------------------------------------------------
@dataclass
class TurnResult:
    user: str
    replies: List[str]
    failures: List[str]


@dataclass
class ConversationResult:
    id: str
    lang: str
    category: str
    note: str
    turns: List[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not turn.failures for turn in self.turns)


def rest_sender(url: str) -> Callable[[str, str], List[str]]:
    """A function (sender, message) -> the bot's texts, over Rasa's REST channel at `url`."""
    webhook = url.rstrip("/") + "/webhooks/rest/webhook"

    def send(sender: str, message: str) -> List[str]:
        answer = post_json(webhook, {"sender": sender, "message": message}, REQUEST_TIMEOUT)
        return [m["text"] for m in answer if isinstance(m, dict) and m.get("text")]

    return send


def play(send: Callable[[str, str], List[str]], conv: Dict[str, Any]) -> ConversationResult:
    result = ConversationResult(conv["id"], conv["lang"], conv["category"], conv.get("note", ""))
    sender = f"eval-{conv['id']}-{uuid.uuid4().hex[:8]}"
    for turn in conv["turns"]:
        try:
            replies = send(sender, turn["user"])
        except Exception as error:  # a broken turn is a failing turn, not a broken run
            replies, failures = [], [f"request failed: {error}"]
        else:
            failures = check_turn(replies, turn.get("expect"), conv["lang"])
            failures += repetitions(replies, result.turns[-1] if result.turns else None, turn["user"])
        result.turns.append(TurnResult(turn["user"], replies, failures))
    return result


def play_all(
    send: Callable[[str, str], List[str]], conversations: List[Dict[str, Any]], workers: int = WORKERS
) -> List[ConversationResult]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda conv: play(send, conv), conversations))


@contextlib.contextmanager
def started_stack() -> Iterator[str]:
    """The assistant on free ports with a throw-away database and QP_TODAY; yields its URL."""
    if not MODEL.exists():
        raise SystemExit("No trained model: run `make train` first (make eval-dialogue does).")
    with tempfile.TemporaryDirectory(prefix="dialogue-eval-") as tmp:
        ports = dict(rasa_port=free_port(31005), actions_port=free_port(31055), web_port=free_port(31080))
        with Stack(**ports, db=Path(tmp) / "conversations.db", env={"QP_TODAY": TODAY}) as stack:
            yield f"http://localhost:{stack.rasa_port}"


# -- figures and report -----------------------------------------------------------------------
def scores(results: List[ConversationResult]) -> Dict[str, Any]:
    """Passing conversations per language x category, per language, per category and overall."""
    cells: Dict[str, Dict[str, List[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for result in results:
        for lang in (result.lang, "all"):
            for category in (result.category, "all"):
                cells[lang][category][0] += result.passed
                cells[lang][category][1] += 1
    turns = [turn for result in results for turn in result.turns]
    return {
        "conversations": len(results),
        "passed": sum(r.passed for r in results),
        "turns": len(turns),
        "turns_passed": sum(not turn.failures for turn in turns),
        "cells": {
            lang: {cat: {"passed": p, "total": t} for cat, (p, t) in row.items()}
            for lang, row in cells.items()
        },
    }


def rate(passed: int, total: int) -> str:
    return f"{100.0 * passed / total:.0f}% ({passed}/{total})" if total else "–"


def header_section(figures: Dict[str, Any], meta: Dict[str, Any]) -> List[str]:
    return [
        "# End-to-end dialogue evaluation",
        "",
        f"Generated by `{meta['command']}` (`python -m bench.dialogue_eval`): do not edit by hand.",
        "Issue 13's benchmark: conversations written the way citizens type, played over REST; "
        "each turn is checked for the facts that must appear and the neighbouring answers that "
        "must not (format and categories: `tests/data/dialogue_eval/`).",
        "",
        f"- date: {meta['date']}",
        f"- command: `{meta['command']}`",
        f"- server: {meta['server']}; `QP_TODAY={meta['today']}`",
        f"- conversations: {rate(figures['passed'], figures['conversations'])} pass "
        "(a conversation passes when all its turns pass)",
        f"- turns: {rate(figures['turns_passed'], figures['turns'])} pass",
        f"- wall time: {meta['wall_s']:.0f} s",
        "",
    ]


def table_section(figures: Dict[str, Any], langs: Sequence[str], categories: Sequence[str]) -> List[str]:
    cells = figures["cells"]
    columns = [lang for lang in langs if lang in cells] + ["all"]
    lines = [
        "## Pass rate per language and category",
        "",
        "| category | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for category in [c for c in categories if c in cells.get("all", {})] + ["all"]:
        row = [cells.get(lang, {}).get(category) for lang in columns]
        lines.append(
            f"| {category} | " + " | ".join(rate(c["passed"], c["total"]) if c else "–" for c in row) + " |"
        )
    return lines + [""]


def failures_section(results: List[ConversationResult]) -> List[str]:
    failing = [r for r in results if not r.passed]
    lines = [f"## Failing conversations ({len(failing)})", ""]
    for result in failing:
        note = f": {result.note}" if result.note else ""
        lines += [f"### {result.id} ({result.lang}, {result.category}){note}", ""]
        for turn in result.turns:
            verdict = "; ".join(turn.failures) if turn.failures else "ok"
            lines.append(f"- **user:** {turn.user}  ")
            for reply in turn.replies or ["(nothing)"]:
                lines.append("  **bot:** " + reply.replace("\n", " ⏎ ") + "  ")
            lines.append(f"  **check:** {verdict}")
        lines.append("")
    return lines


def write_outputs(
    results: List[ConversationResult],
    meta: Dict[str, Any],
    report: Path,
    langs: Sequence[str],
    categories: Sequence[str],
) -> Dict[str, Any]:
    figures = scores(results)
    lines = (
        header_section(figures, meta) + table_section(figures, langs, categories) + failures_section(results)
    )
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines), encoding="utf-8")
    data = {
        **meta,
        **figures,
        "failing": [
            {
                "id": r.id,
                "lang": r.lang,
                "category": r.category,
                "turns": [{"user": t.user, "failures": t.failures} for t in r.turns],
            }
            for r in results
            if not r.passed
        ],
    }
    json_path = RESULTS if report == REPORT else report.with_suffix(".json")
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return figures


def command_line(argv: Sequence[str]) -> str:
    return COMMAND + (f" EVAL_ARGS='{' '.join(argv)}'" if argv else "")


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--category", nargs="+", choices=CATEGORIES, default=list(CATEGORIES))
    parser.add_argument(
        "--url",
        help="a running Rasa server (e.g. http://localhost:5005); default: start one with QP_TODAY set",
    )
    parser.add_argument(
        "--out", type=Path, default=REPORT, help="report path; the JSON goes next to it (default docs/...)"
    )
    parser.add_argument("--workers", type=int, default=WORKERS)
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    conversations = load_set(DATA, args.lang, args.category)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        url = args.url or stack.enter_context(started_stack())
        print(f"Playing {len(conversations)} conversations against {url} ...", flush=True)
        results = play_all(rest_sender(url), conversations, args.workers)
    meta = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),  # noqa: UP017
        "command": command_line(sys.argv[1:] if argv is None else argv),
        "server": args.url or "started by the runner (models/quattropole.tar.gz)",
        "today": TODAY if not args.url else "(as the running server was started)",
        "wall_s": time.monotonic() - started,
    }
    figures = write_outputs(results, meta, args.out, args.lang, args.category)
    print(f"{rate(figures['passed'], figures['conversations'])} conversations pass; report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
