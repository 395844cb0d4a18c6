"""The desk's roles, as groups of permissions: reporter, editor and admin.

The data migration creates them; `sync_roles` can run again when permissions are added
(it only adds what is missing and removes what a role no longer has).
"""

from __future__ import annotations

REPORTER = "reporter"
EDITOR = "editor"
ADMIN = "admin"

_REPORTER = [
    "newsroom.view_article",
    "newsroom.add_article",
    "newsroom.change_article",
    "newsroom.view_section",
    "newsroom.view_author",
    "newsroom.view_revision",
    "wires.view_wireitem",
    "wires.view_source",
    "topics.view_topic",
    "stories.view_story",
    "stories.view_storymember",
    "desk.use_wire_monitor",
]
_EDITOR = [
    *_REPORTER,
    "newsroom.add_author",
    "newsroom.change_author",
    "desk.publish_article",
    "desk.correct_article",
    "desk.kill_article",
    "desk.edit_any_article",
    "desk.triage_wire",
    # The desk's corrections to stories; each is kept (a split pair is never re-joined).
    "stories.change_story",
    "stories.view_desksplit",
    "desk.merge_stories",
    "desk.split_stories",
    "desk.choose_story_lead",
]
_ADMIN = [
    *_EDITOR,
    "newsroom.add_section",
    "newsroom.change_section",
    "newsroom.delete_section",
    "newsroom.delete_author",
    "wires.add_source",
    "wires.change_source",
    "wires.view_quarantinedinput",
    "wires.change_quarantinedinput",
    "topics.add_topic",
    "topics.change_topic",
    # Deleting a split lets the engine group the pair again: an admin's call.
    "stories.delete_desksplit",
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
    "auth.view_group",
    "desk.view_audit",
    "desk.view_auditentry",
    "desk.view_deskmember",
    "desk.add_deskmember",
    "desk.change_deskmember",
    "desk.delete_deskmember",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "otp_totp.view_totpdevice",
    "otp_totp.delete_totpdevice",
]

ROLES: dict[str, list[str]] = {REPORTER: _REPORTER, EDITOR: _EDITOR, ADMIN: _ADMIN}


def install_roles(apps) -> None:
    """Create the permissions the roles name, then the roles: for data migrations.

    Permissions are normally created after all migrations ran; a fresh database needs
    them now to hand them to the groups.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    sync_roles(apps)


def sync_roles(apps=None) -> None:
    """Create the role groups and give each exactly its permissions.

    `apps` is the migration's app registry (or the real one). Permissions of apps not
    installed are skipped, so that a role never blocks a migration.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)
