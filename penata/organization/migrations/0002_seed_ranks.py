from django.db import migrations


def seed_ranks(apps, schema_editor):
    from penata.organization.ranks import rank_rows

    Rank = apps.get_model("organization", "Rank")
    for code, title, employment_type, order in rank_rows():
        Rank.objects.update_or_create(
            code=code,
            defaults={"title": title, "employment_type": employment_type, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]
    operations = [migrations.RunPython(seed_ranks, migrations.RunPython.noop)]
