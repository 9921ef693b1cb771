from django.conf import settings


def site(request) -> dict:
    return {"SITE_NAME": settings.GONGKAI_SITE_NAME, "SITE_FOOTER": settings.GONGKAI_SITE_FOOTER}
