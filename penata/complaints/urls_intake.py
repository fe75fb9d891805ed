"""Complaint pages (intake)."""

urlpatterns: list = []
