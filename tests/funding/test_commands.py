"""The commands `make run` relies on: demo data, the admin account, and settings that fail loudly."""

import os
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tracker.funding.models import (
    Citation,
    Company,
    FundingRound,
    Investor,
    InvestorName,
    Participation,
    Source,
    Valuation,
)

ROOT = Path(__file__).resolve().parents[2]
MODELS = (Company, FundingRound, Investor, InvestorName, Participation, Source, Valuation, Citation)

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_data_holds_the_seed_articles_two_xai_rounds():
    call_command("load_demo", stdout=StringIO())

    rumor, series_b = FundingRound.objects.with_valuations().filter(company__name="xAI").order_by("announced_on")
    assert (rumor.status, rumor.announced_precision, rumor.amount) == ("rumored", "month", None)
    assert (rumor.target_amount, rumor.currency) == (Decimal("1000000000"), "USD")
    assert (series_b.round_type, series_b.status, series_b.announced_on.isoformat()) == (
        "series_b",
        "closed",
        "2024-05-26",
    )
    assert series_b.amount == Decimal("6000000000")
    assert (series_b.pre_money, series_b.post_money) == (Decimal("18000000000"), Decimal("24000000000"))
    assert series_b.investor_list_complete is False
    assert sorted(series_b.participations.values_list("investor__name", flat=True)) == [
        "Andreessen Horowitz",
        "Prince Alwaleed Bin Talal",
        "Sequoia Capital",
        "Valor Equity Partners",
    ]
    assert Investor.objects.search("a16z").get().name == "Andreessen Horowitz"
    assert Investor.objects.get(name="Prince Alwaleed Bin Talal").kind == "individual"
    assert series_b.citations.get().source.title.startswith("XAI d'Elon Musk obtient")
    assert Company.objects.count() >= 13


def test_loading_the_demo_data_twice_changes_nothing():
    call_command("load_demo", stdout=StringIO())
    before = counts()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert counts() == before
    assert "nothing to add" in out.getvalue()


def test_every_demo_round_cites_a_source_with_a_quote():
    call_command("load_demo", stdout=StringIO())

    uncited = FundingRound.objects.exclude(citations__quote__gt="")
    assert list(uncited) == []


def test_ensure_admin_prints_a_generated_password_once(monkeypatch):
    monkeypatch.delenv("TRACKER_ADMIN_PASSWORD", raising=False)
    monkeypatch.setenv("TRACKER_ADMIN_USER", "editor")
    first, second = StringIO(), StringIO()

    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)

    password = first.getvalue().split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="editor").check_password(password)
    assert password not in second.getvalue()
    assert "already exists" in second.getvalue()


def test_ensure_admin_uses_the_password_it_is_given(monkeypatch):
    monkeypatch.setenv("TRACKER_ADMIN_PASSWORD", "a-long-chosen-password")
    out = StringIO()

    call_command("ensure_admin", stdout=out)

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("a-long-chosen-password")
    assert "a-long-chosen-password" not in out.getvalue()


@pytest.mark.parametrize(
    ("variable", "value", "explanation"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a yes/no value"),
        ("DATABASE_URL", "nonsense://x", "DATABASE_URL could not be understood"),
        ("DATABASE_URL", "postgres://user:pw@host:notaport/db", "DATABASE_URL could not be understood"),
    ],
)
def test_a_bad_setting_stops_start_up_with_a_one_line_explanation(variable, value, explanation):
    env = {**os.environ, variable: value}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert explanation in result.stderr
