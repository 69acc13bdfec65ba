"""Let the "Managers" group write assessments in the builder (add and change assessments)."""

from django.db import migrations

GROUP = "Managers"
APP_LABEL, MODEL = "assessments", "assessment"
PERMISSIONS = {"add_assessment": "Can add assessment", "change_assessment": "Can change assessment"}


def grant_builder_permissions(apps, schema_editor):
    # As in results/0002_managers_group: on a fresh database the permissions do not exist yet
    # (the post_migrate signal makes them after all migrations), so make them the same way.
    database = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.using(database).get_or_create(
        app_label=APP_LABEL, model=MODEL
    )
    group, _ = Group.objects.using(database).get_or_create(name=GROUP)
    for codename, name in PERMISSIONS.items():
        permission, _ = Permission.objects.using(database).get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke_builder_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.using(schema_editor.connection.alias).filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label=APP_LABEL, codename__in=list(PERMISSIONS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("assessments", "0002_reserved_slugs"),
    ]

    operations = [migrations.RunPython(grant_builder_permissions, revoke_builder_permissions)]
