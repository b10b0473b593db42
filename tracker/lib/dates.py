"""Dates known to a precision: a day, a month, a quarter or a year.

A fact reported as "July 2023" is stored as 2023-07-01 with precision MONTH and
is always shown as "July 2023", never as a day that nobody reported.
"""

import datetime

from babel.dates import format_date, format_skeleton
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tracker.lib.money import current_locale


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")

    def truncate(self, day: datetime.date) -> datetime.date:
        """Return the first day of the period that contains `day`."""
        if self is DatePrecision.DAY:
            return day
        if self is DatePrecision.MONTH:
            return day.replace(day=1)
        if self is DatePrecision.QUARTER:
            return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return day.replace(month=1, day=1)

    def is_aligned(self, day: datetime.date) -> bool:
        return self.truncate(day) == day

    @classmethod
    def aligned_q(cls, date_field: str, precision_field: str) -> Q:
        """A Q usable in a CheckConstraint: the date is the first day of its period (or empty)."""
        return (
            Q(**{f"{date_field}__isnull": True})
            | Q(**{precision_field: cls.DAY})
            | Q(**{precision_field: cls.MONTH, f"{date_field}__day": 1})
            | Q(**{precision_field: cls.QUARTER, f"{date_field}__day": 1, f"{date_field}__month__in": [1, 4, 7, 10]})
            | Q(**{precision_field: cls.YEAR, f"{date_field}__day": 1, f"{date_field}__month": 1})
        )


def format_at_precision(day: datetime.date | None, precision: str, locale: str | None = None) -> str:
    """Format a date at its precision: "May 26, 2024", "July 2023", "Q2 2024", "2023" (in English)."""
    if day is None:
        return ""
    loc = current_locale(locale)
    precision = DatePrecision(precision or DatePrecision.DAY)
    if precision is DatePrecision.DAY:
        return format_date(day, format="long", locale=loc)
    if precision is DatePrecision.MONTH:
        return format_skeleton("yMMMM", day, locale=loc)
    if precision is DatePrecision.QUARTER:
        return format_skeleton("yQQQ", day, locale=loc)
    return format_skeleton("y", day, locale=loc)
