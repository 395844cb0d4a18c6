import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsroom', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=160)),
                ('slug', models.SlugField(max_length=160, unique=True)),
                ('kind', models.CharField(choices=[('person', 'Person'), ('organisation', 'Organisation'), ('place', 'Place'), ('subject', 'Subject'), ('event', 'Event')], max_length=20)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('aliases', models.JSONField(blank=True, default=list, help_text='Other names in any language: spellings, acronyms, titles with the name.')),
                ('external_ids', models.JSONField(blank=True, default=dict, help_text='e.g. {"iso3166": "UA", "wikidata": "Q212"}.')),
                ('status', models.CharField(choices=[('active', 'Active'), ('suggested', 'Suggested (waiting for the desk)'), ('blocked', 'Blocked (never tagged)'), ('merged', 'Merged into another topic')], default='active', max_length=12)),
                ('edited_by_desk', models.BooleanField(default=False, help_text='The desk changed it: its knowledge overrides the seed.')),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='merged_topics', to='topics.topic')),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ArticleTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField(default=1.0)),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='topic_links', to='newsroom.article')),
                ('topic', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='article_links', to='topics.topic')),
            ],
            options={
                'ordering': ['position', '-score'],
            },
        ),
        migrations.AddIndex(
            model_name='topic',
            index=models.Index(fields=['status', 'name'], name='topic_status_idx'),
        ),
        migrations.AddIndex(
            model_name='articletopic',
            index=models.Index(fields=['topic', 'article'], name='topic_article_idx'),
        ),
        migrations.AddConstraint(
            model_name='articletopic',
            constraint=models.UniqueConstraint(fields=('article', 'topic'), name='article_topic_once'),
        ),
    ]
