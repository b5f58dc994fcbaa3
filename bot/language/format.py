"""Numbers and "as of" dates worded for the reply language (179.296 / 179 296 / 179,296).

One helper for the whole assistant, so a figure reads the same in every answer. The words
(month names, "Stand:", "état :", "as of") live in ``formats.yml`` beside this module.
Plain Python: no Rasa, and no dependency on ``bot.facts`` (dates are duck-typed).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Tuple, Union

import yaml

FORMATS_PATH = Path(__file__).resolve().with_name("formats.yml")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

Number = Union[int, float, Decimal]


@lru_cache(maxsize=1)
def _formats() -> Dict[str, Dict[str, Any]]:
    with FORMATS_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _lang(lang: str) -> Dict[str, Any]:
    formats = _formats()
    if lang not in formats:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(formats)}")
    return formats[lang]


def format_number(n: Number, lang: str, decimals: Optional[int] = None) -> str:
    """Group thousands and set the decimal mark for ``lang``.

    Integers keep no decimals; floats keep as many as given (``decimals`` rounds half up).
    French groups with a narrow no-break space (U+202F), see ``formats.yml``.
    """
    if isinstance(n, bool):
        raise TypeError("format_number expects a number, not a bool")
    spec = _lang(lang)
    value = Decimal(str(n))
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + spec["thousands_separator"].join(groups)
    if fraction:
        result += spec["decimal_separator"] + fraction
    return result


def _year_month(as_of: Any) -> Tuple[int, Optional[int]]:
    """Year and month (None for year precision) from a PartialDate-like, date, int or str."""
    if isinstance(as_of, (dt.date, dt.datetime)):
        return as_of.year, as_of.month
    if isinstance(as_of, int) and not isinstance(as_of, bool):
        return as_of, None
    if isinstance(as_of, str):
        match = _PARTIAL_DATE.match(as_of.strip())
        if not match:
            raise ValueError(f"invalid date {as_of!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month = int(match.group(1)), match.group(2)
        return year, int(month) if month else None
    if hasattr(as_of, "year"):
        return int(as_of.year), getattr(as_of, "month", None)
    raise TypeError(f"cannot format {as_of!r} as a date")


def format_as_of(as_of: Any, lang: str) -> str:
    """ "Stand: November 2025" / "état : novembre 2025" / "as of November 2025".

    Year precision gives "Stand: 2025"; a day is rendered as month and year, which is
    what a chat reader needs to judge how fresh a fact is.
    """
    spec = _lang(lang)
    year, month = _year_month(as_of)
    if month is None:
        return spec["as_of"]["year"].format(year=year)
    if not 1 <= month <= 12:
        raise ValueError(f"invalid month {month} in {as_of!r}")
    return spec["as_of"]["month"].format(year=year, month=spec["months"][month - 1])


def format_date(value: Any, lang: str) -> str:
    """A date as precise as it is known: "17. Juni 2015" / "17 juin 2015" / "17 June 2015",
    "November 2025", "2025" (a PartialDate-like with year/month/day, a date or a string)."""
    spec = _lang(lang)
    year, month = _year_month(value)
    day = getattr(value, "day", None)
    if isinstance(value, str):
        match = _PARTIAL_DATE.match(value.strip())
        day = int(match.group(3)) if match and match.group(3) else None
    words = spec["date"]
    if month is None:
        return words["year"].format(year=year)
    name = spec["months"][month - 1]
    if day is None:
        return words["month"].format(year=year, month=name)
    return words["day"].format(year=year, month=name, day=day)


__all__ = ["format_as_of", "format_date", "format_number"]
