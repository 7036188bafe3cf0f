"""Teach PostgreSQL's planner how selective a text search on the index is.

modelsearch matches ``(title || body) @@ query``. Without statistics on that expression the planner
assumes a multi-word query matches about one row and joins it with a nested loop against the
pages: at 10,000 items "jongeren sport buurt" took 5.8 s instead of about 0.1 s. Extended
statistics on the expression (PostgreSQL 14+) give it the real figure; autovacuum's ANALYZE keeps
them current as the index grows. SQLite has nothing to do here.
"""

from django.db import migrations

NAME = "search_indexentry_text_statistics"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table)
    schema_editor.execute(f"CREATE STATISTICS IF NOT EXISTS {NAME} ON ((title || body)) FROM {table}")
    schema_editor.execute(f"ANALYZE {table}")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_editor_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_statistics, drop_statistics)]
