import datetime
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Source',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('kind', models.CharField(choices=[('agency', 'News agency'), ('newsroom', 'Our newsroom'), ('partner', 'Partner publisher')], default='agency', max_length=20)),
                ('credit', models.CharField(blank=True, help_text="How copy from this source is credited, e.g. 'Meridian Press'.", max_length=120)),
                ('url', models.URLField(blank=True, help_text="The source's home page, for readers.")),
                ('format', models.CharField(choices=[('rss', 'RSS or Atom feed'), ('ninjs', 'IPTC ninjs (JSON)'), ('newsml-g2', 'IPTC NewsML-G2 (XML)'), ('html', "Publisher's article pages linked from a feed"), ('auto', 'Detect from the content')], default='auto', max_length=12)),
                ('location', models.CharField(blank=True, help_text='An http(s) URL to poll, or a local folder the agency delivers files into.', max_length=500)),
                ('poll_interval', models.DurationField(default=datetime.timedelta(seconds=60))),
                ('default_section_slug', models.SlugField(blank=True, help_text='Section for copy that names none.', max_length=80)),
                ('language', models.CharField(default='en', max_length=12)),
                ('publishing_rule', models.CharField(choices=[('auto-publish', 'Publish at once'), ('hold', 'Hold for the desk')], default='auto-publish', max_length=20)),
                ('indexing_policy', models.CharField(choices=[('index', 'Search engines may index'), ('noindex', 'Ask search engines not to index (verbatim agency copy)')], default='index', max_length=10)),
                ('enabled', models.BooleanField(default=True)),
                ('allow_private_network', models.BooleanField(default=False, help_text='Fetch from private or loopback addresses (an in-house wire server).')),
                ('etag', models.CharField(blank=True, editable=False, max_length=300)),
                ('last_modified', models.CharField(blank=True, editable=False, max_length=100)),
                ('next_poll_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('last_polled_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('failure_count', models.PositiveIntegerField(default=0, editable=False)),
                ('last_error', models.CharField(blank=True, editable=False, max_length=500)),
            ],
            options={
                'ordering': ['name'],
                'indexes': [models.Index(fields=['enabled', 'next_poll_at'], name='source_due_idx')],
            },
        ),
        migrations.CreateModel(
            name='RawInput',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('origin', models.CharField(help_text='URL or file the bytes came from.', max_length=1000)),
                ('content', models.BinaryField()),
                ('sha256', models.CharField(max_length=64)),
                ('size', models.PositiveIntegerField()),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('source', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wires.source')),
            ],
        ),
        migrations.CreateModel(
            name='QuarantinedInput',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('origin', models.CharField(max_length=1000)),
                ('content', models.BinaryField(help_text='The raw bytes, exactly as received.')),
                ('code', models.CharField(help_text='Stable error code, e.g. ninjs.schema.', max_length=60)),
                ('message', models.TextField()),
                ('location', models.CharField(blank=True, help_text='Where in the input.', max_length=300)),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('retried_at', models.DateTimeField(blank=True, null=True)),
                ('resolved', models.BooleanField(default=False)),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='wires.source')),
            ],
            options={
                'verbose_name_plural': 'quarantined inputs',
                'ordering': ['-received_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='WireItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_id', models.CharField(max_length=500)),
                ('version', models.CharField(blank=True, max_length=100)),
                ('fingerprint', models.CharField(help_text='Hash of the parsed content: the same version twice is one row.', max_length=64)),
                ('format', models.CharField(max_length=12)),
                ('pub_status', models.CharField(default='usable', max_length=12)),
                ('signals', models.JSONField(blank=True, default=list)),
                ('headline', models.CharField(blank=True, max_length=500)),
                ('version_created', models.DateTimeField(blank=True, null=True)),
                ('embargoed_until', models.DateTimeField(blank=True, null=True)),
                ('urgency', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('parsed', models.JSONField(help_text='The parsed item, field by field.')),
                ('received_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('spiked', models.BooleanField(default=False)),
                ('raw_input', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='wire_items', to='wires.rawinput')),
                ('source', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='wire_items', to='wires.source')),
            ],
            options={
                'ordering': ['-received_at', '-id'],
            },
        ),
        migrations.AddIndex(
            model_name='rawinput',
            index=models.Index(fields=['source', 'sha256'], name='raw_input_hash_idx'),
        ),
        migrations.AddIndex(
            model_name='rawinput',
            index=models.Index(fields=['received_at'], name='raw_input_age_idx'),
        ),
        migrations.AddIndex(
            model_name='quarantinedinput',
            index=models.Index(fields=['resolved', '-received_at'], name='quarantine_open_idx'),
        ),
        migrations.AddIndex(
            model_name='wireitem',
            index=models.Index(fields=['-received_at'], name='wire_item_recent_idx'),
        ),
        migrations.AddConstraint(
            model_name='wireitem',
            constraint=models.UniqueConstraint(fields=('source', 'agency_id', 'fingerprint'), name='wire_item_version_once'),
        ),
    ]
