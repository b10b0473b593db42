"""What the tracker knows: companies, investors, rounds, valuations and their sources.

Every invariant is a named database constraint (see each `Meta.constraints`)
and a `clean()` that explains it to the editor. The one rule that spans two
rows, post-money not below pre-money, is a trigger installed by migration
0002 and named the same way.
"""

import datetime
from decimal import Decimal

from django.contrib.admin import display as admin_display
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tracker.funding.querysets import (
    CompanyQuerySet,
    FundingRoundQuerySet,
    InvestorQuerySet,
    ParticipationQuerySet,
)
from tracker.lib.codes import COUNTRY_CODES, CURRENCY_CODES
from tracker.lib.currency import usd_rate
from tracker.lib.dates import DatePrecision, format_at_precision
from tracker.lib.money import (
    DECIMAL_PLACES,
    MAX_DIGITS,
    RATE_DECIMAL_PLACES,
    RATE_MAX_DIGITS,
    format_exact,
    is_currency,
    quantize,
)
from tracker.lib.text import name_key

# Pre-money + amount may differ from post-money by this share of post-money
# before a round is called inconsistent (reports round their figures).
CONSISTENCY_TOLERANCE = Decimal("0.01")


def _choices_q(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


def amount_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, null=True, blank=True, **kwargs
    )


def currency_field(verbose_name: str = _("currency"), **kwargs) -> models.CharField:
    return models.CharField(verbose_name, max_length=3, help_text=_("ISO 4217 code, e.g. USD, EUR, GBP."), **kwargs)


def country_field() -> models.CharField:
    return models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. US, FR.")
    )


def _unique_slug(model: type[models.Model], name: str, instance_pk: int | None) -> str:
    """Return a slug for `name` not used by another row (suffix -2, -3, ... when needed)."""
    base = slugify(name)[:70] or "item"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validate_codes(errors: dict, *, currency: str | None = None, country: str | None = None) -> None:
    if currency is not None and not is_currency(currency):
        errors["currency"] = _("“%(code)s” is not an ISO 4217 currency code (e.g. USD, EUR, GBP).") % {"code": currency}
    if country and country not in COUNTRY_CODES:
        errors["country"] = _("“%(code)s” is not an ISO 3166-1 country code (e.g. US, FR, GB).") % {"code": country}


def _validate_precision(errors: dict, field: str, day: datetime.date | None, precision: str) -> None:
    if day is None or not precision:
        return
    precision = DatePrecision(precision)
    if not precision.is_aligned(day):
        errors[field] = _(
            "This date is known to the %(precision)s only: enter the first day of the %(precision)s "
            "(%(suggestion)s), or choose a finer precision."
        ) % {"precision": precision.label, "suggestion": precision.truncate(day).isoformat()}


