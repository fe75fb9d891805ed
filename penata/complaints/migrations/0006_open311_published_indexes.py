from django.db import migrations, models

# Published reports newest first (Open311 GET requests at 200,000 reports): partial indexes
# hold only published rows, so a page of 1,000 reads 1,000 rows instead of skipping the
# unverified and confidential ones; by category and by status (status=closed is one status)
# the rows come in order without a sort.
PUBLISHED = models.Q(
    ("privacy__in", ["public", "anonymous"]), ("status__in", ["dispatched", "answered", "finished"])
)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_description_trigram_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=PUBLISHED, fields=["submitted_at", "id"], name="complaint_published_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=PUBLISHED,
                fields=["category", "submitted_at", "id"],
                name="complaint_pub_category_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=PUBLISHED, fields=["status", "submitted_at", "id"], name="complaint_pub_status_idx"
            ),
        ),
    ]
