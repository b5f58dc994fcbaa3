"""ActionAnswerProjects: the overview and one project's detail."""

from __future__ import annotations

import pytest

from actions.projects import ActionAnswerProjects
from actions.store import STORE
from bot.language import LANGS
from tests.actions.conftest import assert_says, make_tracker, run_action


@pytest.mark.parametrize("lang", LANGS)
def test_projects_overview_and_detail(lang: str) -> None:
    messages, _ = run_action(ActionAnswerProjects(), make_tracker("ask_projects", slots={"language": lang}))
    assert_says(messages[0], "projects.overview", lang)
    for project in STORE.projects:
        tracker = make_tracker(
            "ask_project_detail", entities=[{"entity": "project", "value": project}], slots={"language": lang}
        )
        messages, _ = run_action(ActionAnswerProjects(), tracker)
        assert_says(messages[0], f"project.{project}", lang)
