"""Server-side SVG charts: drawn without JavaScript or network, with their numbers as a table.

Each builder returns a `Chart`: an SVG that scales to its container (viewBox, width 100%) for sighted
readers, and the same numbers, already formatted, for the table that `web/includes/chart.html` puts under
it. Amounts stay `Decimal` up to the formatted cells and tick labels; only pixel positions are floats.
Every piece of text goes through `format_html`, so labels typed by users arrive escaped.
"""

import datetime
import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from babel.dates import format_skeleton
from babel.numbers import format_decimal
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from tracker.lib.money import ZERO, current_locale, format_compact

CURRENCY = "USD"
WIDTH = 480
HEIGHT = 280
# Average glyph width at the 12-unit font in chart.css; enough to space labels without font metrics.
GLYPH_WIDTH = 7.0
LEGEND_Y = 16.0


@dataclass(frozen=True)
class Chart:
    """What `web/includes/chart.html` shows: the SVG, or a message when `is_empty`, and the numbers as a table."""

    title: str
    svg: SafeString
    columns: list[str]
    rows: list[list[str]]
    is_empty: bool


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the viewBox; margins leave room for the legend and tick labels."""

    left: float
    right: float
    top: float = 40.0
    bottom: float = HEIGHT - 28.0

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def y(self, fraction: float) -> float:
        return self.bottom - fraction * self.height


@dataclass(frozen=True)
class _Scale:
    """Tick values and where a value sits: 0 at the baseline, 1 at the top tick."""

    ticks: list[Decimal]
    fraction: Callable[[Decimal], float]


def bar_line_chart(*, title: str, points: list[tuple[str, Decimal, int]]) -> Chart:
    """Draw capital raised per period as bars and the number of rounds as a line on a second axis."""
    title = str(title)
    columns = [gettext("Period"), gettext("Capital raised"), gettext("Rounds")]
    rows = [[label, format_compact(amount, CURRENCY), _count(rounds)] for label, amount, rounds in points]
    chart_id = _chart_id("bar-line", title, points)
    if not points:
        return _empty_chart(chart_id, title, columns)

    money = _linear_scale(max(amount for _, amount, _ in points))
    counts = _linear_scale(Decimal(max(rounds for _, _, rounds in points)), minimum_step=Decimal(1))
    frame = _Frame(left=_gutter(money, _money), right=WIDTH - _gutter(counts, _count))
    centers, bar_width = _bands(frame, len(points))
    body = [
        _y_axis(frame, money, _money),
        _y_axis(frame, counts, _count, right=True),
        _x_labels(frame, centers, [label for label, _, _ in points]),
    ]
    for center, (label, amount, rounds) in zip(centers, points, strict=True):
        top = frame.y(money.fraction(amount))
        body.append(_bar(center, bar_width, frame.bottom, top, "chart__bar", _describe_period(label, amount, rounds)))
    line = [
        (center, frame.y(counts.fraction(Decimal(rounds))))
        for center, (_, _, rounds) in zip(centers, points, strict=True)
    ]
    body.append(_polyline(line, "chart__line"))
    dot_radius = 3.0 if bar_width >= 6 else 1.5
    for (x, y), (label, amount, rounds) in zip(line, points, strict=True):
        body.append(_circle(x, y, dot_radius, "chart__dot", _describe_period(label, amount, rounds)))
    body.append(
        _legend(
            frame,
            [(_bar_swatch("chart__bar"), gettext("Capital raised")), (_dot_swatch("chart__line"), gettext("Rounds"))],
        )
    )
    return Chart(title=title, svg=_svg(chart_id, title, body), columns=columns, rows=rows, is_empty=False)


def history_chart(*, title: str, points: list[tuple[datetime.date, Decimal | None, Decimal | None, str]]) -> Chart:
    """Draw a company's cumulative capital raised as a step line and its post-money valuations as dots.

    Both series share one logarithmic y axis. Valuations are often 10 to 100 times the cash raised: on a
    linear axis the raised line would hug zero, and two axes would invite comparing heights that mean
    different things. On a log axis both stay readable and the gap between the lines is the multiple
    investors paid, the same at any size. Zero amounts sit on the baseline; when nothing is positive the
    axis falls back to linear. The x axis is time, proportional to the dates. Rounds are (date, cumulative
    raised, post-money valuation or None, round label); the table keeps the order given.
    """
    title = str(title)
    columns = [gettext("Date"), gettext("Round"), gettext("Capital raised"), gettext("Post-money valuation")]
    rows = [
        [_month(day), label, _money_or_unknown(raised), _money_or_unknown(valuation)]
        for day, raised, valuation, label in points
    ]
    chart_id = _chart_id("history", title, points)
    if not points:
        return _empty_chart(chart_id, title, columns)

    ordered = sorted(points, key=lambda point: point[0])
    positives = [
        amount
        for _, raised, valuation, _ in ordered
        for amount in (raised, valuation)
        if amount is not None and amount > 0
    ]
    scale = _log_scale(min(positives), max(positives)) if positives else _linear_scale(ZERO)
    frame = _Frame(left=_gutter(scale, _money), right=WIDTH - 20)
    x_of = _time_axis(frame, ordered[0][0], ordered[-1][0])
    body = [_y_axis(frame, scale, _money), _time_labels(frame, x_of, ordered[0][0], ordered[-1][0])]

    raised_points = [
        (x_of(day), frame.y(scale.fraction(raised)), _describe_round(label, day, raised))
        for day, raised, _, label in ordered
        if raised is not None
    ]
    if raised_points:
        path = [f"M{_number(raised_points[0][0])} {_number(raised_points[0][1])}"]
        path += [f"H{_number(x)} V{_number(y)}" for x, y, _ in raised_points[1:]]
        path.append(f"H{_number(frame.right)}")
        body.append(_tag("path", {"class": "chart__step", "d": " ".join(path)}))
        body.extend(_square(x, y, 3.5, "chart__step-marker", text) for x, y, text in raised_points)

    valuation_points = [
        (x_of(day), frame.y(scale.fraction(valuation)), _describe_valuation(label, day, valuation))
        for day, _, valuation, label in ordered
        if valuation is not None
    ]
    body.append(_polyline([(x, y) for x, y, _ in valuation_points], "chart__valuation"))
    body.extend(_circle(x, y, 4.0, "chart__valuation-dot", text) for x, y, text in valuation_points)
    body.append(
        _legend(
            frame,
            [
                (_step_swatch(), gettext("Capital raised")),
                (_dot_swatch("chart__valuation", "chart__valuation-dot"), gettext("Post-money valuation")),
            ],
        )
    )
    return Chart(title=title, svg=_svg(chart_id, title, body), columns=columns, rows=rows, is_empty=False)


def activity_chart(*, title: str, points: list[tuple[int, int, int]]) -> Chart:
    """Draw rounds an investor led and rounds it only joined, stacked per year.

    Pass every year of the period, zeros included: the bars sit side by side, not on a time scale.
    """
    title = str(title)
    columns = [gettext("Year"), gettext("Led"), gettext("Participated")]
    rows = [[str(year), _count(led), _count(participated)] for year, led, participated in points]
    chart_id = _chart_id("activity", title, points)
    if not points:
        return _empty_chart(chart_id, title, columns)

    counts = _linear_scale(Decimal(max(led + joined for _, led, joined in points)), minimum_step=Decimal(1))
    frame = _Frame(left=_gutter(counts, _count), right=WIDTH - 20)
    centers, bar_width = _bands(frame, len(points))
    hatch_id = f"{chart_id}-hatch"
    body = [_y_axis(frame, counts, _count), _x_labels(frame, centers, [str(year) for year, _, _ in points])]
    for center, (year, led, participated) in zip(centers, points, strict=True):
        description = _describe_year(year, led, participated)
        led_top = frame.y(counts.fraction(Decimal(led)))
        total_top = frame.y(counts.fraction(Decimal(led + participated)))
        body.append(_bar(center, bar_width, frame.bottom, led_top, "chart__led", description))
        body.append(_bar(center, bar_width, led_top, total_top, "chart__participated", description, hatched=hatch_id))
    body.append(
        _legend(
            frame,
            [
                (_bar_swatch("chart__led"), gettext("Led")),
                (_bar_swatch("chart__participated", hatched=hatch_id), gettext("Participated")),
            ],
        )
    )
    return Chart(
        title=title,
        svg=_svg(chart_id, title, body, defs=[_hatch(hatch_id)]),
        columns=columns,
        rows=rows,
        is_empty=False,
    )


# Scales and axes


def _linear_scale(maximum: Decimal, *, minimum_step: Decimal = ZERO) -> _Scale:
    """Return ticks 0, step, 2·step… covering `maximum`, with a 1-2-5 step."""
    if maximum <= 0 < minimum_step:
        # All zeros: counts still show a unit step; money shows the baseline alone rather than "$1".
        maximum = minimum_step
    if maximum <= 0:
        return _Scale(ticks=[ZERO], fraction=lambda value: 0.0)
    raw = maximum / 4
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = max(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw), minimum_step)
    count = int((maximum / step).to_integral_value(rounding=ROUND_CEILING))
    top = step * count
    return _Scale(ticks=[step * i for i in range(count + 1)], fraction=lambda value: float(value / top))


def _log_scale(low: Decimal, high: Decimal) -> _Scale:
    """Return ticks at powers of ten (with 2 and 5 between when the range is short) around low..high.

    The axis starts strictly below the smallest value, so that only zeros sit on the baseline, and ends
    a decade above the largest, so that a lone value lands mid-height.
    """
    first = low.adjusted() - (1 if low == Decimal(1).scaleb(low.adjusted()) else 0)
    decades = high.adjusted() + 1 - first
    stride = math.ceil(decades / 5)
    decades = stride * math.ceil(decades / stride)
    if decades <= 2:
        ticks = [Decimal(m).scaleb(first + d) for d in range(decades) for m in (1, 2, 5)]
    else:
        ticks = [Decimal(1).scaleb(first + d) for d in range(0, decades, stride)]
    ticks.append(Decimal(1).scaleb(first + decades))

    def fraction(value: Decimal) -> float:
        if value <= 0:
            return 0.0
        return (math.log10(value) - first) / decades

    return _Scale(ticks=ticks, fraction=fraction)


def _gutter(scale: _Scale, label: Callable[[Decimal], str]) -> float:
    """Return the width an axis needs for its widest tick label, so "1000 Bn $US" fits and "$6B" wastes none."""
    return max(max(len(label(tick)) for tick in scale.ticks) * GLYPH_WIDTH + 12, 28.0)


def _y_axis(frame: _Frame, scale: _Scale, label: Callable[[Decimal], str], *, right: bool = False) -> SafeString:
    """Draw tick labels on one side; the left axis also draws the gridlines."""
    parts = []
    for tick in scale.ticks:
        y = frame.y(scale.fraction(tick))
        if right:
            parts.append(_text(frame.right + 6, y + 4, label(tick), "chart__tick", anchor="start"))
        else:
            parts.append(_tag("line", {"class": "chart__grid", "x1": frame.left, "x2": frame.right, "y1": y, "y2": y}))
            parts.append(_text(frame.left - 6, y + 4, label(tick), "chart__tick", anchor="end"))
    return _join(parts)


def _bands(frame: _Frame, count: int) -> tuple[list[float], float]:
    """Return the centre of each of `count` equal bands and a bar width that leaves a gap between bars."""
    slot = frame.width / count
    width = min(max(slot * 0.7, 1.0), 48.0)
    return [frame.left + slot * (i + 0.5) for i in range(count)], width


def _x_labels(frame: _Frame, centers: list[float], labels: list[str]) -> SafeString:
    """Label every nth band so that labels never overlap, with a tick mark under each labelled band."""
    slot = frame.width / len(centers)
    widest = max(len(label) for label in labels) * GLYPH_WIDTH + 14
    needed = math.ceil(widest / slot)
    # Steps that divide a year of months or quarters, so labels fall on the same periods every year.
    every = next((step for step in (1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120) if step >= needed), needed)
    parts = [_baseline(frame)]
    for index in range(0, len(labels), every):
        parts.append(_x_tick(frame, centers[index], labels[index]))
    return _join(parts)


def _time_axis(frame: _Frame, start: datetime.date, end: datetime.date) -> Callable[[datetime.date], float]:
    """Map a date to x, proportionally, with a little room on each side (half a year around a single date)."""
    first, last = _padded_range(start, end)
    span = last - first
    return lambda day: frame.left + (day.toordinal() - first) / span * frame.width


def _padded_range(start: datetime.date, end: datetime.date) -> tuple[float, float]:
    if start == end:
        return start.toordinal() - 183.0, end.toordinal() + 183.0
    padding = max((end - start).days * 0.04, 15)
    return start.toordinal() - padding, end.toordinal() + padding


def _time_labels(
    frame: _Frame, x_of: Callable[[datetime.date], float], start: datetime.date, end: datetime.date
) -> SafeString:
    """Label months, quarters or years on the first day of the period, at most about five labels."""
    first, last = (datetime.date.fromordinal(int(day)) for day in _padded_range(start, end))
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((step for step in (1, 2, 3, 6, 12, 24, 60, 120) if months / step <= 5), 240)
    skeleton = "y" if step >= 12 else "yMMM"
    # Months counted from year 0; start at the first multiple of `step` whose first day is in range.
    index = first.year * 12 + first.month - 1
    if first.day > 1:
        index += 1
    index = -(-index // step) * step
    parts = [_baseline(frame)]
    while (day := datetime.date(index // 12, index % 12 + 1, 1)) <= last:
        parts.append(_x_tick(frame, x_of(day), format_skeleton(skeleton, day, locale=current_locale())))
        index += step
    return _join(parts)


def _x_tick(frame: _Frame, x: float, label: str) -> SafeString:
    return _join(
        [
            _tag("line", {"class": "chart__axis", "x1": x, "x2": x, "y1": frame.bottom, "y2": frame.bottom + 4}),
            _text(x, frame.bottom + 17, label, "chart__tick"),
        ]
    )


def _baseline(frame: _Frame) -> SafeString:
    return _tag(
        "line", {"class": "chart__axis", "x1": frame.left, "x2": frame.right, "y1": frame.bottom, "y2": frame.bottom}
    )


# Marks


def _bar(
    center: float, width: float, bottom: float, top: float, css: str, description: str, *, hatched: str = ""
) -> SafeString:
    """Draw a bar from `bottom` up to `top`, filled with the pattern `hatched` when given."""
    attributes = {"class": css, "x": center - width / 2, "y": top, "width": width, "height": max(bottom - top, 0.0)}
    if hatched:
        attributes["fill"] = f"url(#{hatched})"
    return _tag("rect", attributes, _tag("title", {}, description))


def _polyline(points: Sequence[tuple[float, float]], css: str) -> SafeString:
    if len(points) < 2:
        return _join([])
    return _tag("polyline", {"class": css, "points": " ".join(f"{_number(x)},{_number(y)}" for x, y in points)})


def _circle(x: float, y: float, radius: float, css: str, description: str) -> SafeString:
    return _tag("circle", {"class": css, "cx": x, "cy": y, "r": radius}, _tag("title", {}, description))


def _square(x: float, y: float, half: float, css: str, description: str) -> SafeString:
    attributes = {"class": css, "x": x - half, "y": y - half, "width": half * 2, "height": half * 2}
    return _tag("rect", attributes, _tag("title", {}, description))


def _hatch(pattern_id: str) -> SafeString:
    """A diagonal hatch, so that "participated" differs from "led" by more than colour."""
    return _tag(
        "pattern",
        {"id": pattern_id, "patternUnits": "userSpaceOnUse", "width": 6, "height": 6, "patternTransform": "rotate(45)"},
        _tag("rect", {"class": "chart__hatch-ground", "width": 6, "height": 6}),
        _tag("line", {"class": "chart__hatch-line", "x1": 0, "y1": 0, "x2": 0, "y2": 6}),
    )


# Legend: a swatch draws itself at (x, y), the left middle of its 16-unit box.

Swatch = Callable[[float, float], SafeString]


def _legend(frame: _Frame, items: list[tuple[Swatch, str]]) -> SafeString:
    parts = []
    x = frame.left
    for swatch, label in items:
        parts.append(swatch(x, LEGEND_Y))
        parts.append(_text(x + 21, LEGEND_Y + 4, label, "chart__legend", anchor="start"))
        x += 21 + len(label) * GLYPH_WIDTH + 18
    return _join(parts)


def _bar_swatch(css: str, *, hatched: str = "") -> Swatch:
    fill = {"fill": f"url(#{hatched})"} if hatched else {}
    return lambda x, y: _tag("rect", {"class": css, "x": x, "y": y - 6, "width": 16, "height": 12} | fill)


def _dot_swatch(line_css: str, dot_css: str = "chart__dot") -> Swatch:
    return lambda x, y: _join(
        [
            _tag("line", {"class": line_css, "x1": x, "x2": x + 16, "y1": y, "y2": y}),
            _tag("circle", {"class": dot_css, "cx": x + 8, "cy": y, "r": 3.5}),
        ]
    )


def _step_swatch() -> Swatch:
    return lambda x, y: _join(
        [
            _tag("line", {"class": "chart__step", "x1": x, "x2": x + 16, "y1": y, "y2": y}),
            _tag("rect", {"class": "chart__step-marker", "x": x + 4.5, "y": y - 3.5, "width": 7, "height": 7}),
        ]
    )


# SVG assembly


def _svg(chart_id: str, title: str, body: list[SafeString], defs: list[SafeString] | None = None) -> SafeString:
    """Wrap the marks in an <svg> that scales to its container and is named by its <title>."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-labelledby="{}-title"><title id="{}-title">{}</title>{}{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        title,
        _tag("defs", {}, *defs) if defs else "",
        _join(body),
    )


