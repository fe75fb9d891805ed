"""Open311 GeoReport v2 endpoints, under /open311/v2/ (docs/open311.md)."""

from django.urls import re_path

from . import views

app_name = "open311"

# ``<resource>.<format>``: the format is whatever follows the last dot, so an unknown one
# reaches the view and answers the spec's 404 rather than falling through.
FORMAT = r"\.(?P<fmt>[^/.]*)$"

urlpatterns = [
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.services, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+)" + FORMAT, views.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]+)" + FORMAT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + FORMAT, views.token, name="token"),
    # Anything else under /open311/v2/ is an unknown resource in the spec's error format.
    re_path(r"^(?P<path>.*)$", views.not_found, name="not-found"),
]
