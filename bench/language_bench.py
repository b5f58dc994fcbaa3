"""Language-detection benchmark: raw langdetect vs. restricted langdetect vs. lingua vs. ours.

Run: ``.venv/bin/python -m bench.language_bench``. Writes ``docs/language_benchmark.md`` and
exits non-zero when a target is missed (targets below). Not a timed test: run it by hand or
from ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.language import LANGS, decide, detect

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "language_labelled.yml"
REPORT = ROOT / "docs" / "language_benchmark.md"
BUCKETS = ("single_word", "two_three_words", "sentence", "chat_turn")

TARGET_SENTENCE = 0.995
TARGET_SHORT_EVIDENCE = 0.97
REPEATS = 100
TARGET_MEDIAN_MS = 1.0
OURS = "ours (bot.language.detect)"

Detector = Callable[[str], "str | None"]
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def load() -> dict:
    with DATA.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def langdetect_detectors() -> dict[str, Detector]:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    full = DetectorFactory()
    full.load_profile(PROFILES_DIRECTORY)
    restricted = DetectorFactory()
    restricted.load_json_profile(
        [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in LANGS]
    )

    def run(factory: DetectorFactory) -> Detector:
        def detect_one(text: str) -> str | None:
            try:
                detector = factory.create()
                detector.append(text)
                return detector.detect()
            except LangDetectException:
                return None

        return detect_one

    return {
        "langdetect (55 languages)": run(full),
        "langdetect (de/fr/en)": run(restricted),
    }


def lingua_detector() -> tuple[Detector | None, str]:
    try:
        import lingua
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None, "not installed"
    detector = LanguageDetectorBuilder.from_languages(
        Language.GERMAN, Language.FRENCH, Language.ENGLISH
    ).build()
    codes = {Language.GERMAN: "de", Language.FRENCH: "fr", Language.ENGLISH: "en"}

    def detect_one(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return codes.get(found) if found is not None else None

    version = getattr(lingua, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("lingua-language-detector")
    return detect_one, f"lingua {version} (de/fr/en)"


def ours(text: str) -> str | None:
    detection = detect(text)
    return detection.language if detection.evidence else None


def pct(hits: int, total: int) -> str:
    return f"{100.0 * hits / total:.1f}% ({hits}/{total})" if total else "–"


@dataclass
class Corpus:
    """The labelled turns (language, bucket, text), the turns without evidence, the turns in
    unsupported languages (code, text)."""

    labelled: list[tuple[str, str, str]]
    no_evidence: list[str]
    others: list[tuple[str, str]]

    @classmethod
    def from_data(cls, data: dict) -> Corpus:
        return cls(
            labelled=[
                (lang, bucket, text)
                for lang, buckets in data["labelled"].items()
                for bucket, texts in buckets.items()
                for text in texts
            ],
            no_evidence=[str(text) for text in data["no_evidence"]],
            others=[(code, text) for code, texts in data["other"].items() for text in texts],
        )

    def texts(self) -> list[str]:
        return [t for _, _, t in self.labelled] + self.no_evidence + [t for _, t in self.others]


@dataclass
class Checks:
    """What the targets are checked on, measured for our detector."""

    sentence_rows: list[int]
    short_rows: list[int]
    sentence_hits: int
    short_hits: int
    stable: bool
    flagged_evidence: list[str]
    policy_breaks: list[tuple]
    other_hits: int
    other_rows: list[tuple[str, str, str | None, str | None]]
    other_keeps: bool
    median_ms: float
    p95_ms: float

    @property
    def sentence_acc(self) -> float:
        return self.sentence_hits / len(self.sentence_rows)

    @property
    def short_acc(self) -> float:
        return self.short_hits / len(self.short_rows)


def all_detectors() -> tuple[dict[str, Detector], str]:
    """The compared detectors, ours last, and lingua's name (or why it is missing)."""
    detectors: dict[str, Detector] = langdetect_detectors()
    lingua_detect, lingua_name = lingua_detector()
    if lingua_detect is not None:
        detectors[lingua_name] = lingua_detect
    detectors[OURS] = ours
    return detectors, lingua_name


def policy_breaks(no_evidence: list[str]) -> list[tuple]:
    """No-evidence turns never change the conversation language."""
    breaks = []
    for text in no_evidence:
        detection = detect(text)
        for current in LANGS:
            for explicit in (False, True):
                for hint in (None, *LANGS):
                    decision = decide(current, explicit, detection, hint=hint)
                    if decision.language != current or decision.explicit != explicit:
                        breaks.append((text, current, explicit, hint))
        if decide(None, False, detection).notice != "choose":
            breaks.append((text, None, False, None))
    return breaks


