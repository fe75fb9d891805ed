"""Complaint pages (public)."""

urlpatterns: list = []
