"""Error pages in the site's style, whatever went wrong."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def too_large(request):
    request.POST  # noqa: B018 - reading the body is what trips the size limit
    return None


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("too-large/", too_large),
    path("forbidden/", forbidden),
    path("", include("tracker.urls")),
]


@override_settings(ROOT_URLCONF=__name__, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_request_over_the_size_limit_gets_a_page_that_says_why(client):
    response = client.post("/too-large/", {"text": "x" * 5000})

    assert response.status_code == 400
    assert "too large" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_forbidden_action_gets_a_page_in_the_sites_style(client):
    response = client.get("/forbidden/")

    assert response.status_code == 403
    assert "Ask an administrator" in response.content.decode()
