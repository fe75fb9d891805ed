from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

api_v1 = [
    path("auth/", include("penata.accounts.api_urls")),
    path("", include("penata.organization.api_urls")),
    path("", include("penata.workforce.api_urls")),
    path("", include("penata.competency.api_urls")),
    path("", include("penata.training.api_urls")),
    path("complaints/", include("penata.complaints.api_urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("accounts/", include("penata.accounts.urls")),
    path("organization/", include("penata.organization.urls")),
    path("workforce/", include("penata.workforce.urls")),
    path("competency/", include("penata.competency.urls")),
    path("training/", include("penata.training.urls")),
    path("complaints/", include("penata.complaints.urls")),
    path("open311/v2/", include("penata.complaints.open311.urls")),
    path("", include(("penata.training.urls_verify", "training-verify"))),
    path("", include("penata.insights.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
