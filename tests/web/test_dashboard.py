import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import make_company, make_investor, make_participation, make_round
from tests.web.conftest import recent
from tracker.funding.models import FundingRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_year(db):
    """Rounds of the last 12 months: two disclosed, one undisclosed, one rumored, one withdrawn."""
    alpha, beta = make_company("Alpha"), make_company("Beta")
    lead = make_investor("Lead Partners")
    big = make_round(alpha, round_type="series_b", announced_on=recent(1), amount=Decimal("300000000"))
    small = make_round(beta, round_type="seed", announced_on=recent(2), amount=Decimal("100000000"))
    make_round(beta, round_type="seed", announced_on=recent(3), amount=None)
    make_round(alpha, round_type="series_c", status="rumored", announced_on=recent(1), amount=Decimal("900000000"))
    make_round(beta, round_type="debt", status="withdrawn", announced_on=recent(2), amount=Decimal("70000000"))
    make_participation(big, lead, role="lead")
    make_participation(small, lead)
    return big, small


def test_capital_raised_counts_announced_and_closed_rounds_only(client, this_year):
    totals = client.get("/").context["totals"]
    assert totals.raised_usd == Decimal("400000000.00")
    assert totals.round_count == 3


def test_undisclosed_and_rumored_rounds_are_counted_apart(client, this_year):
    totals = client.get("/").context["totals"]
    assert totals.undisclosed_count == 1
    assert totals.rumored_count == 1
    assert totals.rumored_usd == Decimal("900000000.00")
    assert totals.withdrawn_count == 1


def test_median_reads_the_middle_of_the_disclosed_amounts(client, this_year):
    # Two disclosed rounds: the median is the mean of both.
    assert client.get("/").context["totals"].median_usd == Decimal("200000000.00")


def test_median_of_an_odd_count_is_the_middle_amount(client, this_year):
    make_round(announced_on=recent(4), amount=Decimal("150000000"))
    assert client.get("/").context["totals"].median_usd == Decimal("150000000.00")


def test_key_figures_show_compact_amounts_with_the_exact_figure_on_hover(client, this_year):
    html = client.get("/").content.decode()
    assert 'title="$400,000,000">$400M</data>' in html
    assert 'title="$200,000,000">$200M</data>' in html


def test_default_period_is_the_last_twelve_months(client, this_year):
    make_round(announced_on=recent(13), amount=Decimal("5000000000"))
    response = client.get("/")
    assert response.context["period"].preset == "12m"
    assert response.context["totals"].raised_usd == Decimal("400000000.00")


def test_all_time_preset_includes_older_rounds(client, this_year):
    make_round(announced_on=datetime.date(2015, 3, 1), amount=Decimal("5000000000"))
    assert client.get("/", {"period": "all"}).context["totals"].raised_usd == Decimal("5400000000.00")


def test_three_month_preset_keeps_the_current_month_and_the_two_before(client, this_year):
    totals = client.get("/", {"period": "3m"}).context["totals"]
    assert totals.raised_usd == Decimal("400000000.00")
    assert totals.undisclosed_count == 0


def test_custom_dates_choose_the_period(client, this_year):
    start, end = recent(2), recent(1) - datetime.timedelta(days=1)
    response = client.get("/", {"period": "custom", "start": start.isoformat(), "end": end.isoformat()})
    assert response.context["totals"].raised_usd == Decimal("100000000.00")
    assert response.context["is_custom"]


def test_reversed_custom_dates_show_an_error_and_the_default_period(client, this_year):
    response = client.get("/", {"period": "custom", "start": "2024-06-01", "end": "2024-01-01"})
    assert response.status_code == 200
    assert "The end date must not be before the start date." in response.content.decode()
    assert response.context["period"].preset == "12m"


def test_chart_has_one_bar_per_month_up_to_three_years(client, this_year):
    response = client.get("/", {"period": "24m"})
    assert not response.context["quarterly"]
    assert len(response.context["chart"].rows) == 24


def test_chart_has_one_bar_per_quarter_beyond_three_years(client, this_year):
    response = client.get("/", {"period": "5y"})
    first, today = recent(59), timezone.localdate()
    quarters = (today.year * 4 + (today.month - 1) // 3) - (first.year * 4 + (first.month - 1) // 3) + 1
    assert response.context["quarterly"]
    assert len(response.context["chart"].rows) == quarters


def test_chart_rows_carry_capital_and_round_count_per_month(client, this_year):
    rows = client.get("/", {"period": "3m"}).context["chart"].rows
    month = recent(1).strftime("%b %Y")
    assert [month, "$300M", "1"] in rows


def test_breakdown_by_type_puts_the_largest_capital_first(client, this_year):
    by_type = client.get("/").context["by_type"]
    assert [(row.label, row.round_count, row.raised_usd) for row in by_type] == [
        ("Series B", 1, Decimal("300000000.00")),
        ("Seed", 2, Decimal("100000000.00")),
    ]
    assert by_type[1].undisclosed_count == 1


def test_biggest_rounds_list_disclosed_rounds_largest_first(client, this_year):
    big, small = this_year
    assert client.get("/").context["biggest"] == [big, small]


def test_most_active_investors_count_rounds_led_and_joined(client, this_year):
    (row,) = client.get("/").context["investors"]
    assert (row["investor__name"], row["joined"], row["led"]) == ("Lead Partners", 2, 1)


def test_latest_additions_follow_entry_order_not_announcement_date(client, this_year):
    old = make_round(announced_on=datetime.date(2010, 1, 1), amount=Decimal("1000000"))
    assert client.get("/").context["latest"][0] == old


def test_a_fresh_database_shows_a_helpful_empty_dashboard(client, db):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "No funding round has been recorded yet." in html
    assert response.context["chart"] is None


def test_a_quiet_period_points_to_all_time(client, db):
    make_round(announced_on=datetime.date(2012, 1, 1))
    html = client.get("/").content.decode()
    assert "No round was announced in this period." in html
    assert 'href="?period=all"' in html


def test_future_start_without_end_is_an_error(client, db):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.get("/", {"period": "custom", "start": tomorrow.isoformat()})
    assert "The start date must not be after today." in response.content.decode()


def test_a_custom_range_from_year_one_draws_only_the_months_with_rounds(client, db):
    make_round(announced_on=recent(1))
    response = client.get("/", {"period": "custom", "start": "0001-01-01"})
    assert response.status_code == 200
    assert len(response.context["chart"].rows) == 2


def test_rounds_without_a_usd_rate_are_reported_and_left_out(client, db):
    round = make_round(announced_on=recent(1), amount=Decimal("5000000"))
    FundingRound.objects.filter(pk=round.pk).update(amount_usd=None)
    response = client.get("/")
    assert response.context["totals"].unconverted_count == 1
    assert "left out of the sums" in response.content.decode()
