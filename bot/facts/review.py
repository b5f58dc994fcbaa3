"""What staff should re-check in the facts store, as of a given day (``make facts-review``).

A report, never a gate: the calendar moving on must not make a test or CI fail, so nothing
here raises; it lists.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional

from bot.facts import clock
from bot.facts.store import FactsStore

# Facts about the network's own bodies, people in office and official figures should cite
# an official page (the network, a city, a government, a statistics office).
OFFICIAL_EXPECTED = (
    "network.*",
    "governance.*",
    "office.*",
    "city.*.mayor",
    "city.*.population",
    "greater_region.*",
)
DEFAULT_MAX_AGE_YEARS = 3


@dataclass
class Review:
    today: str
    max_age_years: int
    past_review: List[Dict[str, Any]] = field(default_factory=list)
    past_events: List[Dict[str, Any]] = field(default_factory=list)
    old_sources: List[Dict[str, Any]] = field(default_factory=list)
    press_where_official_expected: List[Dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)

    def summary(self) -> Dict[str, int]:
        return {
            "past_review": len(self.past_review),
            "past_events": len(self.past_events),
            "old_sources": len(self.old_sources),
            "press_where_official_expected": len(self.press_where_official_expected),
        }


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def review(
    store: FactsStore, today: Optional[dt.date] = None, max_age_years: int = DEFAULT_MAX_AGE_YEARS
) -> Review:
    """Facts past their review date, past events, old sources, press-only official topics."""
    day = today or clock.today()
    report = Review(today=day.isoformat(), max_age_years=max_age_years)
    for key in store.keys():
        fact = store.fact(key)
        assert fact is not None
        if fact.review_by is not None and fact.review_by.last_day() < day:
            report.past_review.append({"key": key, "review_by": str(fact.review_by)})
        if fact.is_past(day):
            report.past_events.append(
                {"key": key, "event": str(fact.event), "has_past_tense": fact.text_after is not None}
            )
        if any(fnmatch.fnmatchcase(key, pattern) for pattern in OFFICIAL_EXPECTED):
            sources = store.fact_sources(key)
            if sources and not any(s.kind == "official" for s in sources):
                report.press_where_official_expected.append(
                    {"key": key, "sources": [s.label for s in sources]}
                )
    limit = _years_before(day, max_age_years)
    for source_id, source in store.sources.items():
        if source.date is not None and source.date.last_day() < limit:
            report.old_sources.append(
                {"id": source_id, "label": source.label, "date": str(source.date), "url": source.url}
            )
    return report


def format_text(report: Review) -> str:
    """The report for a terminal: one section per check, one line per item."""
    lines = [f"Facts review as of {report.today}"]
    sections = [
        (
            "Facts past their review date",
            report.past_review,
            lambda i: f"{i['key']} (review by {i['review_by']})",
        ),
        (
            "Past events",
            report.past_events,
            lambda i: (
                f"{i['key']} ({i['event']})"
                + ("" if i["has_past_tense"] else " [no text_after: its text must be in the past tense]")
            ),
        ),
        (
            f"Sources older than {report.max_age_years} years",
            report.old_sources,
            lambda i: f"{i['id']}: {i['label']} ({i['date']})",
        ),
        (
            "Press only where an official source is expected",
            report.press_where_official_expected,
            lambda i: f"{i['key']}: {', '.join(i['sources'])}",
        ),
    ]
    for title, items, fmt in sections:
        lines.append("")
        lines.append(f"{title}: {len(items)}")
        lines.extend(f"  - {fmt(item)}" for item in items)
    return "\n".join(lines)
