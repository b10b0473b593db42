"""Dashboard periods ("last 12 months", custom dates) and the monthly or quarterly buckets of its chart."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from babel.dates import format_skeleton
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tracker.lib.money import current_locale

# Preset key -> (number of calendar months including the current one, label); None = all time.
PRESETS: dict[str, tuple[int | None, Promise]] = {
    "3m": (3, _("3 months")),
    "12m": (12, _("12 months")),
    "24m": (24, _("24 months")),
    "5y": (60, _("5 years")),
    "all": (None, _("All time")),
}
DEFAULT_PRESET = "12m"
CUSTOM = "custom"
# Longer charts switch from one bar per month to one per quarter.
QUARTERLY_AFTER_MONTHS = 36
# A custom range reaching back to year 1 must not draw 24,000 empty bars: beyond
# this span the axis shrinks to the months that hold rounds.
MAX_AXIS_MONTHS = 600

ZERO = Decimal("0")


@dataclass(frozen=True)
class Period:
    """A range of announcement dates; `start` None means since the first round."""

    preset: str
    start: datetime.date | None
    end: datetime.date

    @property
    def is_custom(self) -> bool:
        return self.preset == CUSTOM


@dataclass(frozen=True)
class Bucket:
    """One bar of the dashboard chart: a month or a quarter."""

    start: datetime.date
    label: str
    raised_usd: Decimal
    rounds: int


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the first day of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_span(start: datetime.date, end: datetime.date) -> int:
    """Count the calendar months from `start`'s to `end`'s, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def preset_period(preset: str, today: datetime.date) -> Period:
    """Return a preset period: whole calendar months up to and including the current one."""
    months, _label = PRESETS[preset]
    if months is None:
        return Period(preset, None, today)
    return Period(preset, add_months(today, -(months - 1)), today)


def chart_axis(
    period: Period, first_on: datetime.date | None, last_on: datetime.date | None
) -> tuple[datetime.date, datetime.date] | None:
    """Return the first and last month the chart shows, or None when there is nothing to draw."""
    if first_on is None or last_on is None:
        return None
    start = month_start(period.start or first_on)
    end = month_start(period.end)
    if month_span(start, end) > MAX_AXIS_MONTHS:
        start = max(start, month_start(first_on))
    if month_span(start, end) > MAX_AXIS_MONTHS:
        end = min(end, month_start(last_on))
    return start, end


def buckets(
    monthly: dict[datetime.date, tuple[Decimal, int]], start: datetime.date, end: datetime.date
) -> tuple[bool, list[Bucket]]:
    """Fill every month from `start` to `end` (zero when empty); roll months into quarters on long axes.

    Returns whether the buckets are quarters, and the buckets in date order.
    """
    quarterly = month_span(start, end) > QUARTERLY_AFTER_MONTHS
    locale = current_locale()
    totals: dict[datetime.date, list] = {}
    month = start
    while month <= end:
        key = month.replace(month=(month.month - 1) // 3 * 3 + 1) if quarterly else month
        raised, rounds = monthly.get(month, (ZERO, 0))
        total = totals.setdefault(key, [ZERO, 0])
        total[0] += raised
        total[1] += rounds
        month = add_months(month, 1)
    skeleton = "yQQQ" if quarterly else "yMMM"
    return quarterly, [
        Bucket(key, format_skeleton(skeleton, key, locale=locale), raised, rounds)
        for key, (raised, rounds) in totals.items()
    ]
