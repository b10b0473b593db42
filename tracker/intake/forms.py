"""Forms of the "Add from article" workflow: the article, then the reviewed draft."""

import datetime
import json
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from tracker.funding.forms import AmountField, round_figure_errors
from tracker.funding.models import (
    CitationFact,
    Company,
    FundingRound,
    Investor,
    ParticipationRole,
    RoundStatus,
    RoundType,
    SourceLanguage,
)
from tracker.intake.matching import Candidate, same_round_candidates
from tracker.intake.services import ArticleData, Figure, InvestorData, RoundData
from tracker.lib.codes import CURRENCY_CODES
from tracker.lib.dates import DatePrecision
from tracker.lib.text import name_key

# One article, however long, is far below this; the text also travels back with the review form.
MAX_ARTICLE_CHARS = 200_000
MAX_HTML_BYTES = 5 * 1024 * 1024
NEW = "new"

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
# Control characters other than tab and newlines mean the input is not text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str) -> str:
    """Use \\n line ends (browsers post \\r\\n), so evidence offsets stay valid when the text is posted again."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, *, field_label: str) -> None:
    if "\x00" in text or len(_CONTROL_RE.findall(text[:10_000])) > 10:
        raise ValidationError(
            _(
                "The %(field)s is not text (it contains binary data such as NUL bytes). "
                "Paste the article's words, or upload the page saved as HTML."
            ),
            code="binary",
            params={"field": field_label},
        )
    if len(text) > MAX_ARTICLE_CHARS:
        raise ValidationError(
            _("The %(field)s is %(length)s characters long; one article is at most %(limit)s. Paste only the article."),
            code="too_long",
            params={
                "field": field_label,
                "length": number_format(len(text), force_grouping=True),
                "limit": number_format(MAX_ARTICLE_CHARS, force_grouping=True),
            },
        )


def _decode_html(data: bytes) -> str:
    """Decode a saved page: UTF-8 (with or without BOM), else the charset it declares, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET_RE.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("windows-1252", errors="replace")


def _valid_url(url: str | None) -> str:
    url = (url or "").strip()
    try:
        URLValidator()(url)
    except ValidationError:
        return ""
    return url[:1000]


