from django.conf import settings

from dateline.site.fragments import sections_for_menu


def edition(request):
    """The masthead's name and the menu, on every page (the menu is read lazily)."""
    return {
        "site_name": settings.DATELINE_SITE_NAME,
        "site_url": settings.DATELINE_SITE_URL,
        "edition_time_zone": settings.TIME_ZONE,
        "menu_sections": sections_for_menu,
    }
