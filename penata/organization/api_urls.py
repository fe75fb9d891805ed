from rest_framework.routers import SimpleRouter

from . import api

app_name = "organization-api"

router = SimpleRouter()
router.register("agencies", api.AgencyViewSet, basename="agency")
router.register("units", api.UnitViewSet, basename="unit")
router.register("positions", api.PositionViewSet, basename="position")
router.register("public-services", api.PublicServiceViewSet, basename="public-service")

urlpatterns = router.urls
