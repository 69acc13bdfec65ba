"""Create the "Managers" group, whose members may read every stored result."""

from django.db import migrations

GROUP = "Managers"
APP_LABEL, MODEL, CODENAME = "results", "assessmentresult", "view_assessmentresult"


def create_managers_group(apps, schema_editor):
    # Permissions are normally created after all migrations have run (by a
    # post_migrate signal), so on a fresh database this one does not exist yet:
    # create it here the same way; the signal then finds it and leaves it alone.
    database = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.using(database).get_or_create(
        app_label=APP_LABEL, model=MODEL
    )
    permission, _ = Permission.objects.using(database).get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can view assessment result"},
    )
    group, _ = Group.objects.using(database).get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_managers_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("results", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_managers_group, remove_managers_group)]
