"""Complaint pages (intake): the public report form under ``/complaints/new/``."""

from django.urls import path

from . import views_intake

urlpatterns = [
    path("", views_intake.complaint_new, name="new"),
    path("done/", views_intake.complaint_new_done, name="new_done"),
    path("similar/", views_intake.complaint_new_similar, name="new_similar"),
    path("services/", views_intake.complaint_new_services, name="new_services"),
]
