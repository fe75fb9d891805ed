"""The public certificate check, mounted at the site root (``/verify/<code>/``)."""

from .views_after import verify_urlpatterns

urlpatterns = verify_urlpatterns
