"""Complaint pages (routing model), under /complaints/routing/ in the ``complaints`` namespace."""

from django.urls import path

from . import views_routing

urlpatterns = [
    path("", views_routing.routing_overview, name="routing"),
    path("retrain/", views_routing.routing_retrain, name="routing_retrain"),
    path("import/", views_routing.routing_import, name="routing_import"),
    path("template.csv", views_routing.routing_template, name="routing_template"),
    path("try/", views_routing.routing_try, name="routing_try"),
]
