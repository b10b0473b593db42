"""Time the public pages and the admin against the current (large) database."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings

from tracker.funding.models import Company, FundingRound, Investor


class Command(BaseCommand):
    help = "Generate synthetic rounds if needed (--rounds), then report median page times and query counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rounds", type=int, default=100_000, help="Make sure at least this many rounds exist.")
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, rounds: int, repeat: int, **options) -> None:
        have = FundingRound.objects.count()
        if have < rounds:
            call_command("generate_rounds", rounds=rounds - have, stdout=self.stdout)
        company = Company.objects.annotate(n=Count("rounds")).order_by("-n").values_list("slug", flat=True).first()
        investor = (
            Investor.objects.annotate(n=Count("participations")).order_by("-n").values_list("slug", flat=True).first()
        )
        user, _ = get_user_model().objects.get_or_create(
            username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        admin = Client()
        admin.force_login(user)
        pages = [
            (client, "/"),
            (client, "/?period=all"),
            (client, "/companies/"),
            (client, "/companies/?sort=-total_raised_usd"),
            (client, f"/companies/{company}/"),
            (client, "/investors/"),
            (client, f"/investors/{investor}/"),
            (client, "/rounds/"),
            (client, "/rounds/?sort=-amount_usd"),
            (client, "/rounds/?round_type=series_b&currency=EUR"),
            (client, "/search/?q=capital"),
            (client, "/feeds/rounds/"),
            (admin, "/admin/funding/fundinground/"),
            (admin, "/admin/funding/company/"),
            (admin, "/admin/funding/investor/"),
        ]
        self.stdout.write(
            f"{FundingRound.objects.count():,} rounds, {Company.objects.count():,} companies, "
            f"{Investor.objects.count():,} investors on {connection.vendor}; median of {repeat} runs\n"
        )
        self.stdout.write(f"{'page':<48} {'status':>6} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["*"]):
            for who, url in pages:
                times, status, queries = [], None, 0
                for _ in range(repeat):
                    reset_queries()
                    started = time.perf_counter()
                    response = who.get(url, HTTP_ACCEPT_LANGUAGE="en")
                    times.append((time.perf_counter() - started) * 1000)
                    status, queries = response.status_code, len(connection.queries)
                self.stdout.write(
                    f"{url[:48]:<48} {status:>6} {statistics.median(times):>10.0f} {max(times):>8.0f} {queries:>8}"
                )
