"""Put "Add from article" on the admin site, beside the funding rounds.

The page is an admin-site URL (admin:funding_fundinground_add_from_article),
so it needs no route of its own and gets the admin's login and staff checks.
"""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path

from tracker.intake.views import AddFromArticleView

URL_NAME = "funding_fundinground_add_from_article"


def _with_intake_urls(get_urls):
    def get_urls_with_intake() -> list[URLPattern | URLResolver]:
        view = admin.site.admin_view(AddFromArticleView.as_view(admin_site=admin.site))
        # Before the model admin's own URLs, whose "<object_id>/" would take this path.
        return [path("funding/fundinground/add-from-article/", view, name=URL_NAME), *get_urls()]

    get_urls_with_intake.intake = True
    return get_urls_with_intake


if not getattr(admin.site.get_urls, "intake", False):
    admin.site.get_urls = _with_intake_urls(admin.site.get_urls)
