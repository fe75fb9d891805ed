from django.urls import include, path

app_name = "workforce"
urlpatterns = [
    # Excel import/export pages live in io_urls.py.
    path("io/", include("penata.workforce.io_urls")),
]
