"""Make sure an editor account exists, so a fresh install can be used at once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account (TRACKER_ADMIN_USER / TRACKER_ADMIN_PASSWORD) if it does not exist."

    def handle(self, *args, **options) -> None:
        username = os.environ.get("TRACKER_ADMIN_USER", "admin").strip() or "admin"
        password = os.environ.get("TRACKER_ADMIN_PASSWORD", "")
        users = get_user_model().objects
        user = users.filter(username=username).first()
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"Admin account “{username}”: password updated from TRACKER_ADMIN_PASSWORD.")
            else:
                self.stdout.write(f"Admin account “{username}” already exists.")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        users.create_superuser(username=username, email="", password=password)
        if generated:
            # Printed once: it is not stored anywhere in clear text.
            self.stdout.write(
                self.style.SUCCESS(f"Created admin account “{username}” with password: {password}\n")
                + "Write it down now: it will not be shown again (set TRACKER_ADMIN_PASSWORD to choose your own)."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Created admin account “{username}” (password from TRACKER_ADMIN_PASSWORD).")
            )
