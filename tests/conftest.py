"""Fixtures shared by every test package."""

import pytest


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # Production serves hashed files listed by collectstatic's manifest; tests
    # render pages without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached page figures are keyed by the data version, which restarts with each test's database.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
