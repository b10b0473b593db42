"""Load the demo data; running it again changes nothing."""

from django.core.management.base import BaseCommand

from tracker.funding.demo import load_demo


class Command(BaseCommand):
    help = "Load xAI's rounds from the seed article and a dozen well-known rounds (idempotent)."

    def handle(self, *args, **options) -> None:
        added = load_demo()
        if any(added.values()):
            summary = ", ".join(f"{count} {name}" for name, count in added.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: added {summary}."))
        else:
            self.stdout.write("Demo data already present: nothing to add.")
