"""Training API routes under ``/api/v1/``."""

from . import api_ledger

app_name = "training-api"

urlpatterns = [*api_ledger.urlpatterns]
