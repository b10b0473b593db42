import csv
import datetime
import io
from decimal import Decimal

import pytest

from tests.factories import make_company, make_investor, make_participation, make_round, make_sector

pytestmark = pytest.mark.django_db


def labels_of(response) -> list[str]:
    return [r.display_label for r in response.context["table"].page.object_list.data]


def test_rounds_explorer_lists_every_round_newest_first(client, mistral):
    assert labels_of(client.get("/rounds/")) == ["Series C", "Series B", "Debt", "Série A", "Seed"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2023-12-01", "end": "2024-03-31"}, ["Debt", "Série A"]),
        ({"start": "2024-01-02"}, ["Series C", "Series B"]),
        ({"round_type": "seed"}, ["Seed"]),
        ({"status": "rumored"}, ["Series C"]),
        ({"status": "withdrawn"}, ["Debt"]),
        ({"usd_min": "400000000", "usd_max": "700000000"}, ["Series B", "Série A"]),
        ({"currency": "EUR"}, ["Euro round"]),
        ({"country": "DE"}, ["Euro round"]),
        ({"sector": "mobility"}, ["Euro round"]),
        ({"investor": "general-catalyst"}, ["Series B"]),
        ({"investor": "A16Z"}, ["Series B", "Série A"]),
        ({"investor": "lightspeed"}, ["Série A", "Seed"]),
    ],
)
def test_round_filters_narrow_the_explorer(client, mistral, params, expected):
    berlin = make_company("Berlin Mobility", country="DE")
    berlin.sectors.add(make_sector("Mobility"))
    make_round(berlin, label="Euro round", announced_on=datetime.date(2022, 5, 1), currency="EUR")
    assert labels_of(client.get("/rounds/", params)) == expected


def test_sorting_by_amount_puts_undisclosed_rounds_last_both_ways(client, mistral):
    make_round(mistral.company, label="Quiet", announced_on=datetime.date(2022, 1, 1), amount=None)
    descending = labels_of(client.get("/rounds/", {"sort": "-amount_usd"}))
    ascending = labels_of(client.get("/rounds/", {"sort": "amount_usd"}))
    assert descending == ["Series B", "Série A", "Seed", "Debt", "Quiet", "Series C"]
    assert ascending == ["Debt", "Seed", "Série A", "Series B", "Series C", "Quiet"]


def test_sorting_by_date_ascending_starts_with_the_oldest(client, mistral):
    assert labels_of(client.get("/rounds/", {"sort": "announced_on"}))[0] == "Seed"


def test_round_rows_show_status_badges_leads_and_native_amounts(client, mistral):
    html = client.get("/rounds/").content.decode()
    assert '<span class="badge badge-rumored">rumored</span>' in html
    assert '<a href="/investors/general-catalyst/">General Catalyst</a>' in html
    assert "sought: " in html
    assert "Série A <small>Series A</small>" in html


def test_round_csv_export_carries_exact_amounts_and_currencies(client, mistral):
    response = client.get("/rounds/", {"status": "announced", "_export": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Round"] for row in rows] == ["Series B", "Série A"]
    series_b = rows[0]
    assert Decimal(series_b["Amount"]) == Decimal("640000000")
    assert Decimal(series_b["Amount (USD)"]) == Decimal("640000000")
    assert series_b["Currency"] == "USD"
    assert series_b["Announced"] == "2024-06-11"
    assert series_b["Status"] == "announced"
    assert series_b["Led by"] == "General Catalyst"
    assert series_b["Company"] == "Mistral AI"
    assert series_b["Type"] == "Series B"


def test_round_export_leaves_undisclosed_amounts_empty(client, mistral):
    response = client.get("/rounds/", {"status": "rumored", "_export": "csv"})
    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["Amount"] == ""
    assert row["Announced"] == "2025-02"


def test_round_xlsx_export_downloads(client, mistral):
    response = client.get("/rounds/", {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="rounds-')


def test_an_investor_filter_lists_a_round_once_even_if_two_investors_match(client, db):
    round = make_round()
    make_participation(round, make_investor("Alpha Capital"))
    make_participation(round, make_investor("Alpha Partners"))
    assert len(labels_of(client.get("/rounds/", {"investor": "alpha"}))) == 1


def test_an_empty_site_says_no_round_is_recorded_yet(client, db):
    assert "No funding round has been recorded yet." in client.get("/rounds/").content.decode()
