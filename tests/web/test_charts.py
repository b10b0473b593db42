import datetime
import itertools
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template.loader import render_to_string
from django.utils.translation import override

from tracker.web.charts import Chart, activity_chart, bar_line_chart, history_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script>'

MONTHS = [
    ("Jan 2024", Decimal("1200000000"), 14),
    ("Feb 2024", Decimal("3600000000"), 9),
    ("Mar 2024", Decimal("6000000000"), 21),
]
ROUNDS = [
    (datetime.date(2016, 3, 1), Decimal("2000000"), None, "Seed"),
    (datetime.date(2017, 9, 1), Decimal("20000000"), Decimal("200000000"), "Series A"),
    (datetime.date(2019, 9, 1), Decimal("200000000"), Decimal("2000000000"), "Series B"),
]
YEARS = [(2022, 2, 5), (2023, 4, 0), (2024, 1, 3)]


def parse(chart: Chart) -> ElementTree.Element:
    return ElementTree.fromstring(str(chart.svg))


def elements(chart: Chart, css_class: str) -> list[ElementTree.Element]:
    return [element for element in parse(chart).iter() if element.get("class") == css_class]


def marks(chart: Chart, css_class: str) -> list[ElementTree.Element]:
    """Return the data marks of a class: those with a tooltip, unlike the legend's swatches."""
    return [element for element in elements(chart, css_class) if element.find(f"{SVG}title") is not None]


def texts(chart: Chart, css_class: str = "chart__tick") -> list[str]:
    return [element.text for element in elements(chart, css_class)]


def height(element: ElementTree.Element) -> float:
    return float(element.get("height"))


def test_every_chart_is_well_formed_svg_named_by_its_title() -> None:
    charts = [
        bar_line_chart(title="Capital raised per month", points=MONTHS),
        history_chart(title="Acme funding history", points=ROUNDS),
        activity_chart(title="Rounds per year", points=YEARS),
    ]
    for chart in charts:
        root = parse(chart)
        title = root.find(f"{SVG}title")
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("viewBox") == "0 0 480 280"
        assert root.get("width") == "100%"
        assert root.get("aria-labelledby") == title.get("id")
        assert title.text == chart.title


def test_hostile_labels_and_titles_arrive_escaped_in_the_svg() -> None:
    chart = history_chart(
        title=HOSTILE, points=[(datetime.date(2020, 1, 1), Decimal("1000000"), Decimal("5000000"), HOSTILE)]
    )

    assert "<script>" not in str(chart.svg)
    assert "&lt;script&gt;" in str(chart.svg)
    assert not list(parse(chart).iter(f"{SVG}script"))
    assert parse(chart).find(f"{SVG}title").text == HOSTILE


def test_hostile_period_label_arrives_escaped_in_the_bar_chart() -> None:
    chart = bar_line_chart(title="Per month", points=[(HOSTILE, Decimal("1000000"), 1)])

    assert "<script>" not in str(chart.svg)
    assert HOSTILE in texts(chart)


def test_bar_line_table_has_one_row_per_period_with_compact_money() -> None:
    chart = bar_line_chart(title="Per month", points=MONTHS)

    assert chart.columns == ["Period", "Capital raised", "Rounds"]
    assert chart.rows == [["Jan 2024", "$1.2B", "14"], ["Feb 2024", "$3.6B", "9"], ["Mar 2024", "$6B", "21"]]
    assert chart.is_empty is False


def test_history_table_keeps_rounds_and_marks_an_unknown_valuation() -> None:
    chart = history_chart(title="Acme", points=ROUNDS)

    assert chart.columns == ["Date", "Round", "Capital raised", "Post-money valuation"]
    assert chart.rows == [
        ["Mar 2016", "Seed", "$2M", "Unknown"],
        ["Sep 2017", "Series A", "$20M", "$200M"],
        ["Sep 2019", "Series B", "$200M", "$2B"],
    ]


