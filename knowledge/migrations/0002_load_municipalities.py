"""Load the 51 municipalities of Gelderland with their CBS codes (source: knowledge/data/)."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = (
    Path(__file__).resolve().parent.parent / "data" / "gelderland-municipalities.csv"
)


def load_municipalities(apps, schema_editor):
    Municipality = apps.get_model("knowledge", "Municipality")
    with CSV_PATH.open(encoding="utf-8") as csv_file:
        for row in csv.DictReader(csv_file):
            Municipality.objects.update_or_create(
                cbs_code=row["cbs_code"],
                defaults={"name": row["name"], "safety_region": row["safety_region"]},
            )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(load_municipalities, migrations.RunPython.noop)]
