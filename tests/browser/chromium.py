"""The base class for browser tests: a live server, Debian's Chromium and a fresh page per test."""

import os
import re
import unittest
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission, User
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import Client, tag
from playwright.sync_api import sync_playwright

from reports.access import MANAGERS_GROUP, make_manager

CHROMIUM = Path("/usr/bin/chromium")
# Playwright cannot download its own browsers here, so it drives Debian's; these flags keep a
# headless run in a container quiet and offline.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = settings.BASE_DIR / "test-artifacts"
INSTALL_HINT = (
    f"Chromium is not installed at {CHROMIUM}, so the browser tests cannot run. "
    "Install it with `sudo apt-get install chromium` (or `sudo bash .ci/install-browser`)."
)


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@tag("browser")
class BrowserTestCase(StaticLiveServerTestCase):
    """Each test gets `self.page` in its own browser context; a failing test leaves a screenshot."""

    viewport = {"width": 1280, "height": 900}

    @classmethod
    def setUpClass(cls):
        if not CHROMIUM.exists():
            if running_in_ci():
                raise RuntimeError(INSTALL_HINT)
            raise unittest.SkipTest(INSTALL_HINT)
        super().setUpClass()
        # Playwright's sync API runs an asyncio event loop in this thread, and Django refuses
        # ORM calls from a thread with a running loop unless told that this is safe. It is:
        # the tests call the ORM and Playwright one after the other, never at once.
        cls.enterClassContext(mock.patch.dict(os.environ, DJANGO_ALLOW_ASYNC_UNSAFE="1"))
        cls.playwright = sync_playwright().start()
        cls.addClassCleanup(cls.playwright.stop)
        cls.browser = cls.playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        cls.addClassCleanup(cls.browser.close)

    def setUp(self):
        context = self.browser.new_context(viewport=self.viewport)
        self.addCleanup(context.close)
        self.page = context.new_page()
        self.page.set_default_timeout(10_000)

    def _callTestMethod(self, method):
        # unittest has no public hook for "this test failed"; wrapping the call is the one place
        # that sees the failure while the page still shows what went wrong.
        try:
            super()._callTestMethod(method)
        except unittest.SkipTest:
            raise
        except Exception:
            self.save_screenshot()
            raise

    def save_screenshot(self, suffix: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{self.id()}-{suffix}" if suffix else self.id())
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def visit(self, path: str) -> None:
        self.page.goto(self.live_server_url + path)

    def create_manager(self, username: str, password: str) -> User:
        """A member of the Managers group. A live-server test empties the database after each
        test, rows made by data migrations included, so the group is made again as
        results/0002_managers_group makes it. (serialized_rollback cannot help: while Playwright
        runs, Django hands this thread another connection object, without the serialized data.)
        """
        self.make_managers_group()
        user = User.objects.create_user(username, password=password)
        make_manager(user=user)
        return user

    def make_managers_group(self) -> None:
        group, _ = Group.objects.get_or_create(name=MANAGERS_GROUP)
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="results", codename="view_assessmentresult"
            )
        )

    def sign_in(self, user: AbstractBaseUser) -> None:
        """Give the browser a session for `user`, for tests about pages behind sign-in."""
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies(
            [{"name": session.key, "value": session.value, "url": self.live_server_url}]
        )