def default_title(text: str) -> str:
    """The article's first line, for a source pasted without a title."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:200]


class ArticleForm(forms.Form):
    """Step 1: the article, pasted or uploaded as a saved HTML page."""

    text = forms.CharField(
        label=_("Article text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80, "placeholder": _("Paste the article's text here.")}),
    )
    html_file = forms.FileField(
        label=_("…or a saved web page"),
        required=False,
        help_text=_("An .html file saved from the browser (File › Save page as). Nothing is downloaded."),
        widget=forms.ClearableFileInput(attrs={"accept": ".html,.htm,text/html"}),
    )
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, assume_scheme="https")
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    published_on = forms.DateField(
        label=_("Published"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("YYYY-MM-DD")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Its own check below explains NUL bytes better than Django's generic message.
        self.fields["text"].validators = []

    def clean_text(self) -> str:
        text = normalize_text(self.cleaned_data.get("text") or "").strip()
        if text:
            _check_text(text, field_label=_("pasted text"))
        return text

    def clean_html_file(self):
        upload = self.cleaned_data.get("html_file")
        if not upload:
            return None
        if upload.size > MAX_HTML_BYTES:
            raise ValidationError(
                _("This file is %(size)s MB; a saved article page is at most %(limit)s MB."),
                params={"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_HTML_BYTES // 1024 // 1024},
            )
        data = upload.read()
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ValidationError(_("This file is not a web page (it contains binary data). Upload an .html file."))
        return _decode_html(data)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        text, html = data.get("text"), data.get("html_file")
        if text and html:
            raise ValidationError(_("Paste the text or upload a page, not both."))
        if not text and not html:
            self.add_error("text", _("Paste the article's text, or upload the page saved as HTML."))
            return data
        page_meta: dict[str, Any] = {}
        if html:
            from tracker.intake.extraction import extract_from_html

            page = extract_from_html(html)
            text = normalize_text(page.text or "").strip()
            if not text:
                self.add_error("html_file", _("No article text was found in this page."))
                return data
            try:
                _check_text(text, field_label=_("page's text"))
            except ValidationError as error:
                self.add_error("html_file", error)
                return data
            page_meta = {
                "title": page.title,
                "publisher": page.publisher,
                "url": _valid_url(page.url),
                "published_on": page.published,
                "language": page.language,
            }
        title = data.get("title") or page_meta.get("title") or default_title(text)
        self.article = ArticleData(
            title=title.strip()[:500],
            text=text,
            url=data.get("url") or page_meta.get("url") or "",
            publisher=(data.get("publisher") or page_meta.get("publisher") or "")[:200],
            published_on=data.get("published_on") or page_meta.get("published_on"),
            language=page_meta.get("language") or "",
        )
        return data


class CandidateSelect(forms.Select):
    """A select of match candidates: "create new" or a known row."""


def candidate_choices(candidates: list[Candidate], *, new_label: str) -> list[tuple[str, str]]:
    choices = [(NEW, new_label)]
    for candidate in candidates:
        if candidate.score <= 0:
            how = _("chosen")
        elif candidate.exact:
            how = (
                _("same name")
                if candidate.matched == candidate.name
                else _("alias “%(alias)s”") % {"alias": candidate.matched}
            )
        else:
            how = _("%(score)s%% similar") % {"score": candidate.score}
        choices.append((str(candidate.pk), f"{candidate.name} ({how})"))
    return choices


def _pk_or_new(value: str) -> str:
    value = (value or "").strip()
    if value != NEW and not value.isdigit():
        raise ValidationError(_("Choose a match in the list."), code="invalid_choice")
    return value


def round_choice_label(round_: FundingRound) -> str:
    return _("Update existing round #%(pk)s (%(label)s, %(date)s, %(status)s)") % {
        "pk": round_.pk,
        "label": round_.display_label,
        "date": round_.announced_display,
        "status": round_.get_status_display(),
    }


def _blank(choices) -> list[tuple[str, str]]:
    return [("", "---------"), *choices]


class EvidenceField(forms.CharField):
    """The sentence behind each extracted value and its offsets, as JSON: {field: {quote, start, end}}."""

    widget = forms.HiddenInput

    def to_python(self, value) -> dict[str, dict]:
        if not value:
            return {}
        try:
            data = json.loads(value)
        except ValueError:
            return {}
        evidence: dict[str, dict] = {}
        if not isinstance(data, dict):
            return evidence
        for key, item in data.items():
            if not isinstance(key, str) or not isinstance(item, dict) or not isinstance(item.get("quote"), str):
                continue
            start, end = item.get("start"), item.get("end")
            valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end
            evidence[key[:40]] = {
                "quote": item["quote"][:2000],
                "start": start if valid else None,
                "end": end if valid else None,
            }
        return evidence

    def prepare_value(self, value) -> str:
        return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else (value or "")


class ReviewForm(forms.Form):
    """Step 2: the extracted draft as the editor confirms it."""

    # The article travels with the form, so nothing is stored before the editor saves.
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    evidence = EvidenceField(required=False)

    company_name = forms.CharField(label=_("Company"), max_length=200)
    company_match = forms.CharField(label=_("Company in the tracker"), widget=CandidateSelect)
    round_choice = forms.CharField(label=_("Same round?"), required=False, widget=forms.RadioSelect)

    round_type = forms.ChoiceField(label=_("Type"), choices=_blank(RoundType.choices))
    label = forms.CharField(label=_("Label as reported"), required=False, max_length=120)
    status = forms.ChoiceField(label=_("Status"), choices=RoundStatus.choices)
    announced_on = forms.DateField(label=_("Announced"), widget=forms.DateInput(attrs={"type": "date"}))
    announced_precision = forms.ChoiceField(label=_("known to the"), choices=DatePrecision.choices)
    closed_on = forms.DateField(label=_("Closed"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    closed_precision = forms.ChoiceField(label=_("known to the"), choices=DatePrecision.choices, initial="day")

    amount = AmountField(label=_("Amount raised"), required=False, help_text=_("Empty when undisclosed."))
    currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, widget=forms.TextInput(attrs={"size": 4})
    )
    target_amount = AmountField(label=_("Target amount"), required=False, help_text=_("What it seeks to raise."))
    pre_money = AmountField(label=_("Pre-money valuation"), required=False)
    post_money = AmountField(label=_("Post-money valuation"), required=False)
    valuation = AmountField(label=_("Valuation (unqualified)"), required=False)
    valuation_currency = forms.CharField(
        label=_("Valuation currency"), max_length=3, required=False, widget=forms.TextInput(attrs={"size": 4})
    )
    keep_as_reported = forms.BooleanField(
        label=_("Keep as reported"),
        required=False,
        help_text=_("Save figures that do not add up; the round is flagged as inconsistent."),
    )
    investor_list_complete = forms.BooleanField(
        label=_("Investor list complete"), required=False, help_text=_("Untick when the article says “among others”.")
    )

    title = forms.CharField(label=_("Title"), max_length=500)
    url = forms.URLField(label=_("URL"), required=False, max_length=1000, assume_scheme="https")
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    published_on = forms.DateField(label=_("Published"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language"), choices=SourceLanguage.choices)

    def __init__(
        self,
        *args,
        company_candidates: list[Candidate] | None = None,
        round_candidates: list[FundingRound] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.company: Company | None = None
        self.set_company_candidates(company_candidates or [])
        self.set_round_candidates(round_candidates or [])
        self.fields["text"].validators = []

    def set_company_candidates(self, candidates: list[Candidate]) -> None:
        name = self["company_name"].value() or ""
        self.fields["company_match"].widget.choices = candidate_choices(
            candidates, new_label=_("Create a new company “%(name)s”") % {"name": name}
        )

    def set_round_candidates(self, rounds: list[FundingRound]) -> None:
        self.round_candidates = rounds
        self.fields["round_choice"].widget.choices = [
            *[(str(r.pk), round_choice_label(r)) for r in rounds],
            (NEW, _("Create a new round")),
        ]

    def clean_text(self) -> str:
        text = normalize_text(self.cleaned_data["text"])
        _check_text(text, field_label=_("article text"))
        return text

    def clean_company_match(self) -> str:
        return _pk_or_new(self.cleaned_data.get("company_match"))

    def clean_round_choice(self) -> str:
        value = (self.cleaned_data.get("round_choice") or "").strip()
        if value and value != NEW and not value.isdigit():
            raise ValidationError(_("Choose a round in the list."))
        return value

    def _clean_currency(self, field: str) -> str:
        code = (self.cleaned_data.get(field) or "").strip().upper()
        if code and code not in CURRENCY_CODES:
            self.add_error(
                field, _("“%(code)s” is not an ISO 4217 currency code (e.g. USD, EUR, GBP).") % {"code": code}
            )
        return code

    def clean_currency(self) -> str:
        return self._clean_currency("currency")

    def clean_valuation_currency(self) -> str:
        return self._clean_currency("valuation_currency")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self._clean_company(data)
        self._clean_money(data)
        self._clean_dates(data)
        self._clean_round_choice(data)
        return data

    def _clean_company(self, data: dict) -> None:
        match, name = data.get("company_match"), (data.get("company_name") or "").strip()
        if match == NEW and name:
            clash = Company.objects.filter(name_key=name_key(name)).first()
            if clash is not None:
                self.add_error(
                    "company_match",
                    _("A company named “%(name)s” already exists: choose it in the list.") % {"name": clash.name},
                )
        elif match and match != NEW:
            self.company = Company.objects.filter(pk=int(match)).first()
            if self.company is None:
                self.add_error("company_match", _("This company no longer exists; choose another or create it."))

    def _clean_money(self, data: dict) -> None:
        for field in ("amount", "target_amount", "pre_money", "post_money", "valuation"):
            value = data.get(field)
            if value is not None and value <= 0:
                self.add_error(
                    field, _("Enter a positive amount, or leave it empty when it was not disclosed (never 0).")
                )
                data[field] = None
        has_amount = data.get("amount") is not None or data.get("target_amount") is not None
        if has_amount and not data.get("currency") and "currency" not in self.errors:
            self.add_error("currency", _("Enter the currency of the amount (ISO 4217, e.g. USD, EUR)."))
        has_valuation = any(data.get(f) is not None for f in ("pre_money", "post_money", "valuation"))
        if not data.get("valuation_currency") and has_valuation:
            data["valuation_currency"] = data.get("currency") or ""
            if not data["valuation_currency"] and "currency" not in self.errors:
                self.add_error("valuation_currency", _("Enter the currency of the valuation."))
        if not data.get("currency"):
            data["currency"] = data.get("valuation_currency") or "USD"
        if self.errors:
            return
        currency, valuation_currency = data["currency"], data.get("valuation_currency") or data["currency"]
        pre, post = data.get("pre_money"), data.get("post_money")
        errors = round_figure_errors(
            amount=data.get("amount"),
            currency=currency,
            pre=(pre, valuation_currency) if pre is not None else None,
            post=(post, valuation_currency) if post is not None else None,
            keep_as_reported=bool(data.get("keep_as_reported")),
        )
        for message in errors.values():
            self.add_error("post_money", message)

    def _clean_dates(self, data: dict) -> None:
        for field, precision_field in (("announced_on", "announced_precision"), ("closed_on", "closed_precision")):
            day, precision = data.get(field), data.get(precision_field)
            if day is None or not precision:
                continue
            precision = DatePrecision(precision)
            if not precision.is_aligned(day):
                self.add_error(
                    field,
                    _(
                        "This date is known to the %(precision)s only: enter the first day of the %(precision)s "
                        "(%(suggestion)s)."
                    )
                    % {"precision": precision.label, "suggestion": precision.truncate(day).isoformat()},
                )
        announced, closed = data.get("announced_on"), data.get("closed_on")
        if announced and closed and closed < announced:
            self.add_error(
                "closed_on",
                _("A round cannot close (%(closed)s) before it was announced (%(announced)s).")
                % {"closed": closed.isoformat(), "announced": announced.isoformat()},
            )

    def _clean_round_choice(self, data: dict) -> None:
        """Offer the company's rounds that this article may report again; the editor decides."""
        choice = data.get("round_choice") or ""
        if self.company is None:
            data["round_choice"] = NEW
            return
        if choice and choice != NEW:
            round_ = FundingRound.objects.filter(pk=int(choice), company=self.company).select_related("company").first()
            if round_ is None:
                self.add_error(
                    "round_choice", _("This round is not one of %(company)s's rounds.") % {"company": self.company}
                )
            return
        if choice == NEW or "announced_on" not in data:
            return
        candidates = same_round_candidates(
            company_id=self.company.pk, round_type=data.get("round_type"), announced_on=data.get("announced_on")
        )
        if candidates:
            self.set_round_candidates(candidates)
            self.add_error(
                "round_choice",
                _("%(company)s already has a round like this one: update it, or create a new round.")
                % {"company": self.company},
            )

    def service_kwargs(self, investors: list[InvestorData]) -> dict[str, Any]:
        """The keyword arguments of save_reviewed_round for the cleaned form."""
        data = self.cleaned_data
        evidence = data.get("evidence") or {}

        def quote(key: str) -> str:
            return (evidence.get(key) or {}).get("quote", "")

        def figure(field: str) -> Figure | None:
            if data.get(field) is None:
                return None
            return Figure(data[field], data.get("valuation_currency") or data["currency"], quote(field))

        language = data.get("language") or SourceLanguage.OTHER
        return {
            "article": ArticleData(
                title=data["title"],
                text=data["text"],
                url=data.get("url") or "",
                publisher=data.get("publisher") or "",
                language=language,
                published_on=data.get("published_on"),
            ),
            "company_id": self.company.pk if self.company else None,
            "company_name": data["company_name"],
            "attach_to_id": int(data["round_choice"]) if data.get("round_choice", NEW) not in ("", NEW) else None,
            "round_data": RoundData(
                round_type=data["round_type"],
                label=data.get("label") or "",
                status=data["status"],
                announced_on=data["announced_on"],
                announced_precision=data["announced_precision"],
                closed_on=data.get("closed_on"),
                closed_precision=data.get("closed_precision") or DatePrecision.DAY,
                amount=data.get("amount"),
                currency=data["currency"],
                target_amount=data.get("target_amount"),
                investor_list_complete=bool(data.get("investor_list_complete")),
                keep_as_reported=bool(data.get("keep_as_reported")),
                pre_money=figure("pre_money"),
                post_money=figure("post_money"),
                reported_valuation=figure("valuation"),
                quotes={
                    CitationFact.AMOUNT: quote("amount") or quote("target_amount"),
                    CitationFact.STATUS: quote("status"),
                    CitationFact.DATE: quote("announced_on"),
                    CitationFact.TYPE: quote("round_type") or quote("round_label"),
                },
            ),
            "investors": investors,
        }


