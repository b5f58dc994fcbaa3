"""The same known conversations in PostgreSQL, read through endpoints.prod.yml as in production."""

from __future__ import annotations

import json
import socket

import pytest

from bot.insights.__main__ import main
from bot.store_url import ROOT
from bot.tracker_store import WindowedSQLTrackerStore
from tests.bot.insights import known
from tests.bot.insights.checks import assert_known_figures
from tests.helpers import fresh_postgres_database

pytestmark = pytest.mark.integration

HOST, PORT = "127.0.0.1", 5432


@pytest.fixture(scope="module")
def postgres_db(domain):
    with socket.socket() as probe:
        if probe.connect_ex((HOST, PORT)) != 0:
            pytest.skip(f"PostgreSQL is not running on {HOST}:{PORT}")
    with fresh_postgres_database(HOST, PORT) as name:
        store = WindowedSQLTrackerStore(
            domain=domain, dialect="postgresql", host=HOST, port=PORT, db=name, username="postgres"
        )
        known.fill(store)
        store.engine.dispose()
        yield name


def test_make_insights_on_the_production_setting(postgres_db, monkeypatch, tmp_path):
    for name, value in dict(
        QP_DB_HOST=HOST,
        QP_DB_PORT=str(PORT),
        QP_DB_NAME=postgres_db,
        QP_DB_USER="postgres",
        QP_DB_PASSWORD="",
        QP_REDIS_HOST=HOST,
        QP_REDIS_PORT="6379",
        QP_REDIS_PASSWORD="",
        # endpoints.prod.yml names it; set here, not left to a Stack started by an earlier test
        QP_ACTION_TOKEN="insights-test-token",
    ).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("QP_ENDPOINTS", "endpoints.prod.yml")
    monkeypatch.delenv("LANG", raising=False)  # the report is in German by default
    monkeypatch.chdir(ROOT)
    assert main(["--since", str(known.SINCE), "--until", str(known.UNTIL), "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "insights.json").read_text())
    assert report["store"] == "postgresql"
    assert_known_figures(report)
    page = (tmp_path / "insights.html").read_text()
    assert '<html lang="de">' in page and "Unbeantwortet" in page
    for secret in (known.EMAIL, known.PHONE, known.IBAN):
        assert secret not in page
