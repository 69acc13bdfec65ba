"""The client address: REMOTE_ADDR, and X-Forwarded-For only as far as trusted proxies vouch."""

from django.test import RequestFactory, SimpleTestCase, override_settings

from limits.addresses import client_address


def request_from(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


class ClientAddressTests(SimpleTestCase):
    @override_settings(TRUSTED_PROXIES=())
    def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(self):
        request = request_from("203.0.113.9", forwarded="198.51.100.1")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=1)
    def test_one_trusted_proxy_vouches_for_the_address_it_appended(self):
        # The client sent "198.51.100.1" itself; the proxy appended the address it saw.
        request = request_from("10.0.0.2", forwarded="198.51.100.1, 203.0.113.9")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=2)
    def test_two_trusted_proxies_vouch_for_two_hops(self):
        request = request_from("10.0.0.3", forwarded="198.51.100.1, 203.0.113.9, 10.0.0.2")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=2)
    def test_fewer_hops_than_proxies_gives_the_left_most(self):
        request = request_from("10.0.0.3", forwarded="203.0.113.9")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=("10.0.0.0/8",))
    def test_a_list_of_proxies_skips_every_trusted_hop_from_the_right(self):
        request = request_from("10.0.0.3", forwarded="198.51.100.1, 203.0.113.9, 10.0.0.2")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=("10.0.0.0/8",))
    def test_a_request_that_did_not_come_through_a_trusted_proxy_is_its_remote_address(self):
        request = request_from("203.0.113.9", forwarded="198.51.100.1")

        self.assertEqual(client_address(request), "203.0.113.9")

    @override_settings(TRUSTED_PROXIES=("10.0.0.0/8",))
    def test_only_trusted_hops_give_the_left_most(self):
        request = request_from("10.0.0.3", forwarded="10.0.0.1")

        self.assertEqual(client_address(request), "10.0.0.1")

    @override_settings(TRUSTED_PROXIES=1)
    def test_a_hop_that_is_not_an_address_falls_back_to_the_remote_address(self):
        request = request_from("10.0.0.2", forwarded="not-an-address")

        self.assertEqual(client_address(request), "10.0.0.2")
