"""The members text area: one person per line, every wrong line named."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from teams.forms import NewMember, parse_members


class MemberParserTests(SimpleTestCase):
    def messages(self, text: str, **kwargs) -> list[str]:
        with self.assertRaises(ValidationError) as caught:
            parse_members(text, **kwargs)
        return caught.exception.messages

    def test_both_formats_are_read_and_blank_lines_skipped(self):
        members = parse_members(
            "Ada Lovelace <ada@example.com>\n\n  Grace Hopper, grace@example.com  \r\n"
        )

        self.assertEqual(
            members,
            [
                NewMember(name="Ada Lovelace", email="ada@example.com"),
                NewMember(name="Grace Hopper", email="grace@example.com"),
            ],
        )

    def test_a_name_may_hold_commas_since_the_last_comma_splits(self):
        members = parse_members("Lovelace, Ada, ada@example.com")

        self.assertEqual(members, [NewMember(name="Lovelace, Ada", email="ada@example.com")])

    def test_each_wrong_line_is_named(self):
        messages = self.messages(
            "Ada <ada@example.com>\nJust a name\n<nobody@example.com>\nBob, \nEve, not-an-email"
        )

        self.assertEqual(
            messages,
            [
                "Line 2: write “Full Name <email@example.com>” or “Full Name, email”.",
                "Line 3: the name is missing.",
                "Line 4: the email address is missing.",
                "Line 5: “not-an-email” is not an email address.",
            ],
        )

    def test_an_email_twice_is_refused_whatever_its_case(self):
        messages = self.messages("Ada <ada@example.com>\nAda again, ADA@example.COM")

        self.assertEqual(messages, ["Line 2: ADA@example.COM is already on line 1."])

    def test_an_email_of_a_current_member_is_refused(self):
        messages = self.messages(
            "Ada <Ada@Example.com>", existing_emails=frozenset({"ada@example.com"})
        )

        self.assertEqual(messages, ["Line 1: Ada@Example.com is already a member of this team."])

    def test_too_long_a_name_or_email_is_refused(self):
        messages = self.messages(f"{'A' * 101} <a@example.com>\nAda, {'a' * 250}@example.com")

        self.assertEqual(
            messages,
            [
                "Line 1: the name is longer than 100 characters.",
                f"Line 2: “{'a' * 250}@example.com” is not an email address.",
            ],
        )

    def test_too_many_lines_are_refused_at_once(self):
        text = "\n".join(f"P{n}, p{n}@example.com" for n in range(1001))

        self.assertEqual(self.messages(text), ["At most 1000 lines at a time."])
