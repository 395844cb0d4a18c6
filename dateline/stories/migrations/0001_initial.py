import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsroom', '0001_initial'),
        ('topics', '0001_initial'),
        ('wires', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Story',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('headline', models.CharField(blank=True, help_text="The lead article's headline, for the desk.", max_length=300)),
                ('lead_chosen_by_desk', models.BooleanField(default=False, help_text='The desk picked the lead; it is not chosen again by itself.')),
                ('edited_by_desk', models.BooleanField(default=False, help_text='The desk merged or split it; its members are kept as they are.')),
                ('first_seen_at', models.DateTimeField(blank=True, null=True)),
                ('last_seen_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('lead', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='newsroom.article')),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='merged_stories', to='stories.story')),
            ],
            options={
                'verbose_name_plural': 'stories',
                'ordering': ['-last_seen_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='StoryTopic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('weight', models.FloatField(default=0.0)),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='topic_links', to='stories.story')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='topics.topic')),
            ],
            options={
                'ordering': ['position'],
            },
        ),
        migrations.AddField(
            model_name='story',
            name='topics',
            field=models.ManyToManyField(blank=True, related_name='stories', through='stories.StoryTopic', to='topics.topic'),
        ),
        migrations.CreateModel(
            name='DeskSplit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('apart_from', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.article')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsroom.article')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('article', 'apart_from'), name='desk_split_once'), models.CheckConstraint(condition=models.Q(('article__lt', models.F('apart_from'))), name='desk_split_ordered')],
            },
        ),
        migrations.CreateModel(
            name='StoryMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_at', models.DateTimeField(blank=True, null=True)),
                ('joined_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('score', models.FloatField(default=0.0, help_text='How well it matched when it joined.')),
                ('placed_by_desk', models.BooleanField(default=False)),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='story_link', to='newsroom.article')),
                ('source', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wires.source')),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='stories.story')),
            ],
            options={
                'ordering': ['published_at', 'id'],
                'indexes': [models.Index(fields=['story', 'published_at'], name='story_member_time_idx')],
            },
        ),
        migrations.AddConstraint(
            model_name='storytopic',
            constraint=models.UniqueConstraint(fields=('story', 'topic'), name='story_topic_once'),
        ),
        migrations.AddIndex(
            model_name='story',
            index=models.Index(fields=['-last_seen_at'], name='story_last_seen_idx'),
        ),
    ]
