"""Staff API of the complaints app, under /api/v1/complaints/ (see ``api.py``)."""

from django.urls import path, re_path

from penata.core.api import LOOKUP_VALUE_REGEX

from . import api

app_name = "complaints-api"

CODE = rf"(?P<tracking_code>{LOOKUP_VALUE_REGEX})"

TRANSITIONS = (
    ("dispatch", api.DispatchView),
    ("request-info", api.RequestInfoView),
    ("decline", api.DeclineView),
    ("archive", api.ArchiveView),
    ("assign", api.AssignView),
    ("answer", api.AnswerView),
    ("refer", api.ReferView),
    ("privacy", api.PrivacyView),
)

urlpatterns = [
    # Before the detail route, which would otherwise take "route-suggestions" for a code.
    path("route-suggestions/", api.RouteSuggestionsView.as_view(), name="route-suggestions"),
    path("", api.ComplaintViewSet.as_view({"get": "list"}), name="complaint-list"),
    re_path(rf"^{CODE}/$", api.ComplaintViewSet.as_view({"get": "retrieve"}), name="complaint-detail"),
    *(
        re_path(rf"^{CODE}/{action}/$", view.as_view(), name=f"complaint-{action}")
        for action, view in TRANSITIONS
    ),
]
