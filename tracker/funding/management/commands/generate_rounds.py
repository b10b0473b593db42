"""Fill a database with synthetic rounds for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tracker.funding.synthetic import generate


class Command(BaseCommand):
    help = "Insert N synthetic rounds (with companies, investors, participations, valuations) for benchmarks."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rounds", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--yes-this-database",
            action="store_true",
            help="Required unless the database name contains 'bench': synthetic rows are hard to remove.",
        )

    def handle(self, *args, rounds: int, seed: int, yes_this_database: bool, **options) -> None:
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not yes_this_database:
            raise CommandError(
                f"Refusing to add synthetic data to {name!r}: use a database whose name contains 'bench' "
                "(make bench does) or pass --yes-this-database."
            )
        if rounds < 1:
            raise CommandError("--rounds must be at least 1.")
        started = time.perf_counter()

        def progress(done: int) -> None:
            if done % 100_000 == 0 or done == rounds:
                self.stdout.write(f"  {done:,} rounds ({time.perf_counter() - started:.0f} s)")

        made = generate(rounds=rounds, seed=seed, progress=progress)
        if connection.vendor == "postgresql" or connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {made['rounds']:,} rounds, {made['companies']:,} companies, {made['investors']:,} investors "
                f"in {time.perf_counter() - started:.0f} s."
            )
        )
