"""The editors' tool: entering companies, rounds, investors and sources."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.db.models import Count, Max, Min, Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tracker.funding.forms import AmountField, check_round_figures
from tracker.funding.models import (
    Citation,
    Company,
    Founder,
    FundingRound,
    Investor,
    InvestorAlias,
    Participation,
    Sector,
    Source,
    Valuation,
    ValuationKind,
)
from tracker.lib.dates import format_at_precision
from tracker.lib.money import format_compact, format_exact

admin.site.site_header = _("Funding tracker – editors")
admin.site.site_title = _("Funding tracker")
admin.site.index_title = _("Data entry")
admin.site.site_url = "/"

AMOUNT_OVERRIDES = {models.DecimalField: {"form_class": AmountField}}
# Currency codes are three letters: a narrow box keeps inline rows within the page.
CURRENCY_WIDGET = forms.TextInput(attrs={"size": 4, "maxlength": 3, "style": "width:4em;text-transform:uppercase"})


class NarrowCurrencyMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "currency":
            kwargs["widget"] = CURRENCY_WIDGET
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def money_html(amount, currency: str, amount_usd=None) -> str:
    """Render "$6B" with the exact figure on hover, plus the USD value when the currency differs."""
    if amount is None:
        return format_html('<span class="undisclosed">{}</span>', _("undisclosed"))
    native = format_html('<span title="{}">{}</span>', format_exact(amount, currency), format_compact(amount, currency))
    if currency == "USD":
        return native
    if amount_usd is None:
        return format_html("{} <small>({})</small>", native, _("no USD rate"))
    return format_html(
        '{} <small title="{}">≈ {}</small>', native, format_exact(amount_usd, "USD"), format_compact(amount_usd, "USD")
    )


class YearListFilter(admin.SimpleListFilter):
    """Filter rounds by the year they were announced."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        # First and last years from the date index: listing distinct years scans every round.
        span = FundingRound.objects.aggregate(first=Min("announced_on"), last=Max("announced_on"))
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(announced_on__year=int(value))
        return queryset


class CurrencyListFilter(admin.SimpleListFilter):
    title = _("currency")
    parameter_name = "currency"

    def lookups(self, request, model_admin):
        codes = FundingRound.objects.order_by("currency").values_list("currency", flat=True).distinct()
        return [(code, code) for code in codes]

    def queryset(self, request, queryset):
        return queryset.filter(currency=self.value()) if self.value() else queryset


class CountryListFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"
    field = "country"

    def lookups(self, request, model_admin):
        codes = Company.objects.exclude(country="").order_by("country").values_list("country", flat=True).distinct()
        return [(code, code) for code in codes]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        field = "company__country" if queryset.model is not Company else "country"
        return queryset.filter(**{field: self.value()})


