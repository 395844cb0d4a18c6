import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('wires', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SourceToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="Who holds the token, e.g. 'Meridian Press CMS'.", max_length=120)),
                ('key_hash', models.CharField(editable=False, max_length=64, unique=True)),
                ('prefix', models.CharField(editable=False, help_text="The token's first characters, to tell it apart.", max_length=12)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('enabled', models.BooleanField(default=True)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='push_tokens', to='wires.source')),
            ],
            options={
                'ordering': ['source', 'name'],
            },
        ),
    ]
