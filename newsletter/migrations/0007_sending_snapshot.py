"""Sending: a segment per send, the archive snapshot, and each editor's test addresses."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0006_issue_assembly"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="issuesend",
            name="segment",
            field=models.JSONField(blank=True, default=dict, verbose_name="deel van de lijst"),
        ),
        migrations.AddField(
            model_name="issuesend",
            name="snapshot_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="issuesend",
            name="snapshot_html",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="issuesend",
            name="snapshot_items",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.CreateModel(
            name="EditorTestAddresses",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("addresses", models.TextField(blank=True, verbose_name="e-mailadressen")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="newsletter_test_addresses",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "adressen voor testmails",
                "verbose_name_plural": "adressen voor testmails",
            },
        ),
    ]
