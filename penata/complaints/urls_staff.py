"""Complaint pages (staff): the officers' and verifiers' inbox, one report with its
actions, bulk actions, response templates and attachment downloads."""

from django.urls import path

from . import views_detail, views_inbox

urlpatterns = [
    path("", views_inbox.inbox, name="inbox"),
    path("bulk/", views_inbox.inbox_bulk, name="inbox_bulk"),
    path("templates/", views_inbox.templates, name="templates"),
    path("templates/new/", views_inbox.template_create, name="template_create"),
    path("templates/<int:pk>/edit/", views_inbox.template_edit, name="template_edit"),
    path("templates/<int:pk>/active/", views_inbox.template_active, name="template_active"),
    path("attachments/<int:pk>/", views_inbox.attachment, name="attachment"),
    path("<str:code>/", views_detail.inbox_detail, name="inbox_detail"),
    path("<str:code>/note/", views_detail.inbox_note, name="inbox_note"),
    path("<str:code>/identity/", views_detail.inbox_identity, name="inbox_identity"),
    path("<str:code>/<slug:action>/", views_detail.inbox_action, name="inbox_action"),
]
