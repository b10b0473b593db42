"""Small GET forms of the public pages: the dashboard period and the search box.

They validate what a visitor (or a bot) puts in the address bar; a bad value
becomes a message on the page and the default is used instead.
"""

import datetime
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from tracker.web.periods import CUSTOM, DEFAULT_PRESET, PRESETS, Period, preset_period

SEARCH_MAX_LENGTH = 200


class DateInput(forms.DateInput):
    """A native date picker; it always submits ISO dates, which every locale accepts."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """A select built in Python, for long lists (countries, currencies).

    Django renders each option through a template, about 0.1 ms each: the
    550 options of the rounds filters would cost more than the page's queries.
    """

    def render(self, name: str, value, attrs: dict | None = None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for key, label in self.choices:
            selected = " selected" if str(key) in chosen else ""
            options.append(f'<option value="{escape(str(key))}"{selected}>{escape(str(label))}</option>')
        select_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        # Safe: every value and label is escaped above, flatatt escapes the attributes.
        return mark_safe(f'<select name="{escape(name)}"{select_attrs}>{"".join(options)}</select>')


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[(key, label) for key, (_months, label) in PRESETS.items()] + [(CUSTOM, _("Custom dates"))],
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end date must not be before the start date."))
        elif start and not end and start > timezone.localdate():
            # Without an end date the period ends today, so a future start leaves nothing.
            self.add_error("start", _("The start date must not be after today."))
        return data

    def get_period(self, today: datetime.date) -> Period:
        """Return the chosen period, or the default one when the form is invalid or empty."""
        if not self.is_bound or not self.is_valid():
            return preset_period(DEFAULT_PRESET, today)
        preset = self.cleaned_data.get("period") or ""
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if preset == CUSTOM or (not preset and (start or end)):
            return Period(CUSTOM, start, end or today)
        return preset_period(preset or DEFAULT_PRESET, today)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search companies and investors"),
        required=False,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
