"""The footer becomes a translatable snippet (``SiteFooter``); step 1 of 3: the new tables and columns.

The footer links become translatable too. Their new ``locale`` and ``translation_key`` columns are
nullable here so that 0006 can give every existing link its own key (a column default would give
all rows the same one); 0007 then makes them required and drops the old columns.
"""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_editor_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteFooter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("team_name", models.CharField(max_length=120, verbose_name="naam van het team")),
                ("email", models.EmailField(max_length=254, verbose_name="e-mailadres")),
                ("phone", models.CharField(max_length=30, verbose_name="telefoon")),
                ("visiting_address", models.CharField(max_length=200, verbose_name="bezoekadres")),
                ("postal_address", models.CharField(max_length=200, verbose_name="postadres")),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "voettekst",
                "verbose_name_plural": "voetteksten",
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="footer",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "De naam van het team, de contactgegevens en de links onderaan elke pagina. Kies de "
                    "Nederlandse voettekst. Bezoekers van de Engelse site zien de Engelse vertaling ervan."
                ),
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="home.sitefooter",
                verbose_name="voettekst",
            ),
        ),
        migrations.AddField(
            model_name="footerlink",
            name="footer",
            field=modelcluster.fields.ParentalKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links",
                to="home.sitefooter",
            ),
        ),
        migrations.AddField(
            model_name="footerlink",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="footerlink",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        # English links have no settings row; 0007 drops the column (and can add it back, empty).
        migrations.AlterField(
            model_name="footerlink",
            name="settings",
            field=modelcluster.fields.ParentalKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="footer_links",
                to="home.sitesettings",
            ),
        ),
    ]
