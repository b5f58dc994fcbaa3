"""Building the insights report: figures from the stored events, then the HTML and the JSON.

`build` returns the figures (what the JSON holds); `render_html` lays them out with the
words of `labels.yml` in the chosen language and the plots embedded as PNG data URIs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional

import jinja2
import yaml

from bot.insights import plots
from bot.insights.figures import LANGS, Period, all_figures
from bot.insights.source import read_events
from bot.insights.turns import parse_conversation
from bot.language.format import format_number

HERE = Path(__file__).resolve().parent
TOP_GROUPS = 5


@functools.lru_cache(maxsize=None)
def labels(lang: str) -> Mapping[str, Any]:
    """The report's words in `lang` (de, fr or en)."""
    every = yaml.safe_load((HERE / "labels.yml").read_text(encoding="utf-8"))
    if lang not in every:
        raise ValueError(f"no report language {lang!r}; expected one of {', '.join(every)}")
    return every[lang]


def build(
    url: str,
    period: Period,
    known_facts: Iterable[str],
    retention_days: float,
    generated: Optional[dt.datetime] = None,
) -> Dict[str, Any]:
    """The report's figures for the conversations stored at `url` in `period`."""
    conversations = [
        parse_conversation(events) for events in read_events(url, period.since, period.until).values()
    ]
    known = list(known_facts)
    generated = generated or dt.datetime.now(dt.timezone.utc)
    return {
        "period": {"since": _iso(period.since), "until": _iso(period.until)},
        "generated": generated.isoformat(timespec="seconds"),
        "store": url.split(":", 1)[0].split("+", 1)[0],
        "retention_days": retention_days,
        "facts_total": len(known),
        **all_figures(conversations, period, known),
    }


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isoformat(timespec="seconds")


def render_html(report: Dict[str, Any], lang: str) -> str:
    """The self-contained HTML page for `report` in `lang`."""
    words = labels(lang)
    number = functools.partial(format_number, lang=lang)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
    )
    template = env.get_template("report.html.j2")
    worst = [entry for entry in report["feedback"] if entry["down"] > entry["up"]]
    return template.render(
        lang=lang,
        t=words,
        f=report,
        period={
            "since_text": report["period"]["since"][:16].replace("T", " "),
            "until_text": report["period"]["until"][:16].replace("T", " "),
        },
        generated=report["generated"][:10],
        store=report["store"],
        retention_days=report["retention_days"],
        facts_total=report["facts_total"],
        top_groups=report["unanswered"]["groups"][:TOP_GROUPS],
        worst=worst,
        plots=_plots(report, words),
        num=lambda n: number(n),
        pct=lambda rate: "–" if rate is None else number(rate * 100, decimals=1) + " %",
        sec=lambda s: "–" if s is None else number(s, decimals=2),
    )


def _plots(report: Dict[str, Any], words: Mapping[str, Any]) -> Dict[str, str]:
    return {
        "messages": plots.messages_per_day(report["volume"], words),
        "conversations": plots.conversations_per_day(report["volume"], words),
        "rates": plots.unanswered_rates(report["unanswered"]["by_day"], words),
        "reply": plots.reply_times(report["reply_time"]["by_day"], words),
    }


def write(report: Dict[str, Any], lang: str, out_dir: Path) -> Dict[str, Path]:
    """reports/insights.html and reports/insights.json (the same figures)."""
    if lang not in LANGS:
        raise ValueError(f"no report language {lang!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    html, data = out_dir / "insights.html", out_dir / "insights.json"
    html.write_text(render_html(report, lang), encoding="utf-8")
    data.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"html": html, "json": data}
