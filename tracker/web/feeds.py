"""Atom feeds of the latest rounds: all of them, one company's, one investor's."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tracker.funding.models import Company, FundingRound, Investor
from tracker.web import formatting

FEED_SIZE = 50


class RoundFeed(Feed):
    """Shared entry layout: "Company – Series B", amount and status in the summary."""

    feed_type = Atom1Feed

    def rounds(self) -> QuerySet:
        return FundingRound.objects.select_related("company").order_by("-announced_on", "-pk")

    def item_title(self, item: FundingRound) -> str:
        return f"{item.company.name} – {item.display_label}"

    def item_description(self, item: FundingRound) -> str:
        # Atom summaries are HTML: escape what editors typed.
        return format_html(
            "<p>{}</p><p>{} · {} · {}</p>",
            formatting.round_amount(item),
            item.get_round_type_display(),
            item.get_status_display(),
            item.announced_display,
        )

    def item_link(self, item: FundingRound) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: FundingRound) -> datetime.datetime:
        return item.created_at

    def item_updateddate(self, item: FundingRound) -> datetime.datetime:
        return item.updated_at


class LatestRoundsFeed(RoundFeed):
    title = gettext_lazy("Latest funding rounds")
    subtitle = gettext_lazy("The most recently announced funding rounds.")

    def link(self) -> str:
        return reverse("web:rounds")

    def items(self) -> QuerySet:
        return self.rounds()[:FEED_SIZE]


class CompanyRoundsFeed(RoundFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Company:
        return get_object_or_404(Company, slug=slug)

    def title(self, obj: Company) -> str:
        return _("Funding rounds of %(company)s") % {"company": obj.name}

    def link(self, obj: Company) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Company) -> QuerySet:
        return self.rounds().filter(company=obj)[:FEED_SIZE]


class InvestorRoundsFeed(RoundFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Investor:
        return get_object_or_404(Investor, slug=slug)

    def title(self, obj: Investor) -> str:
        return _("Funding rounds joined by %(investor)s") % {"investor": obj.name}

    def link(self, obj: Investor) -> str:
        return obj.get_absolute_url()

    def items(self, obj: Investor) -> QuerySet:
        # A subquery rather than a join, so the slice counts rounds, not participations.
        return self.rounds().filter(pk__in=obj.participations.values("round_id"))[:FEED_SIZE]
