app_name = "io"
urlpatterns: list = []
