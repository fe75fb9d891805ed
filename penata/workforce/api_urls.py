from rest_framework.routers import SimpleRouter

from . import api

app_name = "workforce-api"

router = SimpleRouter()
router.register("employees", api.EmployeeViewSet, basename="employee")

urlpatterns = router.urls
