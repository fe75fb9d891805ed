from django.db import migrations

# The public list searches descriptions with icontains: UPPER(description::text) LIKE
# UPPER('%term%'). On PostgreSQL a trigram GIN index on that expression serves it (as for
# employee names, workforce 0003); other databases keep the plain scan.
INDEX = "complaints_complaint_description_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_complaint "
        "USING gin (UPPER((description)::text) gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_inbox_deadline_index"),
    ]

    operations = [
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
