"""ActionAnswerGreaterRegion (and the region's transport, actions/travel.py)."""

from __future__ import annotations

import pytest

from actions.greater_region import ActionAnswerGreaterRegion
from actions.travel import ActionAnswerRegionTransport
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
def test_greater_region_and_region_transport(lang: str) -> None:
    messages, _ = run_action(
        ActionAnswerGreaterRegion(), make_tracker("ask_greater_region", slots={"language": lang})
    )
    assert_says(messages[0], "greater_region.basics", lang)
    assert_says(messages[1], "greater_region.figures", lang)
    messages, _ = run_action(
        ActionAnswerRegionTransport(), make_tracker("ask_region_airports_stations", slots={"language": lang})
    )
    assert_says(messages[0], "travel.airports_stations", lang)
