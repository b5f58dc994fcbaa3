"""The report on a generated SQLite tracker store: figures, files, CLI, masking, no sender ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.insights.__main__ import main, report_language
from bot.insights.report import render_html, write
from tests.bot.insights import known
from tests.bot.insights.checks import assert_known_figures
from tests.bot.insights.conftest import build_known


def test_figures_equal_the_known_counts(sqlite_report):
    assert_known_figures(sqlite_report)


def test_conversation_before_the_period_is_not_counted(sqlite_report):
    # "Bonjour" of 2026-10-20 and the "Hallo" of 2026-10-30 are outside the period...
    assert ["greet", 1] in sqlite_report["topics"]["fr"]
    # ...but the later question of that conversation keeps its German from October.
    assert sqlite_report["unanswered"]["by_day"]["2026-11-04"]["de"]["fallback"] == 1


def test_an_empty_store_gives_an_empty_report(tmp_path):
    report = build_known(f"sqlite:///{tmp_path / 'missing.db'}")
    assert report["totals"]["messages"] == 0 and report["unanswered"]["groups"] == []
    assert not (tmp_path / "missing.db").exists()  # reading created no database
    assert "<h1>" in render_html(report, "de")


@pytest.fixture(scope="module")
def written(sqlite_db, tmp_path_factory):
    """`python -m bot.insights` on an endpoints file naming the known store."""
    out = tmp_path_factory.mktemp("reports")
    endpoints = out / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: bot.tracker_store.WindowedSQLTrackerStore\n"
        f"  dialect: sqlite\n  db: {sqlite_db}\n"
    )
    assert (
        main(
            [
                "--endpoints",
                str(endpoints),
                "--since",
                str(known.SINCE),
                "--until",
                str(known.UNTIL),
                "--lang",
                "fr",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    return out / "insights.html", out / "insights.json"


def test_cli_writes_html_and_json_with_the_same_figures(written):
    html, data = written
    report = json.loads(data.read_text())
    assert_known_figures(report)
    page = html.read_text()
    assert '<html lang="fr">' in page
    assert "Changements de langue" in page and "Sans réponse" in page
    assert page.count('src="data:image/png;base64,') == 4
    assert "http://" not in page and "https://" not in page  # self-contained


def test_planted_personal_data_never_appears(written):
    for path in written:
        text = path.read_text()
        for secret in (
            known.EMAIL,
            known.PHONE,
            known.IBAN,
            "2345678",
            known.IBAN.replace(" ", ""),
            "3704 0044",
        ):
            assert secret not in text, (path.name, secret)
        assert "[@]" in text and "[☎]" in text and "[IBAN]" in text


def test_no_sender_id_appears(written):
    for path in written:
        text = path.read_text()
        for sender in known.SENDERS:
            assert sender not in text
        assert not re.search(r"sender", text, re.IGNORECASE)


@pytest.mark.parametrize(
    "lang, heading", [("de", "Unbeantwortet"), ("fr", "Sans réponse"), ("en", "Unanswered")]
)
def test_report_in_each_language(sqlite_report, tmp_path: Path, lang, heading):
    paths = write(sqlite_report, lang, tmp_path)
    page = paths["html"].read_text()
    assert f'<html lang="{lang}">' in page and f">{heading}</h2>" in page
    assert "90" in page  # the retention setting at the top


def test_report_language_from_flag_or_lang():
    assert report_language("en", "fr_FR.UTF-8") == "en"
    assert report_language(None, "fr_FR.UTF-8") == "fr"
    assert report_language(None, "C.UTF-8") == "de"
    assert report_language(None, None) == "de"


def test_period_from_days_or_dates():
    import datetime as dt

    from bot.insights.__main__ import parse_args, period_from

    now = dt.datetime(2026, 12, 6, 12, tzinfo=dt.timezone.utc).timestamp()
    last_week = period_from(parse_args(["--days", "7"]), now)
    assert (last_week.since, last_week.until) == (now - 7 * 86400, now)
    november = period_from(parse_args(["--since", "2026-11-01", "--until", "2026-11-30"]), now)
    assert november.days()[0] == "2026-11-01" and november.days()[-1] == "2026-11-30"
    assert len(period_from(parse_args([]), now).days()) == 31  # 30 days touch 31 dates


def test_the_retention_setting_is_stated(sqlite_db, tmp_path, monkeypatch):
    monkeypatch.setenv("QP_RETENTION_DAYS", "45")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: sql\n  dialect: sqlite\n  db: {sqlite_db}\n")
    assert main(["--endpoints", str(endpoints), "--lang", "en", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "insights.html").read_text()
    assert "messages are deleted after 45 days" in page
    assert json.loads((tmp_path / "insights.json").read_text())["retention_days"] == 45
