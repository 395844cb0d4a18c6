import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def create_roles(apps, schema_editor):
    """The reporter, editor and admin groups with their permissions (`desk.roles`)."""
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

    initial = True

    dependencies = [
        ('newsroom', '0001_initial'),
        ('wires', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
        ("topics", "0001_initial"),
        ("stories", "0001_initial"),
        ("axes", "__latest__"),
        ("otp_totp", "__latest__"),
    ]

    operations = [
        migrations.CreateModel(
            name='DeskRights',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'permissions': [('publish_article', 'Publish, schedule and unpublish articles'), ('correct_article', 'Correct published articles with a public note'), ('kill_article', 'Kill articles (410 Gone, for good)'), ('edit_any_article', 'Edit articles other people started'), ('use_wire_monitor', 'See the wire monitor'), ('triage_wire', 'Publish, spike and link wire items from the monitor'), ('view_audit', 'Read the audit log'), ('merge_stories', 'Merge two stories into one'), ('split_stories', 'Split an article out of its story'), ('choose_story_lead', 'Pick the article that leads a story')],
                'managed': False,
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='DeskMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sections', models.ManyToManyField(blank=True, help_text='The sections this person edits; none means every section.', to='newsroom.section')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='desk_member', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='WireItemUse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('how', models.CharField(choices=[('published', 'Published as it came'), ('draft', 'Opened as a draft'), ('linked', 'Added to an article as an update')], max_length=12)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='wire_uses', to='newsroom.article')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
                ('wire_item', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='desk_use', to='wires.wireitem')),
            ],
        ),
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('username', models.CharField(blank=True, help_text='Kept when the user is deleted.', max_length=150)),
                ('action', models.CharField(help_text='publish, kill, spike, merge...', max_length=40)),
                ('object_type', models.CharField(help_text='article, wire item, source, topic', max_length=40)),
                ('object_id', models.CharField(max_length=40)),
                ('object_repr', models.CharField(max_length=300)),
                ('detail', models.JSONField(blank=True, default=dict)),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'audit entries',
                'ordering': ['-at', '-id'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_object_idx')],
            },
        ),
        migrations.RunPython(create_roles, drop_roles),
    ]