def unsupported(others: list[tuple[str, str]]) -> tuple[int, list, bool]:
    """Unsupported languages: how many recognised, the rows, and whether the language stays."""
    other_hits = 0
    other_rows = []
    other_keeps = True
    for code, text in others:
        detection = detect(text)
        other_hits += detection.other == code
        other_rows.append((code, text, detection.other, detection.language))
        for current in LANGS:
            decision = decide(current, False, detection)
            if decision.language != current or decision.notice is None:
                other_keeps = False
    return other_hits, other_rows, other_keeps


def timing(texts: list[str]) -> tuple[float, float]:
    """Median and p95 ms of our detect(), each message timed on its own (lexicon and profiles loaded)."""
    timings: list[float] = []
    for _ in range(5):
        for text in texts:
            start = time.perf_counter_ns()
            detect(text)
            timings.append((time.perf_counter_ns() - start) / 1e6)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


def check(corpus: Corpus, ours_preds: list[str | None]) -> Checks:
    labelled = corpus.labelled
    sentence_rows = [i for i, (_, b, _) in enumerate(labelled) if b == "sentence"]
    short_rows = [i for i, (_, _, t) in enumerate(labelled) if 1 <= word_count(t) <= 3]
    texts = corpus.texts()
    first = [detect(t) for t in texts]
    stable = all([detect(t) for t in texts] == first for _ in range(REPEATS - 1))
    other_hits, other_rows, other_keeps = unsupported(corpus.others)
    median_ms, p95_ms = timing(texts)
    return Checks(
        sentence_rows=sentence_rows,
        short_rows=short_rows,
        sentence_hits=sum(ours_preds[i] == labelled[i][0] for i in sentence_rows),
        short_hits=sum(ours_preds[i] == labelled[i][0] for i in short_rows),
        stable=stable,
        flagged_evidence=[t for t in corpus.no_evidence if detect(t).evidence],
        policy_breaks=policy_breaks(corpus.no_evidence),
        other_hits=other_hits,
        other_rows=other_rows,
        other_keeps=other_keeps,
        median_ms=median_ms,
        p95_ms=p95_ms,
    )


# -- the report, one function per section -------------------------------------------------------
def header_section(corpus: Corpus, lingua_name: str, now: dt.datetime) -> list[str]:
    return [
        "# Language detection benchmark",
        "",
        "Generated by `.venv/bin/python -m bench.language_bench` — do not edit by hand.",
        "",
        f"- date: {now.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {platform.node() or '?'} · {platform.machine()} · {os.cpu_count()} cores · "
        f"{platform.platform()}",
        f"- python {platform.python_version()}; lingua: {lingua_name}",
        f"- data: `{DATA.relative_to(ROOT)}`: {len(corpus.labelled)} labelled turns, "
        f"{len(corpus.no_evidence)} without evidence, {len(corpus.others)} in unsupported languages",
        "",
    ]


def accuracy_section(labelled: list[tuple[str, str, str]], predictions: dict[str, list]) -> list[str]:
    """Accuracy per bucket x language for each detector."""
    header = "| detector | bucket | " + " | ".join(LANGS) + " | all |"
    lines = ["## Accuracy per bucket and language", "", header, "|" + "---|" * (header.count("|") - 1)]
    for name, preds in predictions.items():
        for bucket in (*BUCKETS, "all"):
            cells = []
            hits_all = total_all = 0
            for lang in LANGS:
                rows = [
                    i
                    for i, (l_, b, _) in enumerate(labelled)
                    if l_ == lang and (bucket == "all" or b == bucket)
                ]
                hits = sum(preds[i] == lang for i in rows)
                cells.append(pct(hits, len(rows)))
                hits_all += hits
                total_all += len(rows)
            lines.append(f"| {name} | {bucket} | " + " | ".join(cells) + f" | {pct(hits_all, total_all)} |")
    lines.append("")
    return lines


def short_turns_section(
    labelled: list[tuple[str, str, str]], predictions: dict[str, list], short_rows: list[int]
) -> list[str]:
    lines = ["## Short turns (1–3 words) carrying evidence", "", "| detector | accuracy |", "|---|---|"]
    for name, preds in predictions.items():
        hits = sum(preds[i] == labelled[i][0] for i in short_rows)
        lines.append(f"| {name} | {pct(hits, len(short_rows))} |")
    lines.append("")
    return lines


