"""The desk's rights on stories (merge, split, pick the lead), given to the roles.

Editors and admins get them with the right to see and change stories; reporters see
stories only. `roles.ROLES` says who has what; this runs `install_roles` once more.
"""

from django.db import migrations


def give_story_rights(apps, schema_editor):
    from dateline.desk.roles import install_roles

    install_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_roles"),
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="deskrights",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    ("publish_article", "Publish, schedule and unpublish articles"),
                    ("correct_article", "Correct published articles with a public note"),
                    ("kill_article", "Kill articles (410 Gone, for good)"),
                    ("edit_any_article", "Edit articles other people started"),
                    ("use_wire_monitor", "See the wire monitor"),
                    ("triage_wire", "Publish, spike and link wire items from the monitor"),
                    ("view_audit", "Read the audit log"),
                    ("merge_stories", "Merge two stories into one"),
                    ("split_stories", "Split an article out of its story"),
                    ("choose_story_lead", "Pick the article that leads a story"),
                ],
            },
        ),
        # Reversing leaves the groups as they are: `sync_roles` sets them on the next run.
        migrations.RunPython(give_story_rights, migrations.RunPython.noop),
    ]
