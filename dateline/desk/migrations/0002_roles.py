"""The desk's roles: reporter, editor and admin groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from dateline.desk.roles import sync_roles

    # Permissions are normally created after all migrations ran; a fresh database needs
    # them now to hand them to the groups.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    sync_roles(apps)


def drop_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["reporter", "editor", "admin"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("newsroom", "0003_desk_edit_version"),
        ("wires", "0002_wire_ingest"),
        ("topics", "0002_knowledge"),
        ("axes", "__latest__"),
        ("otp_totp", "__latest__"),
    ]

    operations = [migrations.RunPython(create_roles, drop_roles)]
