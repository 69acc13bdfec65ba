"""OIDC_MANAGERS_GROUP: the `groups` claim decides who is in Managers, at each sign-in."""

from django.contrib.auth.models import Group, User
from django.test import Client

from reports.access import MANAGERS_GROUP
from tests.accounts.provider import ProviderTestCase, query_of, set_claims, sign_on, start_sign_on

GRACE = {"email": "grace@example.com", "email_verified": True, "name": "Grace Hopper"}


def is_manager(user: User) -> bool:
    return user.groups.filter(name=MANAGERS_GROUP).exists()


class ManagersClaimTests(ProviderTestCase):
    extra_settings = {
        "OIDC_MANAGERS_GROUP": "assessor-managers",
        "OIDC_RP_SCOPES": "openid email profile groups",
    }

    def test_the_managers_claim_adds_and_then_removes_the_managers_group(self):
        set_claims(self.issuer, "grace-sub", **GRACE, groups=["staff", "assessor-managers"])
        sign_on(Client(), "grace-sub")
        grace = User.objects.get()
        added = is_manager(grace)
        set_claims(self.issuer, "grace-sub", **GRACE, groups=["staff"])

        sign_on(self.client, "grace-sub")

        self.assertTrue(added)
        self.assertFalse(is_manager(grace))

    def test_a_manager_by_claim_opens_the_manager_pages(self):
        set_claims(self.issuer, "grace-sub", **GRACE, groups=["assessor-managers"])

        response = sign_on(self.client, "grace-sub", next="/manage/")

        self.assertRedirects(response, "/manage/")

    def test_a_claim_without_groups_takes_a_manager_out(self):
        set_claims(self.issuer, "grace-sub", **GRACE, groups="assessor-managers")
        sign_on(Client(), "grace-sub")
        set_claims(self.issuer, "grace-sub", **GRACE)

        sign_on(self.client, "grace-sub")

        self.assertFalse(is_manager(User.objects.get()))
        self.assertTrue(Group.objects.filter(name=MANAGERS_GROUP).exists())

    def test_the_provider_is_asked_for_the_groups_scope(self):
        query = query_of(start_sign_on(self.client))

        self.assertEqual(query["scope"], "openid email profile groups")


class WithoutManagersSettingTests(ProviderTestCase):
    def test_sign_in_leaves_managers_membership_as_the_admins_set_it(self):
        set_claims(self.issuer, "grace-sub", **GRACE, groups=["assessor-managers"])
        sign_on(Client(), "grace-sub")
        grace = User.objects.get()
        grace.groups.add(Group.objects.get(name=MANAGERS_GROUP))
        set_claims(self.issuer, "grace-sub", **GRACE, groups=[])

        sign_on(self.client, "grace-sub")

        self.assertTrue(is_manager(grace))

    def test_nobody_becomes_a_manager_by_claim(self):
        set_claims(self.issuer, "grace-sub", **GRACE, groups=["Managers"])

        sign_on(self.client, "grace-sub")

        self.assertFalse(is_manager(User.objects.get()))