def _empty_chart(chart_id: str, title: str, columns: list[str]) -> Chart:
    """Return a chart with no rows; its SVG only says that there is nothing to draw."""
    message = _text(WIDTH / 2, HEIGHT / 2, gettext("No data for this period"), "chart__empty")
    return Chart(title=title, svg=_svg(chart_id, title, [message]), columns=columns, rows=[], is_empty=True)


def _chart_id(kind: str, title: str, points: Sequence[tuple]) -> str:
    """Derive element ids from the content, so output is deterministic and two charts on a page differ."""
    digest = hashlib.sha1(repr((kind, title, points)).encode(), usedforsecurity=False).hexdigest()
    return f"chart-{digest[:10]}"


def _tag(name: str, attributes: dict[str, object], *children: SafeString | str) -> SafeString:
    """Build one element, escaping every attribute value and text child."""
    rendered = format_html_join("", ' {}="{}"', ((key, _attribute(value)) for key, value in attributes.items()))
    if not children:
        return format_html("<{}{}/>", name, rendered)
    return format_html("<{}{}>{}</{}>", name, rendered, _join(children), name)


def _text(x: float, y: float, content: str, css: str, *, anchor: str = "middle") -> SafeString:
    return _tag("text", {"class": css, "x": x, "y": y, "text-anchor": anchor}, content)


