from django.db import migrations


def seed_dictionary(apps, schema_editor):
    from penata.competency.dictionary import DICTIONARY

    Competency = apps.get_model("competency", "Competency")
    for entry in DICTIONARY:
        Competency.objects.update_or_create(
            code=entry.code,
            defaults={
                "name": entry.name,
                "kind": entry.kind,
                "agency": None,
                "description": entry.description,
                "levels": [
                    {"level": lv.level, "title": lv.title, "indicators": list(lv.indicators)} for lv in entry.levels
                ],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("competency", "0001_initial")]
    operations = [migrations.RunPython(seed_dictionary, migrations.RunPython.noop)]