# --- inlines -----------------------------------------------------------------


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its selected object from objects already loaded.

    Django's widget runs one query per inline row to label the selected value;
    the inline's queryset has already fetched those objects with select_related.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Shared by the copies Django makes for each inline form.
        self.preloaded: dict[str, models.Model] = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.preloaded.keys():
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        for key in sorted(selected):
            obj = self.preloaded[key]
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class PreloadedChoicesFormSet(forms.BaseInlineFormSet):
    """Hand each row's already-loaded related objects to its autocomplete widgets."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for form in self.initial_forms:
            for name, field in form.fields.items():
                widget = getattr(field.widget, "widget", field.widget)
                related = (
                    getattr(form.instance, name, None) if isinstance(widget, PreloadedAutocompleteSelect) else None
                )
                if related is not None:
                    widget.preloaded[str(related.pk)] = related


class PreloadedAutocompleteInline:
    """Inline mixin: autocomplete fields without a query per row."""

    formset = PreloadedChoicesFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FounderInline(admin.TabularInline):
    model = Founder
    extra = 1


class CompanyRoundInline(NarrowCurrencyMixin, admin.TabularInline):
    model = FundingRound
    fields = ["round_type", "label", "status", "announced_on", "announced_precision", "amount", "currency"]
    formfield_overrides = AMOUNT_OVERRIDES
    show_change_link = True
    extra = 0


class ValuationFormSet(forms.BaseInlineFormSet):
    """Check each round's pre-money, post-money and amount together, and save them in a safe order.

    Used inline on a round (the round is the form's instance) and on a company
    (each row names its round).
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The stored counterpart may be edited in this same formset: judge here, not per row.
        form.instance.figures_checked_by_form = True
        form.parent_round = self.instance if isinstance(self.instance, FundingRound) else None
        return form

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        # Keyed by id(): on the add page the round is not saved yet, so not hashable.
        by_round: dict[int, tuple[FundingRound, dict[str, tuple]]] = {}
        forms_by_key: dict[tuple[int, str], forms.Form] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("amount") is None:
                continue
            round_ = self.instance if isinstance(self.instance, FundingRound) else data.get("round")
            kind = data.get("kind")
            if round_ is None or kind not in (ValuationKind.PRE_MONEY, ValuationKind.POST_MONEY):
                continue
            figures = by_round.setdefault(id(round_), (round_, {}))[1]
            if kind in figures:
                form.add_error("kind", _("A round has only one %(kind)s figure.") % {"kind": ValuationKind(kind).label})
                continue
            figures[kind] = (data["amount"], data.get("currency") or round_.currency)
            forms_by_key[(id(round_), kind)] = form
        for round_, figures in by_round.values():
            if round_ is not self.instance:
                self._add_stored_figures(round_, figures)
            errors = check_round_figures(round_, figures)
            if "post" in errors:
                form = (
                    forms_by_key.get((id(round_), ValuationKind.POST_MONEY))
                    or forms_by_key[(id(round_), ValuationKind.PRE_MONEY)]
                )
                form.add_error("amount", errors["post"])
            if "round" in errors:
                raise forms.ValidationError(errors["round"], code="inconsistent")

    def _add_stored_figures(self, round_: FundingRound, figures: dict) -> None:
        """Complete a round's figures with stored ones that this formset does not show."""
        shown = {form.instance.pk for form in self.initial_forms}
        for valuation in round_.valuations.filter(kind__in=[ValuationKind.PRE_MONEY, ValuationKind.POST_MONEY]):
            if valuation.pk not in shown:
                figures.setdefault(valuation.kind, (valuation.amount, valuation.currency))

    def save_existing_objects(self, commit=True):
        # The database refuses post-money below pre-money at every statement, so
        # when both change, write first the one that keeps them in order: the
        # post-money first when it rises, the pre-money first otherwise.
        def order(form) -> int:
            data = getattr(form, "cleaned_data", {}) or {}
            if data.get("DELETE"):
                return 0
            if form.instance.kind == ValuationKind.POST_MONEY and data.get("amount") is not None:
                stored = form.initial.get("amount")
                return 1 if stored is not None and data["amount"] > stored else 3
            return 2

        forms_in_order = sorted(self.initial_forms, key=order)
        original = self.forms
        self.forms = forms_in_order + original[len(forms_in_order) :]
        try:
            return super().save_existing_objects(commit)
        finally:
            self.forms = original


class RoundValuationForm(forms.ModelForm):
    """A valuation typed on its round: date and currency default to the round's."""

    class Meta:
        model = Valuation
        fields = ["kind", "valued_on", "valued_precision", "amount", "currency"]
        help_texts = {"valued_on": _("Empty: the round's announcement date."), "currency": _("Empty: the round's.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valued_on"].required = False
        self.fields["currency"].required = False
        if not self.instance.pk:
            self.initial["currency"] = ""

    def clean(self):
        data = super().clean()
        round_ = getattr(self, "parent_round", None)
        if round_ is not None and data.get("amount") is not None:
            if not data.get("valued_on") and round_.announced_on:
                data["valued_on"] = round_.announced_on
                data["valued_precision"] = round_.announced_precision
            if not data.get("currency"):
                data["currency"] = round_.currency
        return data


class RoundValuationInline(NarrowCurrencyMixin, admin.TabularInline):
    model = Valuation
    form = RoundValuationForm
    formset = ValuationFormSet
    fk_name = "round"
    fields = ["kind", "valued_on", "valued_precision", "amount", "currency"]
    formfield_overrides = AMOUNT_OVERRIDES
    extra = 2
    max_num = 3

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company")


class CompanyValuationInline(NarrowCurrencyMixin, admin.TabularInline):
    model = Valuation
    formset = ValuationFormSet
    fk_name = "company"
    fields = ["kind", "valued_on", "valued_precision", "amount", "currency", "round"]
    formfield_overrides = AMOUNT_OVERRIDES
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "round__company")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "round":
            company_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            kwargs["queryset"] = FundingRound.objects.filter(company_id=company_id).select_related("company")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParticipationInline(NarrowCurrencyMixin, PreloadedAutocompleteInline, admin.TabularInline):
    model = Participation
    autocomplete_fields = ["investor"]
    fields = ["investor", "role", "amount", "currency"]
    formfield_overrides = AMOUNT_OVERRIDES
    extra = 3

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("investor", "round__company")


class RoundCitationInline(PreloadedAutocompleteInline, admin.StackedInline):
    model = Citation
    fk_name = "round"
    autocomplete_fields = ["source"]
    fields = [("source", "fact"), "quote"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "round__company")


class AliasInline(admin.TabularInline):
    model = InvestorAlias
    fk_name = "investor"
    fields = ["name"]
    extra = 1
    verbose_name = _("alias")
    verbose_name_plural = _("aliases (other names, e.g. “a16z”)")


class SourceCitationInline(admin.TabularInline):
    """What cites this source; read-only, citations are edited from the round."""

    model = Citation
    fk_name = "source"
    fields = ["subject_link", "fact", "quote"]
    readonly_fields = ["subject_link", "fact", "quote"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("what cites this source")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "round__company",
                "participation__investor",
                "participation__round__company",
                "valuation__company",
            )
        )

    @admin.display(description=_("cited for"))
    def subject_link(self, citation: Citation) -> str:
        subject = citation.subject
        if citation.round_id:
            url = f"../../../fundinground/{citation.round_id}/change/"
        elif citation.participation_id:
            url = f"../../../fundinground/{citation.participation.round_id}/change/"
        else:
            url = f"../../../valuation/{citation.valuation_id}/change/"
        return format_html('<a href="{}">{}</a>', url, subject)


