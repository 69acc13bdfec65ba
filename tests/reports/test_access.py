"""The "Managers" group from the migration, and putting people in it."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase

from reports.access import MANAGERS_GROUP, make_manager, unmake_manager
from results.visibility import MANAGE_RESULTS as VIEW_RESULTS_PERMISSION
from tests.factories import make_user

migration = importlib.import_module("results.migrations.0002_managers_group")
# Given to the group by assessments/0003_managers_build_assessments (issue 13: the builder).
BUILDER_PERMISSIONS = {"assessments.add_assessment", "assessments.change_assessment"}


def group_permissions() -> set[str]:
    group = Group.objects.get(name=MANAGERS_GROUP)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


class ManagersGroupMigrationTests(TestCase):
    def test_after_migrate_the_group_may_view_results_and_build_assessments(self):
        self.assertEqual(group_permissions(), {VIEW_RESULTS_PERMISSION, *BUILDER_PERMISSIONS})

    def test_a_member_of_the_group_may_view_results_and_build_assessments_and_nothing_more(self):
        user = make_user(manager=True)

        self.assertTrue(user.has_perm(VIEW_RESULTS_PERMISSION))
        self.assertEqual(
            user.get_all_permissions(), {VIEW_RESULTS_PERMISSION, *BUILDER_PERMISSIONS}
        )

    def test_unapplying_removes_the_group_and_applying_again_restores_it(self):
        schema_editor = connection.schema_editor()

        migration.remove_managers_group(apps, schema_editor)
        removed = Group.objects.filter(name=MANAGERS_GROUP).exists()
        migration.create_managers_group(apps, schema_editor)
        migration.create_managers_group(apps, schema_editor)

        self.assertFalse(removed)
        self.assertEqual(group_permissions(), {VIEW_RESULTS_PERMISSION})

    def test_the_migration_and_the_code_name_the_same_group_and_permission(self):
        self.assertEqual(migration.GROUP, MANAGERS_GROUP)
        self.assertEqual(f"{migration.APP_LABEL}.{migration.CODENAME}", VIEW_RESULTS_PERMISSION)


class MakeManagerTests(TestCase):
    def test_a_user_is_put_in_the_group_once(self):
        user = make_user()

        first, second = make_manager(user=user), make_manager(user=user)

        self.assertEqual((first, second), (True, False))
        self.assertEqual(list(user.groups.values_list("name", flat=True)), [MANAGERS_GROUP])
        self.assertTrue(user.has_perm(VIEW_RESULTS_PERMISSION))

    def test_a_manager_is_taken_out_of_the_group_once(self):
        user = make_user(manager=True)
        user.groups.add(Group.objects.create(name="Other"))

        first, second = unmake_manager(user=user), unmake_manager(user=user)

        self.assertEqual((first, second), (True, False))
        self.assertEqual(list(user.groups.values_list("name", flat=True)), ["Other"])
        self.assertFalse(user.has_perm(VIEW_RESULTS_PERMISSION))
