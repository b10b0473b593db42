from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "tracker.intake"
    verbose_name = _("Article intake")
    default_auto_field = "django.db.models.BigAutoField"