# --- model admins ----------------------------------------------------------


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "company_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(company_count=Count("companies"))

    @admin.display(description=_("companies"), ordering="company_count")
    def company_count(self, sector: Sector) -> int:
        return sector.company_count


@admin.register(Company)
class CompanyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "country", "city", "status", "founded", "total_raised", "round_count"]
    list_filter = ["status", CountryListFilter, "sectors"]
    search_fields = ["name", "name_key", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors"]
    inlines = [FounderInline, CompanyRoundInline, CompanyValuationInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "description", "website"]}),
        (_("Where and when"), {"fields": [("founded_on", "founded_precision"), ("country", "city")]}),
        (_("Sectors"), {"fields": ["sectors"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description=_("founded"), ordering="founded_on")
    def founded(self, company: Company) -> str:
        return company.founded_display

    @admin.display(description=_("total raised (USD)"), ordering="total_raised_usd")
    def total_raised(self, company: Company) -> str:
        return money_html(company.total_raised_usd or None, "USD") if company.total_raised_usd else "–"

    @admin.display(description=_("rounds"), ordering="round_count")
    def round_count(self, company: Company) -> int:
        return company.round_count


@admin.register(FundingRound)
class FundingRoundAdmin(NarrowCurrencyMixin, SimpleHistoryAdmin):
    list_display = [
        "company",
        "round_label",
        "round_type",
        "status_badge",
        "announced",
        "amount_display",
        "leads",
        "flag",
    ]
    list_display_links = ["company", "round_label"]
    list_filter = ["round_type", "status", YearListFilter, CurrencyListFilter, CountryListFilter]
    list_select_related = ["company"]
    search_fields = ["company__name", "company__name_key", "label"]
    date_hierarchy = "announced_on"
    autocomplete_fields = ["company"]
    formfield_overrides = AMOUNT_OVERRIDES
    inlines = [ParticipationInline, RoundValuationInline, RoundCitationInline]
    readonly_fields = ["usd_conversion"]
    fieldsets = [
        (None, {"fields": ["company", ("round_type", "label"), "status"]}),
        (
            _("Dates"),
            {"fields": [("announced_on", "announced_precision"), ("closed_on", "closed_precision")]},
        ),
        (
            _("Money"),
            {"fields": [("amount", "currency"), "target_amount", "usd_conversion", "keep_as_reported"]},
        ),
        (_("Investors"), {"fields": [("investor_count", "investor_list_complete")]}),
        (_("Notes"), {"fields": ["use_of_funds", "notes"], "classes": ["collapse"]}),
    ]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, RoundValuationInline):
            # The two blank rows offered are the round's pre- and post-money.
            kwargs["initial"] = [{"kind": ValuationKind.PRE_MONEY}, {"kind": ValuationKind.POST_MONEY}]
        return kwargs

    def get_queryset(self, request):
        leads = Participation.objects.leads().select_related("investor").order_by("investor__name")
        return (
            super()
            .get_queryset(request)
            .with_valuations()
            .prefetch_related(Prefetch("participations", queryset=leads, to_attr="lead_participations"))
        )

    @admin.display(description=_("label as reported"), ordering="label")
    def round_label(self, round_: FundingRound) -> str:
        return round_.label or "–"

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, round_: FundingRound) -> str:
        return format_html('<span class="status status-{}">{}</span>', round_.status, round_.get_status_display())

    @admin.display(description=_("announced"), ordering="announced_on")
    def announced(self, round_: FundingRound) -> str:
        return round_.announced_display

    @admin.display(description=_("amount"), ordering="amount_usd")
    def amount_display(self, round_: FundingRound) -> str:
        if round_.amount is None and round_.target_amount is not None:
            return format_html("{} {}", _("sought:"), format_compact(round_.target_amount, round_.currency))
        return money_html(round_.amount, round_.currency, round_.amount_usd)

    @admin.display(description=_("lead investors"))
    def leads(self, round_: FundingRound) -> str:
        return ", ".join(p.investor.name for p in round_.lead_participations) or "–"

    @admin.display(description=_("check"))
    def flag(self, round_: FundingRound) -> str:
        if round_.is_inconsistent:
            return format_html('<span title="{}">⚠ {}</span>', _("pre-money + amount ≠ post-money"), _("inconsistent"))
        return ""

    @admin.display(description=_("USD conversion"))
    def usd_conversion(self, round_: FundingRound) -> str:
        if round_.pk is None:
            return _("Computed on save from the ECB rate of the announcement date.")
        if round_.usd_rate is None:
            return _("No USD rate: the ECB publishes none for %(currency)s on that date.") % {
                "currency": round_.currency
            }
        return _("1 %(currency)s = %(rate)s USD (ECB, %(date)s) → %(usd)s") % {
            "currency": round_.currency,
            "rate": round_.usd_rate.normalize(),
            "date": round_.usd_rate_on.isoformat(),
            "usd": format_exact(round_.amount_usd, "USD") if round_.amount_usd is not None else _("undisclosed"),
        }


