import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from tracker.funding.models import FundingRound
from tracker.web import formatting


def render(source: str, **context) -> str:
    return Template("{% load funding %}" + source).render(Context(context))


def test_money_filter_is_compact_with_the_exact_figure_on_hover():
    html = render("{{ amount|money:'USD' }}", amount=Decimal("6000000000"))
    assert html == '<data class="money" value="6000000000" title="$6,000,000,000">$6B</data>'


def test_money_filter_follows_the_language():
    with override("fr"):
        html = render("{{ amount|money:'EUR' }}", amount=Decimal("600000000"))
    assert html == '<data class="money" value="600000000" title="600\u202f000\u202f000\xa0€">600\xa0M\xa0€</data>'


def test_money_filter_shows_cents_only_when_there_are_some():
    assert 'title="€12.50"' in render("{{ amount|money:'EUR' }}", amount=Decimal("12.5"))


def test_money_filter_leaves_missing_amounts_empty():
    assert render("{{ amount|money:'USD' }}", amount=None) == ""


def test_undisclosed_round_says_so():
    round = FundingRound(amount=None, currency="USD")
    assert formatting.round_amount(round) == '<span class="undisclosed">undisclosed</span>'


def test_rumored_target_reads_sought():
    round = FundingRound(amount=None, target_amount=Decimal("1000000000"), currency="USD")
    assert formatting.round_amount(round) == (
        '<span class="sought">sought: <data class="money" value="1000000000" title="$1,000,000,000">$1B</data></span>'
    )


def test_other_currencies_come_with_their_usd_value():
    round = FundingRound(amount=Decimal("600000000"), currency="EUR", amount_usd=Decimal("643800000.00"))
    html = formatting.round_amount(round)
    assert html.startswith('<data class="money" value="600000000" title="€600,000,000">€600M</data>')
    assert '<span class="usd">(≈ <data class="money" value="643800000.00"' in html
    assert formatting.round_amount(round, with_usd=False).endswith("€600M</data>")


@pytest.mark.parametrize(
    ("precision", "day", "shown", "exported"),
    [
        ("day", datetime.date(2024, 5, 26), "May 26, 2024", "2024-05-26"),
        ("month", datetime.date(2023, 7, 1), "July 2023", "2023-07"),
        ("quarter", datetime.date(2024, 4, 1), "Q2 2024", "2024-Q2"),
        ("year", datetime.date(2023, 1, 1), "2023", "2023"),
    ],
)
def test_dates_keep_their_precision_on_pages_and_in_exports(precision, day, shown, exported):
    assert render("{{ day|at_precision:precision }}", day=day, precision=precision) == shown
    assert formatting.iso_at_precision(day, precision) == exported


def test_french_month_names():
    with override("fr"):
        assert render("{{ day|at_precision:'month' }}", day=datetime.date(2023, 7, 1)) == "juillet 2023"


def test_country_names_follow_the_language():
    with override("fr"):
        assert formatting.country_name("US") == "États-Unis"
    assert formatting.country_name("US") == "United States"


def test_status_badge_names_the_status_in_words():
    assert render("{{ 'rumored'|status_badge }}") == '<span class="badge badge-rumored">rumored</span>'


def test_status_badge_escapes_unknown_values():
    assert "<script>" not in render("{{ value|status_badge }}", value="<script>")


def test_round_title_adds_the_type_only_when_the_label_words_it_differently():
    assert formatting.round_title(FundingRound(label="Série A", round_type="series_a")) == (
        "Série A <small>Series A</small>"
    )
    assert formatting.round_title(FundingRound(label="series a", round_type="series_a")) == "series a"
    assert formatting.round_title(FundingRound(label="", round_type="seed")) == "Seed"


def test_round_titles_escape_labels():
    assert "<b>" not in formatting.round_title(FundingRound(label="<b>Seed</b>", round_type="seed"))


def test_step_up_multiples():
    assert formatting.multiple(Decimal("2.5")) == "×2.5"
    with override("fr"):
        assert formatting.multiple(Decimal("2.5")) == "×2,5"


def test_counts_use_the_locale_grouping():
    assert formatting.number(1234) == "1,234"
    with override("fr"):
        assert formatting.number(1234) == "1\u202f234"


def test_shares_keep_one_decimal_so_small_ones_do_not_read_as_zero():
    assert formatting.percent(Decimal("0.004")) == "0.4%"
    assert formatting.percent(Decimal("0.25")) == "25%"
    with override("fr"):
        assert formatting.percent(Decimal("0.2567")) == "25,7\xa0%"