def test_history_draws_a_dot_only_for_known_valuations() -> None:
    chart = history_chart(title="Acme", points=ROUNDS)

    assert len(marks(chart, "chart__step-marker")) == 3
    assert len(marks(chart, "chart__valuation-dot")) == 2


def test_activity_table_counts_led_and_participated_rounds_per_year() -> None:
    chart = activity_chart(title="Rounds per year", points=YEARS)

    assert chart.columns == ["Year", "Led", "Participated"]
    assert chart.rows == [["2022", "2", "5"], ["2023", "4", "0"], ["2024", "1", "3"]]


@pytest.mark.parametrize("build", [bar_line_chart, history_chart, activity_chart])
def test_chart_without_points_is_flagged_empty_and_says_so(build) -> None:
    chart = build(title="Nothing yet", points=[])

    assert chart.is_empty is True
    assert chart.rows == []
    assert texts(chart, "chart__empty") == ["No data for this period"]


def test_french_locale_formats_ticks_cells_and_dates() -> None:
    with override("fr"):
        bars = bar_line_chart(title="Par mois", points=MONTHS)
        history = history_chart(title="Historique", points=ROUNDS)

    assert bars.rows[2] == ["Mar 2024", "6\xa0Md\xa0$US", "21"]
    assert "6\xa0Md\xa0$US" in texts(bars)
    assert history.rows[1][0] == "sept. 2017"
    assert history.rows[2][3] == "2\xa0Md\xa0$US"


def test_money_axis_ticks_are_round_numbers_covering_the_largest_value() -> None:
    chart = bar_line_chart(title="Per month", points=MONTHS)

    assert texts(chart)[:4] == ["$0", "$2B", "$4B", "$6B"]


def test_bar_heights_are_proportional_to_capital_raised() -> None:
    chart = bar_line_chart(title="Per month", points=MONTHS)
    january, february, march = (height(bar) for bar in marks(chart, "chart__bar"))

    assert january < february < march
    assert february == pytest.approx(3 * january, abs=0.2)
    assert march == pytest.approx(5 * january, abs=0.2)


def test_activity_stacks_participated_rounds_on_top_of_led_rounds() -> None:
    chart = activity_chart(title="Rounds per year", points=YEARS)
    led = marks(chart, "chart__led")
    participated = marks(chart, "chart__participated")

    assert [float(bar.get("y")) + height(bar) for bar in participated] == [float(bar.get("y")) for bar in led]
    assert height(participated[0]) == pytest.approx(2.5 * height(led[0]), abs=0.2)
    assert height(participated[1]) == 0
    assert participated[0].get("fill").startswith("url(#")


def test_history_x_axis_is_proportional_to_dates() -> None:
    points = [
        (datetime.date(2020, 1, 1), Decimal("1000000"), None, "Seed"),
        (datetime.date(2020, 3, 1), Decimal("2000000"), None, "Seed extension"),
        (datetime.date(2020, 11, 1), Decimal("9000000"), None, "Series A"),
    ]
    first, second, third = (
        float(mark.get("x")) for mark in marks(history_chart(title="Acme", points=points), "chart__step-marker")
    )

    days = [(points[1][0] - points[0][0]).days, (points[2][0] - points[1][0]).days]
    assert (third - second) / (second - first) == pytest.approx(days[1] / days[0], rel=0.01)


def test_history_y_axis_is_logarithmic_so_tenfold_steps_are_equal() -> None:
    markers = marks(history_chart(title="Acme", points=ROUNDS), "chart__step-marker")
    first, second, third = (float(mark.get("y")) for mark in markers)

    assert first > second > third
    assert first - second == pytest.approx(second - third, abs=0.2)


def test_huge_amounts_render_with_compact_labels() -> None:
    quadrillion = Decimal("1000000000000000")
    bars = bar_line_chart(title="Per month", points=[("Jan 2024", quadrillion, 1)])
    history = history_chart(title="Acme", points=[(datetime.date(2024, 1, 1), quadrillion, quadrillion * 10, "Mega")])

    assert bars.rows == [["Jan 2024", "$1000T", "1"]]
    assert "$1000T" in texts(bars)
    assert len(marks(history, "chart__valuation-dot")) == 1


