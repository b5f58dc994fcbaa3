"""The report's plots: matplotlib (Agg, no display) rendered to PNG data URIs.

Each plot has its numbers in a table next to it in the report; the plots are for the shape.
Colours are the Okabe-Ito palette (distinguishable with colour-vision deficiencies).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from typing import Any, Dict, List, Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from bot.language import LANGS  # noqa: E402

#: Colour-blind-safe colours (Okabe-Ito), one per language of LANGS in order.
LANG_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
COLOURS = {
    **dict(zip(LANGS, LANG_COLOURS)),
    "und": "#666666",
    "fallback_rate": "#D55E00",
    "unknown_rate": "#0072B2",
    "median": "#0072B2",
    "p95": "#D55E00",
}
# Lines on top of each other stay visible.
MARKERS = {**dict(zip(LANGS, ("o", "s", "^", "D", "v", "P"))), "und": "x"}
SIZE = (9, 3.2)
DPI = 110


def _data_uri(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _axes(labels: Mapping[str, Any], days: List[str], y_label: str) -> Any:
    figure, axes = plt.subplots(figsize=SIZE)
    axes.set_xlabel(labels["day"])
    axes.set_ylabel(y_label)
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    step = max(1, -(-len(days) // 8))  # at most 8 day labels
    ticks = list(range(0, len(days), step))
    axes.set_xticks(ticks)
    axes.set_xticklabels([dt.date.fromisoformat(days[i]).strftime(labels["date_format"]) for i in ticks])
    return figure, axes


def messages_per_day(volume: Dict[str, Any], labels: Mapping[str, Any]) -> str:
    """Stacked bars: messages per day by language."""
    days = volume["days"]
    figure, axes = _axes(labels, days, labels["messages"])
    bottom = [0] * len(days)
    for lang in volume["languages"]:
        heights = [volume["messages"][d][lang] for d in days]
        axes.bar(range(len(days)), heights, bottom=bottom, color=COLOURS[lang], label=labels["langs"][lang])
        bottom = [b + h for b, h in zip(bottom, heights)]
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(frameon=False, ncol=4, loc="lower left", bbox_to_anchor=(0, 1))
    return _data_uri(figure)


def conversations_per_day(volume: Dict[str, Any], labels: Mapping[str, Any]) -> str:
    days = volume["days"]
    figure, axes = _axes(labels, days, labels["conversations"])
    for lang in volume["languages"]:
        axes.plot(
            range(len(days)),
            [volume["conversations"][d][lang] for d in days],
            marker=MARKERS[lang],
            markersize=5,
            color=COLOURS[lang],
            label=labels["langs"][lang],
        )
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, ncol=4, loc="lower left", bbox_to_anchor=(0, 1))
    return _data_uri(figure)


def _daily_lines(
    series: Dict[str, List[Any]], days: List[str], y_label: str, labels: Mapping[str, Any]
) -> str:
    """One line per series (key: labels and colours), gaps where a day has no value."""
    figure, axes = _axes(labels, days, y_label)
    for key, values in series.items():
        axes.plot(
            range(len(days)),
            [float("nan") if v is None else v for v in values],
            marker="o",
            markersize=3,
            color=COLOURS[key],
            label=labels[key],
        )
    axes.set_ylim(bottom=0)
    axes.legend(frameon=False, ncol=2, loc="lower left", bbox_to_anchor=(0, 1))
    return _data_uri(figure)


def unanswered_rates(by_day: Dict[str, Any], labels: Mapping[str, Any]) -> str:
    """Fallback and "I don't know" rates per day (all languages), in percent."""
    days = list(by_day)
    series = {
        key: [None if by_day[d]["all"][key] is None else by_day[d]["all"][key] * 100 for d in days]
        for key in ("fallback_rate", "unknown_rate")
    }
    return _daily_lines(series, days, labels["rate_axis"], labels)


def reply_times(by_day: Dict[str, Any], labels: Mapping[str, Any]) -> str:
    """Median and 95th percentile of the reply time per day, in seconds."""
    days = list(by_day)
    series = {key: [by_day[d][key] for d in days] for key in ("median", "p95")}
    return _daily_lines(series, days, labels["seconds_axis"], labels)
