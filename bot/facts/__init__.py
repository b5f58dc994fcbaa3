"""The facts store: what the assistant knows about QuattroPole, with sources and dates.

Plain Python and pydantic (v1); no Rasa. See ``docs/architecture.md`` for the fact keys.
"""

from bot.facts.errors import FactsError
from bot.facts.loader import DEFAULT_PATH, default_store, load_store, store_at
from bot.facts.model import CITY_IDS, LANGS, ORGAN_IDS, TRANSPORT_IDS, Fact, PartialDate, Texts
from bot.facts.store import FactsStore, Route

__all__ = [
    "CITY_IDS",
    "DEFAULT_PATH",
    "LANGS",
    "ORGAN_IDS",
    "TRANSPORT_IDS",
    "Fact",
    "FactsError",
    "FactsStore",
    "PartialDate",
    "Route",
    "Texts",
    "default_store",
    "load_store",
    "store_at",
]
