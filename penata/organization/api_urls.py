app_name = "organization-api"
urlpatterns: list = []
