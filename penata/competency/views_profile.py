"""Placeholder; filled in below."""

urlpatterns: list = []
