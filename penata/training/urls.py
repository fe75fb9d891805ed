from . import views_after, views_enrolment, views_ledger, views_needs, views_programs

app_name = "training"
# Each page module keeps its own routes.
urlpatterns = [
    *views_programs.urlpatterns,
    *views_enrolment.urlpatterns,
    *views_ledger.urlpatterns,
    *views_needs.urlpatterns,
    *views_after.urlpatterns,
]
