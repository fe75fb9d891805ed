from django.urls import path

from . import views_io

app_name = "io"
urlpatterns = [
    path("", views_io.io_index, name="index"),
    path("jobs/<int:pk>/", views_io.job_detail, name="job_detail"),
    path("jobs/<int:pk>/errors.xlsx", views_io.job_report, name="job_report"),
    path("templates/<str:kind>.xlsx", views_io.template_download, name="template"),
    path("export/<str:kind>.xlsx", views_io.export_download, name="export"),
]
