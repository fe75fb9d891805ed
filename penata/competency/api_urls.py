"""Competency API routes under ``/api/v1/``.

The employee and position paths extend the workforce and organization routers' detail
routes (``employees/<nip>/``, ``positions/<code>/``) with one more segment, so they never
match those routes.
"""

from django.urls import re_path
from rest_framework.routers import SimpleRouter

from penata.core.api import LOOKUP_VALUE_REGEX

from . import api

app_name = "competency-api"

router = SimpleRouter()
router.register("competencies", api.CompetencyViewSet, basename="competency")

NIP = rf"employees/(?P<nip>{LOOKUP_VALUE_REGEX})"
CODE = rf"positions/(?P<code>{LOOKUP_VALUE_REGEX})"

urlpatterns = [
    *router.urls,
    re_path(rf"^{CODE}/standard/$", api.PositionStandardView.as_view(), name="position-standard"),
    re_path(
        rf"^{CODE}/standard/class-defaults/$",
        api.PositionStandardClassDefaultsView.as_view(),
        name="position-standard-class-defaults",
    ),
    re_path(
        rf"^{NIP}/assessments/$",
        api.EmployeeAssessmentViewSet.as_view({"get": "list", "post": "create"}),
        name="employee-assessments",
    ),
    re_path(
        rf"^{NIP}/assessments/(?P<id>[0-9]+)/invalidate/$",
        api.EmployeeAssessmentInvalidateView.as_view(),
        name="employee-assessment-invalidate",
    ),
    re_path(rf"^{NIP}/job-match/$", api.EmployeeJobMatchView.as_view(), name="employee-job-match"),
    re_path(rf"^{NIP}/talent-box/$", api.EmployeeTalentBoxView.as_view(), name="employee-talent-box"),
    re_path(r"^talent-grid/$", api.TalentGridView.as_view(), name="talent-grid"),
]
