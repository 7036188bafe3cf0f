"""The footer becomes a translatable snippet; step 3 of 3: what 0006 filled is now required.

Every footer link belongs to a footer and has a locale and a translation key of its own; the site
settings no longer hold the contact details, the English team name or the English link texts.
"""

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_move_site_chrome_into_footer"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="footerlink",
            name="footer",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="links", to="home.sitefooter"
            ),
        ),
        migrations.AlterField(
            model_name="footerlink",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="footerlink",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="footerlink",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RemoveField(model_name="footerlink", name="label_en"),
        migrations.RemoveField(model_name="footerlink", name="settings"),
        migrations.RemoveField(model_name="sitesettings", name="organisation_name"),
        migrations.RemoveField(model_name="sitesettings", name="organisation_name_en"),
        migrations.RemoveField(model_name="sitesettings", name="email"),
        migrations.RemoveField(model_name="sitesettings", name="phone"),
        migrations.RemoveField(model_name="sitesettings", name="visiting_address"),
        migrations.RemoveField(model_name="sitesettings", name="postal_address"),
    ]
