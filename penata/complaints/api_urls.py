"""Staff API of the complaints app, under /api/v1/complaints/."""

urlpatterns: list = []
