import datetime
from decimal import Decimal

from tracker.web.forms import PeriodForm
from tracker.web.periods import Period, add_months, buckets, chart_axis, month_span, preset_period

TODAY = datetime.date(2025, 3, 15)


def test_presets_cover_whole_calendar_months_up_to_today():
    assert preset_period("12m", TODAY) == Period("12m", datetime.date(2024, 4, 1), TODAY)
    assert preset_period("3m", TODAY) == Period("3m", datetime.date(2025, 1, 1), TODAY)
    assert preset_period("5y", TODAY) == Period("5y", datetime.date(2020, 4, 1), TODAY)
    assert preset_period("all", TODAY) == Period("all", None, TODAY)


def test_month_arithmetic_crosses_years():
    assert add_months(datetime.date(2024, 12, 31), 1) == datetime.date(2025, 1, 1)
    assert add_months(datetime.date(2024, 1, 15), -13) == datetime.date(2022, 12, 1)
    assert month_span(datetime.date(2024, 11, 1), datetime.date(2025, 2, 1)) == 4


def test_buckets_fill_empty_months_with_zero():
    monthly = {datetime.date(2025, 2, 1): (Decimal("5"), 1)}
    quarterly, bars = buckets(monthly, datetime.date(2025, 1, 1), datetime.date(2025, 3, 1))
    assert not quarterly
    assert [(bar.label, bar.raised_usd, bar.rounds) for bar in bars] == [
        ("Jan 2025", Decimal("0"), 0),
        ("Feb 2025", Decimal("5"), 1),
        ("Mar 2025", Decimal("0"), 0),
    ]


def test_beyond_thirty_six_months_buckets_are_quarters():
    monthly = {datetime.date(2022, 1, 1): (Decimal("1"), 1), datetime.date(2022, 3, 1): (Decimal("2"), 2)}
    quarterly, bars = buckets(monthly, datetime.date(2022, 1, 1), datetime.date(2025, 3, 1))
    assert quarterly
    assert len(bars) == 13
    assert (bars[0].label, bars[0].raised_usd, bars[0].rounds) == ("Q1 2022", Decimal("3"), 3)


def test_a_thirty_six_month_axis_stays_monthly():
    quarterly, bars = buckets({}, datetime.date(2022, 4, 1), datetime.date(2025, 3, 1))
    assert not quarterly
    assert len(bars) == 36


def test_chart_axis_starts_at_the_first_round_for_all_time():
    period = Period("all", None, TODAY)
    assert chart_axis(period, datetime.date(2021, 6, 12), TODAY) == (
        datetime.date(2021, 6, 1),
        datetime.date(2025, 3, 1),
    )


def test_chart_axis_is_none_without_rounds():
    assert chart_axis(preset_period("12m", TODAY), None, None) is None


def test_period_form_defaults_to_twelve_months():
    assert PeriodForm().get_period(TODAY).preset == "12m"
    assert PeriodForm({"period": "bogus"}).get_period(TODAY).preset == "12m"


def test_dates_alone_make_a_custom_period():
    period = PeriodForm({"start": "2024-01-01"}).get_period(TODAY)
    assert period == Period("custom", datetime.date(2024, 1, 1), TODAY)
