from django.conf import settings


def penata(request):
    return {"PROVINCE_NAME": settings.PENATA_PROVINCE_NAME}
