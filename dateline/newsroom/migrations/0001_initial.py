import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# Wire copy is written compressed with lz4 on PostgreSQL: every input is stored three
# times on its way in (the raw feed, the parsed wire item, the article's body), and lz4
# compresses several times faster than the default pglz for about the same size. A
# server built without lz4 keeps pglz.
COPY_COLUMNS = [
    ("wires_rawinput", "content"),
    ("wires_quarantinedinput", "content"),
    ("wires_wireitem", "parsed"),
    ("newsroom_article", "body"),
]


def compress_copy_with_lz4(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    with connection.cursor() as cursor:
        for table, column in COPY_COLUMNS:
            cursor.execute("SAVEPOINT lz4")
            try:
                cursor.execute(
                    f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4'
                )
            except Exception:  # built without lz4: pglz it stays
                cursor.execute("ROLLBACK TO SAVEPOINT lz4")
                return
            cursor.execute("RELEASE SAVEPOINT lz4")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wires', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80, unique=True)),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=100, help_text='Order in the menu and on the home page; lower comes first.')),
            ],
            options={
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('role', models.CharField(blank=True, help_text="e.g. 'Diplomatic editor'.", max_length=120)),
                ('bio', models.TextField(blank=True)),
                ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('headline', models.CharField(max_length=300)),
                ('slug', models.SlugField(db_index=False, max_length=100)),
                ('standfirst', models.TextField(blank=True, help_text='One or two sentences under the headline.')),
                ('body', models.TextField(blank=True, help_text='Sanitized HTML.')),
                ('byline', models.CharField(blank=True, help_text='The displayed author line.', max_length=200)),
                ('dateline_place', models.CharField(blank=True, help_text="e.g. 'WASHINGTON'.", max_length=100)),
                ('dateline_date', models.DateField(blank=True, null=True)),
                ('credit', models.CharField(blank=True, help_text="Agency or publisher credit, e.g. 'Meridian Press'.", max_length=200)),
                ('agency_id', models.CharField(blank=True, help_text="The source's id for the item (guid, uri).", max_length=500)),
                ('wire_version_created', models.DateTimeField(blank=True, help_text='When the agency created the version shown.', null=True)),
                ('body_fingerprint', models.CharField(blank=True, help_text='Hash of the normalised body, to spot duplicates.', max_length=64)),
                ('language', models.CharField(default='en', max_length=12)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('ready', 'Ready for review'), ('published', 'Published'), ('unpublished', 'Unpublished'), ('killed', 'Killed')], default='draft', max_length=20)),
                ('is_lead', models.BooleanField(default=False, help_text='Lead the home page.')),
                ('published_at', models.DateTimeField(blank=True, help_text='First publication; a future time schedules the article.', null=True)),
                ('updated_at', models.DateTimeField(blank=True, help_text='Last significant change shown to readers.', null=True)),
                ('embargo_until', models.DateTimeField(blank=True, null=True)),
                ('image_url', models.URLField(blank=True)),
                ('image_caption', models.CharField(blank=True, max_length=300)),
                ('image_credit', models.CharField(blank=True, max_length=200)),
                ('image_alt', models.CharField(blank=True, max_length=300)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('modified_at', models.DateTimeField(auto_now=True, db_index=True)),
                ('edit_version', models.PositiveIntegerField(default=0, editable=False)),
                ('created_by', models.ForeignKey(blank=True, editable=False, help_text='Who started it on the desk (a reporter edits their own drafts).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('duplicate_of', models.ForeignKey(blank=True, help_text='The article this copy repeats; a duplicate is never published.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='newsroom.article')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='wires.source')),
                ('authors', models.ManyToManyField(blank=True, related_name='articles', to='newsroom.author')),
                ('section', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='articles', to='newsroom.section')),
            ],
            options={
                'ordering': ['-published_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CorrectionNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('correction', 'Correction'), ('clarification', 'Clarification')], default='correction', max_length=20)),
                ('text', models.TextField()),
                ('noted_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='newsroom.article')),
            ],
            options={
                'ordering': ['noted_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Revision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.CharField(help_text='update, correction, kill...', max_length=40)),
                ('snapshot', models.JSONField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='newsroom.article')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['body_fingerprint'], name='article_fingerprint_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', '-published_at'], name='article_visible_idx'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['section', 'status', '-published_at'], name='article_section_idx'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(condition=models.Q(('agency_id', ''), _negated=True), fields=('source', 'agency_id'), name='article_from_agency_item_once'),
        ),
        migrations.RunPython(compress_copy_with_lz4, migrations.RunPython.noop),
    ]
