"""Complaint pages (public): the status page and the reporter's actions, following a
report, the public list and map, and the agencies' figures."""

from django.urls import path

from . import views_public as views

urlpatterns = [
    path("", views.public_list, name="public_list"),
    path("track/", views.track, name="track"),
    path("r/<str:code>/", views.status, name="status"),
    path("r/<str:code>/supplement/", views.supplement, name="status_supplement"),
    path("r/<str:code>/accept/", views.accept, name="status_accept"),
    path("r/<str:code>/reopen/", views.reopen, name="status_reopen"),
    path("r/<str:code>/rate/", views.rate, name="status_rate"),
    path("r/<str:code>/follow/", views.follow, name="status_follow"),
    path("r/<str:code>/follow/<str:token>/", views.follow_confirm, name="follow_confirm"),
    path("map/", views.public_map, name="public_map"),
    path("map/points.json", views.public_map_points, name="public_map_points"),
    path("agencies/", views.agency_stats, name="agency_stats"),
]
