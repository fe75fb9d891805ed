from django.urls import include, path

from . import views

app_name = "workforce"
urlpatterns = [
    # Excel import/export pages live in io_urls.py.
    path("io/", include("penata.workforce.io_urls")),
    path("employees/", views.employee_list, name="employee_list"),
    path("me/", views.employee_me, name="employee_me"),
    path("employees/<str:nip>/", views.employee_detail, name="employee_detail"),
    path("employees/<str:nip>/interests/", views.employee_interests, name="employee_interests"),
    path("employees/<str:nip>/transfer/", views.employee_transfer_view, name="employee_transfer"),
]
