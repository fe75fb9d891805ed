from . import views_gaps, views_profile, views_standards, views_talent

app_name = "competency"
# Each page module keeps its own routes.
urlpatterns = [
    *views_profile.urlpatterns,
    *views_talent.urlpatterns,
    *views_gaps.urlpatterns,
    *views_standards.urlpatterns,
]