class InvestorRowForm(forms.Form):
    """One investor of the draft: keep it or not, its name, role and match in the tracker."""

    include = forms.BooleanField(label=_("Include"), required=False, initial=True)
    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=ParticipationRole.choices, initial=ParticipationRole.PARTICIPANT)
    match = forms.CharField(label=_("In the tracker"), required=False, widget=CandidateSelect)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_candidates([])

    def set_candidates(self, candidates: list[Candidate]) -> None:
        name = self["name"].value() or ""
        label = _("Create a new investor “%(name)s”") % {"name": name} if name else _("Create a new investor")
        self.fields["match"].widget.choices = candidate_choices(candidates, new_label=label)

    def clean_match(self) -> str:
        return _pk_or_new(self.cleaned_data.get("match") or NEW)

    @property
    def wanted(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("include") and (data.get("name") or "").strip())


class BaseInvestorFormSet(forms.BaseFormSet):
    """Check the chosen investors exist and that no investor is listed twice."""

    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [form for form in self.forms if form.wanted]
        pks = {int(form.cleaned_data["match"]) for form in rows if form.cleaned_data["match"] != NEW}
        known = Investor.objects.in_bulk(pks) if pks else {}
        seen: set[str] = set()
        for form in rows:
            match = form.cleaned_data["match"]
            if match != NEW and int(match) not in known:
                form.add_error("match", _("This investor no longer exists; choose another or create it."))
                continue
            identity = f"pk:{match}" if match != NEW else f"key:{name_key(form.cleaned_data['name'])}"
            if identity in seen:
                form.add_error("name", _("This investor is listed twice; untick one of the rows."))
            seen.add(identity)

    def investors(self, *, text: str, quote: str) -> list[InvestorData]:
        """The included investors, for save_reviewed_round, each with the sentence that names it."""
        result = []
        for form in self.forms:
            if not form.wanted:
                continue
            data = form.cleaned_data
            name = data["name"].strip()
            investor_id = int(data["match"]) if data["match"] != NEW else None
            cited = quote if name_key(name) in name_key(quote) else sentence_naming(text, name)
            result.append(InvestorData(name=name, role=data["role"], investor_id=investor_id, quote=cited))
        return result