@admin.register(Investor)
class InvestorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "alias_list", "rounds_joined", "rounds_led"]
    list_filter = ["kind", CountryListFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline]

    def get_queryset(self, request):
        aliases = InvestorAlias.objects.order_by("name")
        return (
            super()
            .get_queryset(request)
            .with_counts()
            .prefetch_related(Prefetch("names", queryset=aliases, to_attr="alias_names"))
        )

    def get_search_results(self, request, queryset, search_term):
        # Names and aliases, ignoring case and accents: "a16z" finds Andreessen Horowitz.
        if not search_term.strip():
            return queryset, False
        return queryset.search(search_term), False

    @admin.display(description=_("aliases"))
    def alias_list(self, investor: Investor) -> str:
        return ", ".join(alias.name for alias in investor.alias_names)

    @admin.display(description=_("rounds"), ordering="rounds_joined")
    def rounds_joined(self, investor: Investor) -> int:
        return investor.rounds_joined

    @admin.display(description=_("led"), ordering="rounds_led")
    def rounds_led(self, investor: Investor) -> int:
        return investor.rounds_led


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "language", "published_on", "citation_count"]
    list_filter = ["language", "publisher"]
    search_fields = ["title", "publisher", "url"]
    date_hierarchy = "published_on"
    inlines = [SourceCitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations"))

    @admin.display(description=_("citations"), ordering="citation_count")
    def citation_count(self, source: Source) -> int:
        return source.citation_count


class ValuationForm(forms.ModelForm):
    """A valuation edited on its own is checked against its round's other figures."""

    class Meta:
        model = Valuation
        fields = ["company", "round", "kind", "valued_on", "valued_precision", "amount", "currency"]

    def clean(self):
        data = super().clean()
        round_ = data.get("round")
        kind = data.get("kind")
        if not round_ or kind not in (ValuationKind.PRE_MONEY, ValuationKind.POST_MONEY) or data.get("amount") is None:
            return data
        figures = {kind: (data["amount"], data.get("currency"))}
        for other in round_.valuations.exclude(pk=self.instance.pk).filter(kind__in=ValuationKind.values):
            if other.kind != kind:
                figures[other.kind] = (other.amount, other.currency)
        errors = check_round_figures(round_, figures)
        for message in errors.values():
            self.add_error("amount", message)
        return data


@admin.register(Valuation)
class ValuationAdmin(NarrowCurrencyMixin, SimpleHistoryAdmin):
    form = ValuationForm
    list_display = ["company", "kind", "valued", "amount_display", "round"]
    list_filter = ["kind", "currency"]
    list_select_related = ["company", "round__company"]
    search_fields = ["company__name", "company__name_key"]
    autocomplete_fields = ["company", "round"]
    formfield_overrides = AMOUNT_OVERRIDES
    date_hierarchy = "valued_on"

    @admin.display(description=_("date"), ordering="valued_on")
    def valued(self, valuation: Valuation) -> str:
        return format_at_precision(valuation.valued_on, valuation.valued_precision)

    @admin.display(description=_("amount"), ordering="amount_usd")
    def amount_display(self, valuation: Valuation) -> str:
        return money_html(valuation.amount, valuation.currency, valuation.amount_usd)


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["investor", "round", "role"]
    list_filter = ["role"]
    list_select_related = ["investor", "round__company"]
    search_fields = ["investor__name", "round__company__name"]
    autocomplete_fields = ["investor", "round"]
    formfield_overrides = AMOUNT_OVERRIDES


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["source", "fact", "subject", "quote"]
    list_filter = ["fact"]
    list_select_related = [
        "source",
        "round__company",
        "participation__investor",
        "participation__round__company",
        "valuation__company",
    ]
    search_fields = ["quote", "source__title"]
    autocomplete_fields = ["source", "round", "participation", "valuation"]
