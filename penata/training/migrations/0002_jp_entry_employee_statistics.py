from django.db import migrations

# The JP compliance report sums each employee's entries of a year (GROUP BY employee on
# the (year, employee) index). With PostgreSQL's default sample the planner guesses about
# a fifth of the real number of employees per year (an employee has only a handful of
# entries a year), sizes a hash aggregate for that, and the hash spills to disk: 600-800 ms
# for 400,000 entries instead of 150-250 ms for the sorted aggregate read straight from
# the index (bench/training_jp.py). A larger sample of this one column gives the planner
# the right count. Other databases have no such setting.
STATISTICS_TARGET = 1000


def larger_sample(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE training_jpledgerentry ALTER COLUMN employee_id SET STATISTICS {STATISTICS_TARGET}"
    )
    schema_editor.execute("ANALYZE training_jpledgerentry")


def default_sample(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE training_jpledgerentry ALTER COLUMN employee_id SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(larger_sample, default_sample),
    ]
