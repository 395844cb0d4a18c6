import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="WorkerHeartbeat",
            fields=[
                ("worker_id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("hostname", models.CharField(blank=True, max_length=200)),
                ("pid", models.PositiveIntegerField(default=0)),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "seen_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("task_id", models.CharField(blank=True, max_length=64)),
            ],
            options={"ordering": ["-seen_at"]},
        ),
    ]
