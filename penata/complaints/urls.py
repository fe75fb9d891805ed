"""Pages of the complaints app, all under the ``complaints`` namespace.

Public pages (list, map, agency figures, status page) come from ``urls_public``, the
report form from ``urls_intake``, the officers' and verifiers' pages from ``urls_staff``.
"""

from django.urls import include, path

app_name = "complaints"

urlpatterns = [
    path("new/", include("penata.complaints.urls_intake")),
    path("inbox/", include("penata.complaints.urls_staff")),
    path("routing/", include("penata.complaints.urls_routing")),
    path("", include("penata.complaints.urls_public")),
]