def test_many_periods_get_thin_bars_and_a_label_every_few_months_aligned_to_the_year() -> None:
    months = [(f"M{index:03}", Decimal(index * 1000000), index % 5) for index in range(120)]
    chart = bar_line_chart(title="Ten years", points=months)
    bars = marks(chart, "chart__bar")
    period_labels = [text for text in texts(chart) if text.startswith("M")]

    assert len(bars) == 120
    assert float(bars[0].get("width")) < 4
    gaps = {int(later[1:]) - int(earlier[1:]) for earlier, later in itertools.pairwise(period_labels)}
    assert period_labels[0] == "M000"
    assert 3 <= len(period_labels) <= 12
    assert len(gaps) == 1
    assert 12 % min(gaps) == 0 or min(gaps) % 12 == 0


def test_all_zero_values_draw_flat_bars_without_failing() -> None:
    bars = bar_line_chart(title="Quiet", points=[("Jan 2024", Decimal("0"), 0), ("Feb 2024", Decimal("0"), 0)])
    activity = activity_chart(title="Quiet", points=[(2023, 0, 0)])
    history = history_chart(title="Quiet", points=[(datetime.date(2024, 1, 1), Decimal("0"), None, "Grant")])

    assert {height(bar) for bar in marks(bars, "chart__bar")} == {0}
    assert {height(bar) for bar in marks(activity, "chart__led")} == {0}
    assert "nan" not in str(history.svg).lower()
    assert bars.is_empty is False


def test_a_single_round_sits_inside_the_plot_not_on_an_edge() -> None:
    chart = history_chart(title="Acme", points=[(datetime.date(2024, 5, 1), Decimal("5000000"), None, "Seed")])
    (marker,) = marks(chart, "chart__step-marker")
    grid_ys = [float(line.get("y1")) for line in elements(chart, "chart__grid")]

    assert min(grid_ys) < float(marker.get("y")) < max(grid_ys)
    assert 100 < float(marker.get("x")) < 380


def test_same_points_give_the_same_svg_and_different_charts_get_different_ids() -> None:
    first = activity_chart(title="Rounds per year", points=YEARS)
    again = activity_chart(title="Rounds per year", points=YEARS)
    other = activity_chart(title="Rounds per year", points=YEARS[:2])

    assert first.svg == again.svg
    assert parse(first).get("aria-labelledby") != parse(other).get("aria-labelledby")


def test_legend_names_each_series() -> None:
    assert texts(bar_line_chart(title="t", points=MONTHS), "chart__legend") == ["Capital raised", "Rounds"]
    assert texts(history_chart(title="t", points=ROUNDS), "chart__legend") == ["Capital raised", "Post-money valuation"]
    assert texts(activity_chart(title="t", points=YEARS), "chart__legend") == ["Led", "Participated"]


def test_partial_shows_the_svg_and_a_table_of_the_numbers() -> None:
    chart = history_chart(title="Acme & co", points=[*ROUNDS, (datetime.date(2021, 1, 1), None, None, HOSTILE)])

    html = render_to_string("web/includes/chart.html", {"chart": chart})

    assert "<figcaption>Acme &amp; co</figcaption>" in html
    assert str(chart.svg) in html
    assert "<summary>Show the numbers</summary>" in html
    assert '<th scope="col">Post-money valuation</th>' in html
    assert '<th scope="row">Sep 2017</th><td>Series A</td><td>$20M</td><td>$200M</td>' in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html


def test_partial_shows_a_friendly_message_instead_of_an_empty_chart() -> None:
    html = render_to_string("web/includes/chart.html", {"chart": bar_line_chart(title="Per month", points=[])})

    assert "No data for this period" in html
    assert "<svg" not in html
    assert "<table" not in html
