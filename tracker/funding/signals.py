"""Bump the data version whenever funding data changes, so cached page figures are recomputed."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from tracker.funding.models import (
    Company,
    DataVersion,
    FundingRound,
    Investor,
    InvestorName,
    Participation,
    Valuation,
)

WATCHED = (Company, Investor, InvestorName, FundingRound, Participation, Valuation)


def _bump(sender, **kwargs) -> None:
    DataVersion.bump()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_bump, sender=model, dispatch_uid=f"data-version-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"data-version-delete-{model.__name__}")
    m2m_changed.connect(_bump, sender=Company.sectors.through, dispatch_uid="data-version-sectors")
