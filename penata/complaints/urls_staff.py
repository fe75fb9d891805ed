"""Complaint pages (staff)."""

urlpatterns: list = []
