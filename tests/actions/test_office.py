"""ActionAnswerOffice: the office's facts in each language."""

from __future__ import annotations

import pytest

from actions.office import KEY_BY_INTENT as OFFICE_KEYS
from actions.office import ActionAnswerOffice
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", sorted(OFFICE_KEYS))
def test_office_facts(intent: str, lang: str) -> None:
    messages, _ = run_action(ActionAnswerOffice(), make_tracker(intent, slots={"language": lang}))
    assert_says(messages[0], OFFICE_KEYS[intent], lang)