def _join(parts: Sequence[SafeString | str]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _attribute(value: object) -> str:
    return _number(value) if isinstance(value, float) else str(value)


def _number(value: float) -> str:
    """Format a coordinate with one decimal; adding 0.0 turns -0.0 into 0.0."""
    return f"{round(value, 1) + 0.0:.1f}"


# Text


def _money(amount: Decimal) -> str:
    return format_compact(amount, CURRENCY)


def _money_or_unknown(amount: Decimal | None) -> str:
    return gettext("Unknown") if amount is None else format_compact(amount, CURRENCY)


def _count(value: int | Decimal) -> str:
    return format_decimal(value, locale=current_locale())


def _month(day: datetime.date) -> str:
    # Rounds are often known only to the month: never show a day nobody reported.
    return format_skeleton("yMMM", day, locale=current_locale())


def _describe_period(label: str, amount: Decimal, rounds: int) -> str:
    return ngettext(
        "%(period)s: %(amount)s raised in %(count)s round",
        "%(period)s: %(amount)s raised in %(count)s rounds",
        rounds,
    ) % {"period": label, "amount": _money(amount), "count": _count(rounds)}


def _describe_round(label: str, day: datetime.date, raised: Decimal) -> str:
    return gettext("%(round)s, %(date)s: %(amount)s raised in total") % {
        "round": label,
        "date": _month(day),
        "amount": _money(raised),
    }


def _describe_valuation(label: str, day: datetime.date, valuation: Decimal) -> str:
    return gettext("%(round)s, %(date)s: %(amount)s post-money valuation") % {
        "round": label,
        "date": _month(day),
        "amount": _money(valuation),
    }


def _describe_year(year: int, led: int, participated: int) -> str:
    return gettext("%(year)s: led %(led)s, participated in %(participated)s") % {
        "year": year,
        "led": _count(led),
        "participated": _count(participated),
    }