_SENTENCE_END_RE = re.compile(r"[.!?…](?=\s)|\n")


def sentence_naming(text: str, name: str) -> str:
    """The first sentence of the text that contains `name` (ignoring case), or ""."""
    found = text.casefold().find(name.casefold()) if name else -1
    if found < 0 or len(text) != len(text.casefold()):
        return ""
    start = 0
    for match in _SENTENCE_END_RE.finditer(text, 0, found):
        start = match.end()
    end_match = _SENTENCE_END_RE.search(text, found + len(name))
    end = end_match.end() if end_match else len(text)
    return text[start:end].strip()[:1000]


InvestorFormSet = forms.formset_factory(InvestorRowForm, formset=BaseInvestorFormSet, extra=2, max_num=100)


def draft_initial(draft: Any, *, article: ArticleData) -> dict[str, Any]:
    """The review form's initial values from an extraction Draft and the article's metadata."""
    language = draft.language if draft.language in SourceLanguage.values else SourceLanguage.OTHER
    announced_on: datetime.date | None = draft.announced_on
    precision = draft.announced_precision or DatePrecision.DAY
    if announced_on is None and article.published_on:
        announced_on, precision = article.published_on, DatePrecision.DAY
    currency = draft.currency or draft.valuation_currency or ""
    if draft.amount is None and draft.target_amount is None and not currency:
        currency = "USD"
    return {
        "text": article.text,
        "company_name": draft.company or "",
        "round_type": draft.round_type or "",
        "label": draft.round_label or "",
        "status": draft.status or RoundStatus.ANNOUNCED,
        "announced_on": announced_on,
        "announced_precision": precision,
        "closed_precision": DatePrecision.DAY,
        "amount": _plain(draft.amount),
        "currency": currency,
        "target_amount": _plain(draft.target_amount),
        "pre_money": _plain(draft.pre_money),
        "post_money": _plain(draft.post_money),
        "valuation": _plain(draft.valuation),
        "valuation_currency": draft.valuation_currency or "",
        "investor_list_complete": draft.investor_list_complete is not False,
        "keep_as_reported": False,
        "title": article.title,
        "url": article.url,
        "publisher": article.publisher,
        "published_on": article.published_on,
        "language": language,
    }


def _plain(amount: Decimal | None) -> str:
    """Show an amount the way editors type it: 6000000000, not 6E+9."""
    if amount is None:
        return ""
    return format(amount.normalize(), "f") if amount == amount.to_integral_value() else str(amount)
