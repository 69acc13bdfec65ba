"""ASSESSOR_API_RATE: read once into API_RATE, 600 in ten minutes unless set, refused when
malformed."""

from django.test import SimpleTestCase

from tests.assessor.test_settings import PRODUCTION, load_settings, setting


class ApiRateSettingTests(SimpleTestCase):
    def test_the_default_is_600_in_ten_minutes(self):
        self.assertEqual(setting("s.API_RATE", **PRODUCTION, ASSESSOR_API_RATE=""), "(600, 600)")

    def test_the_environment_sets_it_or_turns_it_off(self):
        self.assertEqual(
            setting("s.API_RATE", **PRODUCTION, ASSESSOR_API_RATE="100/h"), "(100, 3600)"
        )
        self.assertEqual(setting("s.API_RATE", **PRODUCTION, ASSESSOR_API_RATE="off"), "None")

    def test_a_malformed_rate_stops_the_site_from_starting(self):
        outcome = load_settings(**PRODUCTION, ASSESSOR_API_RATE="600")

        self.assertNotEqual(outcome.returncode, 0)
        self.assertIn("ASSESSOR_API_RATE must be", outcome.stderr)
