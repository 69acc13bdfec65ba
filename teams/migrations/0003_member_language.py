"""A member's language: the one they last used on their personal link (issue 15)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("teams", "0002_verbose_names_translatable"),
    ]

    operations = [
        migrations.AddField(
            model_name="member",
            name="language",
            field=models.CharField(
                blank=True, editable=False, max_length=15, verbose_name="language"
            ),
        ),
    ]
