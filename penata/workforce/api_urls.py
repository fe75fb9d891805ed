app_name = "workforce-api"
urlpatterns: list = []
