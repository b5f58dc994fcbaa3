"""Today's date for the facts store: the real date, or ``QP_TODAY`` (ISO) when it is set.

Facts about events compare their date with this clock, so an event that has passed is told
as past. Tests freeze it with ``QP_TODAY`` or by monkeypatching ``bot.facts.clock.today``.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "QP_TODAY"


def today() -> dt.date:
    """``QP_TODAY`` (YYYY-MM-DD) if set, else the real date; a bad value fails loudly."""
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{ENV}={value!r}: expected an ISO date YYYY-MM-DD") from None
    return dt.date.today()
