"""Complaint pages (routing model)."""

urlpatterns: list = []
