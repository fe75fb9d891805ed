from django.urls import path

from . import views

app_name = "organization"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<str:code>/", views.agency_detail, name="agency_detail"),
    path("positions/", views.position_list, name="position_list"),
    path("positions/<int:pk>/", views.position_detail, name="position_detail"),
    path("services/", views.service_list, name="service_list"),
    path("services/<str:code>/", views.service_detail, name="service_detail"),
]