def targets_section(checks: Checks, no_evidence: list[str], others: list) -> tuple[list[str], list[str]]:
    """The targets table for our detector, and the names of the targets missed."""
    lines = ["## Targets (ours)", "", "| target | required | measured | met |", "|---|---|---|---|"]
    failures: list[str] = []

    def target(name: str, required: str, measured: str, met: bool) -> None:
        lines.append(f"| {name} | {required} | {measured} | {'yes' if met else '**NO**'} |")
        if not met:
            failures.append(name)

    target(
        "sentences",
        f"≥ {TARGET_SENTENCE:.1%}",
        pct(checks.sentence_hits, len(checks.sentence_rows)),
        checks.sentence_acc >= TARGET_SENTENCE,
    )
    target(
        "1–3-word turns with evidence",
        f"≥ {TARGET_SHORT_EVIDENCE:.0%}",
        pct(checks.short_hits, len(checks.short_rows)),
        checks.short_acc >= TARGET_SHORT_EVIDENCE,
    )
    target(f"same answer on {REPEATS} runs", "all", "all" if checks.stable else "differs", checks.stable)
    target(
        "no-evidence turns flagged as such",
        "all",
        pct(len(no_evidence) - len(checks.flagged_evidence), len(no_evidence)),
        not checks.flagged_evidence,
    )
    target(
        "no-evidence turns never change the language",
        "0 changes",
        f"{len(checks.policy_breaks)} changes",
        not checks.policy_breaks,
    )
    target(
        "median time per message",
        f"< {TARGET_MEDIAN_MS} ms",
        f"{checks.median_ms:.3f} ms",
        checks.median_ms < TARGET_MEDIAN_MS,
    )
    lines.append(f"| p95 time per message | (report) | {checks.p95_ms:.3f} ms | – |")
    lines.append(
        f"| unsupported languages recognised | (report) | {pct(checks.other_hits, len(others))} | – |"
    )
    lines.append(
        f"| unsupported language keeps the conversation language | (report) | "
        f"{'yes' if checks.other_keeps else 'no'} | – |"
    )
    lines.append("")
    return lines, failures


def misses_section(
    labelled: list[tuple[str, str, str]], ours_preds: list[str | None], flagged_evidence: list[str]
) -> list[str]:
    misses = [
        (lang, bucket, text, ours_preds[i])
        for i, (lang, bucket, text) in enumerate(labelled)
        if ours_preds[i] != lang
    ]
    lines = ["## Our misses", ""]
    if misses:
        lines += ["| label | bucket | text | ours |", "|---|---|---|---|"]
        for lang, bucket, text, got in misses:
            lines.append(f"| {lang} | {bucket} | {text} | {got or 'no evidence'} |")
    else:
        lines.append("None.")
    lines.append("")
    if flagged_evidence:
        lines += ["No-evidence turns reported with evidence: " + ", ".join(flagged_evidence), ""]
    return lines


def unsupported_section(other_rows: list[tuple[str, str, str | None, str | None]]) -> list[str]:
    lines = [
        "## Unsupported languages (ours)",
        "",
        "| label | text | other | language |",
        "|---|---|---|---|",
    ]
    for code, text, got, language in other_rows:
        lines.append(f"| {code} | {text} | {got or '–'} | {language or '–'} |")
    lines.append("")
    return lines


def main() -> int:
    corpus = Corpus.from_data(load())
    detectors, lingua_name = all_detectors()
    predictions = {name: [fn(text) for _, _, text in corpus.labelled] for name, fn in detectors.items()}
    now = dt.datetime.now(dt.timezone.utc)  # noqa: UP017 (3.10)
    checks = check(corpus, predictions[OURS])
    targets, failures = targets_section(checks, corpus.no_evidence, corpus.others)
    lines = [
        *header_section(corpus, lingua_name, now),
        *accuracy_section(corpus.labelled, predictions),
        *short_turns_section(corpus.labelled, predictions, checks.short_rows),
        *targets,
        *misses_section(corpus.labelled, predictions[OURS], checks.flagged_evidence),
        *unsupported_section(checks.other_rows),
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    summary = (
        f"sentences {checks.sentence_acc:.1%}, short evidence {checks.short_acc:.1%}, "
        f"deterministic {checks.stable}, no-evidence changes {len(checks.policy_breaks)}, "
        f"median {checks.median_ms:.3f} ms, p95 {checks.p95_ms:.3f} ms; lingua: {lingua_name}"
    )
    print(summary)
    print(f"report: {REPORT.relative_to(ROOT)}")
    if failures:
        print("targets missed: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