class Sector(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, db_index=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="funding_sector_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug and self.name:
            self.slug = _unique_slug(Sector, self.name, self.pk)

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = _unique_slug(Sector, self.name, self.pk)
        super().save(*args, **kwargs)


class CompanyStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    ACQUIRED = "acquired", _("acquired")
    CLOSED = "closed", pgettext_lazy("company status", "closed")
    PUBLIC = "public", _("public")


class Company(models.Model):
    Status = CompanyStatus

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        db_index=False,
        blank=True,
        help_text=_("Used in the page address; made from the name if left empty."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(_("short description"), blank=True)
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    founded_precision = models.CharField(
        _("founded precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    country = country_field()
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True, related_name="companies")
    status = models.CharField(_("status"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.ACTIVE)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="funding_company_slug_unique"),
            # Case- and accent-insensitive: "Qonto" and "qonto" are one company.
            models.UniqueConstraint(fields=["name_key"], name="funding_company_name_unique"),
            models.CheckConstraint(condition=~Q(name_key=""), name="funding_company_name_not_blank"),
            models.CheckConstraint(condition=~Q(slug=""), name="funding_company_slug_not_blank"),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__in=COUNTRY_CODES), name="funding_company_country_iso3166"
            ),
            models.CheckConstraint(condition=_choices_q("status", CompanyStatus), name="funding_company_status_valid"),
            models.CheckConstraint(
                condition=_choices_q("founded_precision", DatePrecision), name="funding_company_founded_precision_valid"
            ),
            models.CheckConstraint(
                condition=DatePrecision.aligned_q("founded_on", "founded_precision"),
                name="funding_company_founded_on_aligned",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:company", kwargs={"slug": self.slug})

    @property
    def founded_display(self) -> str:
        return format_at_precision(self.founded_on, self.founded_precision)

    def clean(self) -> None:
        errors: dict = {}
        self.name = (self.name or "").strip()
        self.name_key = name_key(self.name)
        if not self.slug and self.name:
            self.slug = _unique_slug(Company, self.name, self.pk)
        _validate_codes(errors, country=self.country)
        _validate_precision(errors, "founded_on", self.founded_on, self.founded_precision)
        if self.name_key:
            clash = Company.objects.filter(name_key=self.name_key).exclude(pk=self.pk).first()
            if clash:
                errors["name"] = _("A company named “%(name)s” already exists.") % {"name": clash.name}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.name_key = name_key(self.name)
        if not self.slug:
            self.slug = _unique_slug(Company, self.name, self.pk)
        super().save(*args, **kwargs)


class Founder(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="founders", verbose_name=_("company"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["company", "pk"]
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="funding_founder_once_per_company"),
            models.CheckConstraint(condition=~Q(name=""), name="funding_founder_name_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name


class InvestorKind(models.TextChoices):
    VC = "vc", _("VC firm")
    CORPORATE_VC = "corporate_vc", _("corporate VC")
    INDIVIDUAL = "individual", _("individual / angel")
    PRIVATE_EQUITY = "private_equity", _("private equity")
    FAMILY_OFFICE = "family_office", _("family office")
    SOVEREIGN = "sovereign", _("sovereign or state fund")
    ACCELERATOR = "accelerator", _("accelerator")
    BANK = "bank", _("bank / lender")
    ASSET_MANAGER = "asset_manager", _("asset manager")
    GOVERNMENT = "government", _("government")
    OTHER = "other", _("other")


class Investor(models.Model):
    Kind = InvestorKind

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        db_index=False,
        blank=True,
        help_text=_("Used in the page address; made from the name if left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InvestorKind.choices, default=InvestorKind.VC)
    country = country_field()
    website = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(_("short description"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = InvestorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="funding_investor_slug_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="funding_investor_name_not_blank"),
            models.CheckConstraint(condition=~Q(slug=""), name="funding_investor_slug_not_blank"),
            models.CheckConstraint(condition=_choices_q("kind", InvestorKind), name="funding_investor_kind_valid"),
            models.CheckConstraint(
                condition=Q(country="") | Q(country__in=COUNTRY_CODES), name="funding_investor_country_iso3166"
            ),
        ]
        indexes = [
            # Investors table in name order: only the rows of one page get their counts computed.
            models.Index(fields=["name", "id"], name="funding_investor_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:investor", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors: dict = {}
        self.name = (self.name or "").strip()
        if not self.slug and self.name:
            self.slug = _unique_slug(Investor, self.name, self.pk)
        _validate_codes(errors, country=self.country)
        own_primary = (
            InvestorName.objects.filter(investor_id=self.pk, is_primary=True).values_list("pk", flat=True).first()
            if self.pk
            else None
        )
        clash = InvestorName.clash(self.name, investor_pk=self.pk, exclude_pk=own_primary)
        if clash:
            errors["name"] = clash
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = _unique_slug(Investor, self.name, self.pk)
        with transaction.atomic():
            super().save(*args, **kwargs)
            # The primary name lives in InvestorName too, so one unique index
            # covers names and aliases alike.
            InvestorName.objects.update_or_create(
                investor=self, is_primary=True, defaults={"name": self.name, "key": name_key(self.name)}
            )


class InvestorName(models.Model):
    """A name an investor is known by: its own name (primary) or an alias such as "a16z"."""

    investor = models.ForeignKey(Investor, on_delete=models.CASCADE, related_name="names", verbose_name=_("investor"))
    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=200, editable=False)
    is_primary = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-is_primary", "name", "pk"]
        verbose_name = _("investor name")
        verbose_name_plural = _("investor names")
        constraints = [
            # Unique across every investor's names and aliases, ignoring case and accents.
            models.UniqueConstraint(fields=["key"], name="funding_investorname_unique"),
            models.UniqueConstraint(
                fields=["investor"], condition=Q(is_primary=True), name="funding_investorname_one_primary"
            ),
            models.CheckConstraint(condition=~Q(key=""), name="funding_investorname_not_blank"),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def clash(name: str, *, investor_pk: int | None, exclude_pk: int | None = None) -> str | None:
        """Explain why `name` cannot be used by investor `investor_pk`, or return None."""
        key = name_key(name or "")
        if not key:
            return None
        other = InvestorName.objects.filter(key=key).exclude(pk=exclude_pk).select_related("investor").first()
        if other is None:
            return None
        if investor_pk is not None and other.investor_id == investor_pk:
            if other.is_primary:
                return _("“%(name)s” is already this investor's name.") % {"name": other.name}
            return _("“%(name)s” is already an alias of this investor; remove that alias first.") % {"name": other.name}
        if other.is_primary:
            return _("Another investor is already called “%(name)s”.") % {"name": other.investor.name}
        return _("“%(name)s” is already an alias of %(investor)s.") % {
            "name": other.name,
            "investor": other.investor.name,
        }

    def clean(self) -> None:
        self.name = (self.name or "").strip()
        self.key = name_key(self.name)
        clash = InvestorName.clash(self.name, investor_pk=self.investor_id, exclude_pk=self.pk)
        if clash:
            raise ValidationError({"name": clash})

    def save(self, *args, **kwargs) -> None:
        self.key = name_key(self.name)
        super().save(*args, **kwargs)


class AliasManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(is_primary=False)


class InvestorAlias(InvestorName):
    """The aliases of an investor, without its own name: what editors maintain."""

    objects = AliasManager()

    class Meta:
        proxy = True
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")


class SourceLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    OTHER = "other", _("other")


class Source(models.Model):
    Language = SourceLanguage

    url = models.URLField(_("URL"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=SourceLanguage.choices, default=SourceLanguage.ENGLISH
    )
    published_on = models.DateField(_("published"), null=True, blank=True)
    text = models.TextField(_("full text"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="funding_source_url_unique",
                violation_error_message=_("A source with this URL is already recorded."),
            ),
            models.CheckConstraint(condition=~Q(title=""), name="funding_source_title_not_blank"),
            models.CheckConstraint(
                condition=_choices_q("language", SourceLanguage), name="funding_source_language_valid"
            ),
        ]

    def clean(self) -> None:
        self.url = (self.url or "").strip()
        if self.url and Source.objects.filter(url=self.url).exclude(pk=self.pk).exists():
            raise ValidationError({"url": _("A source with this URL is already recorded.")})

    def __str__(self) -> str:
        if self.publisher:
            return f"{self.title} ({self.publisher})"
        return self.title


class RoundType(models.TextChoices):
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    ANGEL = "angel", _("Angel")
    SERIES_A = "series_a", _("Series A")
    SERIES_B = "series_b", _("Series B")
    SERIES_C = "series_c", _("Series C")
    SERIES_D = "series_d", _("Series D")
    SERIES_E = "series_e", _("Series E")
    SERIES_F = "series_f", _("Series F")
    SERIES_G = "series_g", _("Series G")
    SERIES_H = "series_h", _("Series H")
    SERIES_I = "series_i", _("Series I")
    SERIES_J = "series_j", _("Series J")
    SERIES_UNKNOWN = "series_unknown", _("Venture (series unknown)")
    BRIDGE = "bridge", _("Bridge")
    CONVERTIBLE_NOTE = "convertible_note", _("Convertible note")
    SAFE = "safe", _("SAFE")
    DEBT = "debt", _("Debt")
    GRANT = "grant", _("Grant")
    CORPORATE = "corporate", _("Corporate round")
    EQUITY_CROWDFUNDING = "equity_crowdfunding", _("Equity crowdfunding")
    PRIVATE_EQUITY = "private_equity", _("Private equity")
    SECONDARY = "secondary", _("Secondary")
    TENDER_OFFER = "tender_offer", _("Tender offer")
    IPO = "ipo", _("IPO")
    POST_IPO_EQUITY = "post_ipo_equity", _("Post-IPO equity")
    POST_IPO_DEBT = "post_ipo_debt", _("Post-IPO debt")
    UNDISCLOSED = "undisclosed", _("Undisclosed")

    @property
    def is_priced_equity(self) -> bool:
        """Whether a round of this type normally sets a new share price (for step-ups)."""
        return self in _PRICED_TYPES


_PRICED_TYPES = frozenset(
    {RoundType.SEED, RoundType.SERIES_UNKNOWN, RoundType.PRIVATE_EQUITY, RoundType.CORPORATE, RoundType.IPO}
    | {t for t in RoundType if t.value.startswith("series_") and t is not RoundType.SERIES_UNKNOWN}
)


class RoundStatus(models.TextChoices):
    RUMORED = "rumored", _("rumored")
    ANNOUNCED = "announced", _("announced")
    CLOSED = "closed", _("closed")
    WITHDRAWN = "withdrawn", _("withdrawn")

    @classmethod
    def counted(cls) -> list[str]:
        """Statuses whose amounts count towards capital raised."""
        return [cls.ANNOUNCED, cls.CLOSED]


def consistency_gap(amount: Decimal | None, pre: Decimal | None, post: Decimal | None) -> Decimal | None:
    """Return |pre + amount - post| / post, or None when a figure is missing."""
    if amount is None or pre is None or not post:
        return None
    return abs(pre + amount - post) / post


class FundingRound(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("company"))
    round_type = models.CharField(_("type"), max_length=20, choices=RoundType.choices)
    label = models.CharField(
        _("label as reported"),
        max_length=120,
        blank=True,
        help_text=_("As the source words it, e.g. “Série B”, “Seed extension”."),
    )
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.ANNOUNCED)
    announced_on = models.DateField(_("announced"), help_text=_("For a rumor, when it was first reported."))
    announced_precision = models.CharField(
        _("announced precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    closed_precision = models.CharField(
        _("closed precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    amount = amount_field(_("amount raised"), help_text=_("Leave empty when undisclosed; never enter 0."))
    currency = currency_field(default="USD")
    target_amount = amount_field(
        _("target amount"), help_text=_("What the company seeks to raise, in the same currency.")
    )
    investor_count = models.PositiveIntegerField(_("number of investors (as reported)"), null=True, blank=True)
    investor_list_complete = models.BooleanField(
        _("investor list complete"), default=True, help_text=_("Untick when the source says “among others”.")
    )
    use_of_funds = models.TextField(_("use of funds"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    keep_as_reported = models.BooleanField(
        _("keep as reported"),
        default=False,
        help_text=_(
            "Save figures that do not add up (pre-money + amount ≠ post-money); the round is flagged as inconsistent."
        ),
    )
    # Filled on save from the ECB rate of announced_on (see tracker.lib.currency).
    amount_usd = amount_field(_("amount (USD)"), editable=False)
    usd_rate = models.DecimalField(
        _("USD rate"),
        max_digits=RATE_MAX_DIGITS,
        decimal_places=RATE_DECIMAL_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    usd_rate_on = models.DateField(_("USD rate date"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = FundingRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-pk"]
        get_latest_by = ["announced_on", "pk"]
        verbose_name = _("funding round")
        verbose_name_plural = _("funding rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="funding_fundinground_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(target_amount__isnull=True) | Q(target_amount__gt=0),
                name="funding_fundinground_target_positive",
            ),
            models.CheckConstraint(
                condition=Q(currency__in=CURRENCY_CODES), name="funding_fundinground_currency_iso4217"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("announced_on")),
                name="funding_fundinground_closed_not_before_announced",
            ),
            models.CheckConstraint(
                condition=_choices_q("round_type", RoundType), name="funding_fundinground_type_valid"
            ),
            models.CheckConstraint(
                condition=_choices_q("status", RoundStatus), name="funding_fundinground_status_valid"
            ),
            models.CheckConstraint(
                condition=_choices_q("announced_precision", DatePrecision)
                & _choices_q("closed_precision", DatePrecision),
                name="funding_fundinground_precision_valid",
            ),
            models.CheckConstraint(
                condition=DatePrecision.aligned_q("announced_on", "announced_precision"),
                name="funding_fundinground_announced_on_aligned",
            ),
            models.CheckConstraint(
                condition=DatePrecision.aligned_q("closed_on", "closed_precision"),
                name="funding_fundinground_closed_on_aligned",
            ),
        ]
        indexes = [
            # Company page timeline: rounds of one company, newest first.
            models.Index(fields=["company", "-announced_on", "-id"], name="funding_round_company_date"),
            # Dashboard periods and the rounds explorer's default order.
            models.Index(fields=["-announced_on", "-id"], name="funding_round_date"),
            # Explorer filtered by type; dashboard breakdown by type.
            models.Index(fields=["round_type", "-announced_on"], name="funding_round_type_date"),
            # Biggest rounds; explorer sorted or filtered by USD amount.
            models.Index(fields=["-amount_usd", "-id"], name="funding_round_amount_usd"),
            # Dashboard "latest additions".
            models.Index(fields=["-created_at", "-id"], name="funding_round_created"),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.display_label} ({self.announced_display})"

    def get_absolute_url(self) -> str:
        return f"{self.company.get_absolute_url()}#round-{self.pk}"

    @property
    def display_label(self) -> str:
        return self.label or self.get_round_type_display()

    @property
    def announced_display(self) -> str:
        return format_at_precision(self.announced_on, self.announced_precision)

    def _pre_post(self) -> tuple[Decimal | None, str | None, Decimal | None, str | None]:
        # Reads the with_valuations() annotations; without them this costs a query.
        if not hasattr(self, "post_money"):
            figures = {v.kind: v for v in self.valuations.filter(kind__in=["pre_money", "post_money"])}
            pre, post = figures.get("pre_money"), figures.get("post_money")
            self.pre_money, self.pre_money_currency = (pre.amount, pre.currency) if pre else (None, None)
            self.post_money, self.post_money_currency = (post.amount, post.currency) if post else (None, None)
        return self.pre_money, self.pre_money_currency, self.post_money, self.post_money_currency

    @property
    def consistency_gap(self) -> Decimal | None:
        """How far pre-money + amount is from post-money, as a share of post-money (same currency only)."""
        pre, pre_currency, post, post_currency = self._pre_post()
        if pre_currency != self.currency or post_currency != self.currency:
            return None
        return consistency_gap(self.amount, pre, post)

    @property
    def is_inconsistent(self) -> bool:
        gap = self.consistency_gap
        return gap is not None and gap > CONSISTENCY_TOLERANCE

    def refresh_usd(self) -> None:
        """Convert the amount to USD at the ECB rate of the announcement date."""
        rate = usd_rate(self.currency, self.announced_on) if self.currency else None
        self.usd_rate = rate.rate if rate else None
        self.usd_rate_on = rate.rate_on if rate else None
        self.amount_usd = rate.convert(self.amount) if rate else None

    @property
    def target_amount_usd(self) -> Decimal | None:
        if self.target_amount is None or self.usd_rate is None:
            return None
        return quantize(self.target_amount * self.usd_rate)

    def clean(self) -> None:
        errors: dict = {}
        self.currency = (self.currency or "").strip().upper()
        _validate_codes(errors, currency=self.currency)
        for field in ("amount", "target_amount"):
            value = getattr(self, field)
            if value is not None and value <= 0:
                errors[field] = _("Enter a positive amount, or leave it empty when it was not disclosed (never 0).")
        _validate_precision(errors, "announced_on", self.announced_on, self.announced_precision)
        _validate_precision(errors, "closed_on", self.closed_on, self.closed_precision)
        if self.closed_on and self.announced_on and self.closed_on < self.announced_on:
            errors["closed_on"] = _("A round cannot close (%(closed)s) before it was announced (%(announced)s).") % {
                "closed": self.closed_on.isoformat(),
                "announced": self.announced_on.isoformat(),
            }
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.refresh_usd()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "amount_usd", "usd_rate", "usd_rate_on"}
        super().save(*args, **kwargs)


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("lead")
    CO_LEAD = "co_lead", _("co-lead")
    PARTICIPANT = "participant", _("participant")

    @property
    def is_lead(self) -> bool:
        return self in (ParticipationRole.LEAD, ParticipationRole.CO_LEAD)


class Participation(models.Model):
    Role = ParticipationRole

    round = models.ForeignKey(
        FundingRound, on_delete=models.CASCADE, related_name="participations", verbose_name=_("round")
    )
    investor = models.ForeignKey(
        Investor, on_delete=models.PROTECT, related_name="participations", verbose_name=_("investor")
    )
    role = models.CharField(
        _("role"), max_length=12, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    amount = amount_field(_("amount"), help_text=_("This investor's share, when reported."))
    currency = currency_field(blank=True)

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "role", "investor__name", "pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["round", "investor"], name="funding_participation_one_per_investor"),
            models.CheckConstraint(
                condition=_choices_q("role", ParticipationRole), name="funding_participation_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True, currency="")
                | Q(amount__isnull=False, amount__gt=0, currency__in=CURRENCY_CODES),
                name="funding_participation_amount_positive_with_currency",
            ),
        ]
        indexes = [
            # Investor portfolio pages: every round an investor joined.
            models.Index(fields=["investor", "round"], name="funding_participation_investor"),
        ]

    def __str__(self) -> str:
        return _("%(investor)s in %(round)s (%(role)s)") % {
            "investor": self.investor,
            "round": self.round,
            "role": self.get_role_display(),
        }

    @property
    def is_lead(self) -> bool:
        return ParticipationRole(self.role).is_lead

    def clean(self) -> None:
        errors: dict = {}
        self.currency = (self.currency or "").strip().upper()
        if self.amount is not None:
            if self.amount <= 0:
                errors["amount"] = _("Enter a positive amount, or leave it empty when it was not disclosed (never 0).")
            if not self.currency and self.round_id:
                self.currency = self.round.currency
            _validate_codes(errors, currency=self.currency)
        else:
            self.currency = ""
        if errors:
            raise ValidationError(errors)


class ValuationKind(models.TextChoices):
    PRE_MONEY = "pre_money", _("pre-money")
    POST_MONEY = "post_money", _("post-money")
    REPORTED = "reported", _("reported (unqualified)")


class Valuation(models.Model):
    Kind = ValuationKind

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="valuations", verbose_name=_("company"))
    round = models.ForeignKey(
        FundingRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="valuations",
        verbose_name=_("round"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ValuationKind.choices, default=ValuationKind.POST_MONEY)
    valued_on = models.DateField(_("date"))
    valued_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    amount = models.DecimalField(_("amount"), max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES)
    currency = currency_field(default="USD")
    amount_usd = amount_field(_("amount (USD)"), editable=False)
    usd_rate = models.DecimalField(
        _("USD rate"),
        max_digits=RATE_MAX_DIGITS,
        decimal_places=RATE_DECIMAL_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    usd_rate_on = models.DateField(_("USD rate date"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valued_on", "-pk"]
        verbose_name = _("valuation")
        verbose_name_plural = _("valuations")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_valuation_amount_positive"),
            models.CheckConstraint(condition=Q(currency__in=CURRENCY_CODES), name="funding_valuation_currency_iso4217"),
            models.CheckConstraint(condition=_choices_q("kind", ValuationKind), name="funding_valuation_kind_valid"),
            models.CheckConstraint(
                condition=_choices_q("valued_precision", DatePrecision), name="funding_valuation_precision_valid"
            ),
            models.CheckConstraint(
                condition=DatePrecision.aligned_q("valued_on", "valued_precision"),
                name="funding_valuation_valued_on_aligned",
            ),
            # A round has at most one pre-money and one post-money figure.
            models.UniqueConstraint(
                fields=["round", "kind"],
                condition=Q(round__isnull=False, kind__in=["pre_money", "post_money"]),
                name="funding_valuation_one_per_round_and_kind",
                violation_error_message=_(
                    "This round already has this figure: one pre-money and one post-money per round."
                ),
            ),
            # Also enforced, by triggers (migration 0002) since they span rows:
            # funding_valuation_post_not_below_pre and funding_valuation_company_matches_round.
        ]
        indexes = [
            # Company page valuation history and "latest post-money" subqueries.
            models.Index(fields=["company", "-valued_on", "-id"], name="funding_valuation_company_date"),
        ]

    def __str__(self) -> str:
        amount = format_exact(self.amount, self.currency)
        return f"{self.company} {self.get_kind_display()} {amount} ({self.valued_display})"

    def get_absolute_url(self) -> str:
        return self.company.get_absolute_url()

    @property
    def valued_display(self) -> str:
        return format_at_precision(self.valued_on, self.valued_precision)

    def refresh_usd(self) -> None:
        rate = usd_rate(self.currency, self.valued_on) if self.currency and self.valued_on else None
        self.usd_rate = rate.rate if rate else None
        self.usd_rate_on = rate.rate_on if rate else None
        self.amount_usd = rate.convert(self.amount) if rate else None

    def clean(self) -> None:
        errors: dict = {}
        self.currency = (self.currency or "").strip().upper()
        _validate_codes(errors, currency=self.currency)
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = _("A valuation must be a positive amount.")
        _validate_precision(errors, "valued_on", self.valued_on, self.valued_precision)
        if self.round_id and self.company_id and self.round.company_id != self.company_id:
            errors["round"] = _("This round belongs to %(company)s, not to this company.") % {
                "company": self.round.company
            }
        if not errors and not self.figures_checked_by_form:
            self._check_against_round(errors)
        if errors:
            raise ValidationError(errors)

    # A formset that edits a round's pre- and post-money together checks them
    # against each other itself (the stored counterpart may be about to change).
    figures_checked_by_form = False

    def _check_against_round(self, errors: dict) -> None:
        opposite = {
            ValuationKind.PRE_MONEY: ValuationKind.POST_MONEY,
            ValuationKind.POST_MONEY: ValuationKind.PRE_MONEY,
        }
        if not self.round_id or self.kind not in opposite or self.amount is None:
            return
        other = (
            Valuation.objects.filter(round_id=self.round_id, kind=opposite[self.kind], currency=self.currency)
            .exclude(pk=self.pk)
            .first()
        )
        if other is None:
            return
        pre, post = (self.amount, other.amount) if self.kind == ValuationKind.PRE_MONEY else (other.amount, self.amount)
        if post < pre:
            errors["amount"] = _("Post-money (%(post)s) cannot be below pre-money (%(pre)s).") % {
                "post": format_exact(post, self.currency),
                "pre": format_exact(pre, self.currency),
            }

    def save(self, *args, **kwargs) -> None:
        if self.round_id and not self.company_id:
            self.company_id = self.round.company_id
        self.refresh_usd()
        super().save(*args, **kwargs)


class CitationFact(models.TextChoices):
    ROUND = "round", _("the round")
    AMOUNT = "amount", _("amount")
    STATUS = "status", _("status")
    DATE = "date", _("date")
    TYPE = "type", _("type")
    INVESTORS = "investors", _("investors")
    VALUATION = "valuation", _("valuation")
    OTHER = "other", _("other")


class Citation(models.Model):
    """A source stating one fact, with the sentence that states it."""

    Fact = CitationFact

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source"))
    round = models.ForeignKey(
        FundingRound, on_delete=models.CASCADE, null=True, blank=True, related_name="citations", verbose_name=_("round")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("participation"),
    )
    valuation = models.ForeignKey(
        Valuation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("valuation"),
    )
    fact = models.CharField(_("fact"), max_length=12, choices=CitationFact.choices, default=CitationFact.ROUND)
    quote = models.TextField(_("quote"), blank=True, help_text=_("The sentence of the source that states the fact."))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(round__isnull=False, participation__isnull=True, valuation__isnull=True)
                    | Q(round__isnull=True, participation__isnull=False, valuation__isnull=True)
                    | Q(round__isnull=True, participation__isnull=True, valuation__isnull=False)
                ),
                name="funding_citation_exactly_one_subject",
            ),
            models.CheckConstraint(condition=_choices_q("fact", CitationFact), name="funding_citation_fact_valid"),
        ]
        indexes = [
            # Source admin page: what cites this source.
            models.Index(fields=["source"], name="funding_citation_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.subject}"

    @property
    @admin_display(description=_("subject"))
    def subject(self) -> models.Model | None:
        return self.round or self.participation or self.valuation

    def clean(self) -> None:
        # An inline form sets the subject object before it is saved, so look at the object too.
        subjects = [
            name
            for name in ("round", "participation", "valuation")
            if getattr(self, f"{name}_id") is not None
            or (self._meta.get_field(name).is_cached(self) and getattr(self, name) is not None)
        ]
        if len(subjects) != 1:
            raise ValidationError(_("A citation supports exactly one thing: a round, a participation or a valuation."))


class DataVersion(models.Model):
    """A counter bumped by every change to the funding data, so pages can cache what they compute from it.

    One row. Reading it is one indexed query; caches keyed by its value are
    right in every app server, whichever server made the change.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="funding_dataversion_single_row")]

    def __str__(self) -> str:
        return str(self.version)

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(id=1).values_list("version", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        """Mark the data as changed (called on every save and delete, and after bulk inserts)."""
        if not cls.objects.filter(id=1).update(version=F("version") + 1):
            cls.objects.get_or_create(id=1, defaults={"version": 1})
