from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the desk as the site every `@admin.register` goes to."""

    default = False
    default_site = "dateline.desk.sites.DeskSite"


class DeskConfig(AppConfig):
    default = True
    name = "dateline.desk"
    label = "desk"
    verbose_name = "Desk"
