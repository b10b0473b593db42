"""Form pieces shared by the editors' admin and the article intake."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tracker.funding.models import CONSISTENCY_TOLERANCE, consistency_gap
from tracker.lib.money import MAX_AMOUNT, format_exact

_SUFFIXES = {
    "": Decimal("1"),
    "k": Decimal("1e3"),
    "m": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "million": Decimal("1e6"),
    "millions": Decimal("1e6"),
    "b": Decimal("1e9"),
    "bn": Decimal("1e9"),
    "md": Decimal("1e9"),
    "mds": Decimal("1e9"),
    "billion": Decimal("1e9"),
    "billions": Decimal("1e9"),
    "milliard": Decimal("1e9"),
    "milliards": Decimal("1e9"),
    "t": Decimal("1e12"),
    "tn": Decimal("1e12"),
    "trillion": Decimal("1e12"),
}
_AMOUNT = re.compile(r"^(?P<number>-?\d+(?:[.,]\d+)?)\s*(?P<suffix>[a-z]*)$")
# Group separators people type: spaces (also narrow/no-break ones), commas between thousands, apostrophes.
_GROUPS = re.compile(r"(?<=\d)[\s\u00a0\u202f'’_](?=\d{3})|(?<=\d),(?=\d{3}(?:\D|$))")


def parse_amount(text: str) -> Decimal:
    """Read "6000000000", "6 000 000 000", "6,000,000,000", "6B", "1,5 Md", "600M" as a Decimal.

    Raises ValueError for anything else.
    """
    cleaned = _GROUPS.sub("", text.strip().lower()).replace("$", "").replace("€", "").replace("£", "").strip()
    match = _AMOUNT.match(cleaned)
    if not match or match["suffix"] not in _SUFFIXES:
        raise ValueError(text)
    try:
        number = Decimal(match["number"].replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error
    return number * _SUFFIXES[match["suffix"]]


class AmountField(forms.DecimalField):
    """A decimal field that also understands "6B", "600M" and "6 000 000 000"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 18})
    default_error_messages = {
        "invalid": _("Enter an amount such as 6000000000, 6 000 000 000, 6B or 600M."),
        "too_big": _("Amounts above 10^15 are not supported; check the number of zeros."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            number = value
        else:
            try:
                number = parse_amount(str(value))
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number >= MAX_AMOUNT:
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        return number.quantize(Decimal("0.01")) if number != number.to_integral_value() else number

    def prepare_value(self, value):
        # Show a stored 25000000.00 as 25000000: editors type whole amounts.
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(value.quantize(Decimal("1")))
        return value

    def widget_attrs(self, widget):
        # Skip DecimalField's number-input attributes: "6B" must be typeable.
        return forms.Field.widget_attrs(self, widget)


def round_figure_errors(
    *,
    amount: Decimal | None,
    currency: str,
    pre: tuple[Decimal, str] | None,
    post: tuple[Decimal, str] | None,
    keep_as_reported: bool,
) -> dict[str, str]:
    """Check a round's amount against its pre- and post-money; return messages keyed by "pre", "post" or "round"."""
    errors: dict[str, str] = {}
    if pre and post and pre[1] == post[1] and post[0] < pre[0]:
        errors["post"] = str(
            _("Post-money (%(post)s) cannot be below pre-money (%(pre)s).")
            % {"post": format_exact(post[0], post[1]), "pre": format_exact(pre[0], pre[1])}
        )
        return errors
    if not (pre and post and amount is not None) or not (pre[1] == post[1] == currency):
        return errors
    gap = consistency_gap(amount, pre[0], post[0])
    if gap is not None and gap > CONSISTENCY_TOLERANCE and not keep_as_reported:
        errors["round"] = str(
            _(
                "The figures do not add up: pre-money %(pre)s + amount %(amount)s = %(sum)s, but post-money is "
                "%(post)s (%(gap)s%% apart; 1%% is tolerated). Correct them, or tick “keep as reported” on the "
                "round to save them as the source states (the round will be flagged as inconsistent)."
            )
            % {
                "pre": format_exact(pre[0], currency),
                "amount": format_exact(amount, currency),
                "sum": format_exact(pre[0] + amount, currency),
                "post": format_exact(post[0], currency),
                "gap": (gap * 100).quantize(Decimal("0.1")),
            }
        )
    return errors


def check_round_figures(round_, figures: dict[str, tuple[Decimal, str]]) -> dict[str, str]:
    """Check `figures` ({kind: (amount, currency)} for pre- and post-money) against the round's amount."""
    return round_figure_errors(
        amount=round_.amount,
        currency=round_.currency,
        pre=figures.get("pre_money"),
        post=figures.get("post_money"),
        keep_as_reported=round_.keep_as_reported,
    )
