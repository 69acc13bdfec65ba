"""What attackers and buggy clients send, as Hypothesis strategies, and a reusable property.

Importing this module loads the Hypothesis profile: `fast` for `make test`, `ci` when
HYPOTHESIS_PROFILE=ci (as .ci/run sets it) for a deeper search.
"""

import codecs
import operator
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.test import Client
from hypothesis import settings
from hypothesis import strategies as st

# No deadline: a request's time depends on the machine and on coverage tracing, and a slow
# example is not a wrong one.
settings.register_profile("fast", max_examples=30, deadline=None)
settings.register_profile("ci", max_examples=500, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

# Characters that have broken web forms before: NUL, line ends, bidi and byte-order marks,
# astral code points, and the characters with a meaning in HTML, URLs and form encoding.
TROUBLEMAKERS = [
    "\x00", "\r\n", "\t", "\u202e", "\ufeff", "\U0001f600", "<script>", "'", '"', "%", "&",
    "=", "+", ";", "/", "..",
]  # fmt: skip


def hostile_text() -> st.SearchStrategy[str]:
    """Any unicode text, text laced with troublemakers, and huge strings."""
    laced = st.lists(st.one_of(st.text(max_size=3), st.sampled_from(TROUBLEMAKERS))).map("".join)
    # Built by repetition, so a huge value costs Hypothesis a few bytes of entropy.
    huge = st.builds(operator.mul, st.text(min_size=1, max_size=3), st.integers(1_000, 60_000))
    return st.one_of(st.text(), laced, huge)


# What a form post's Content-Type may name as its charset. Only UTF-8 is read; any other name,
# known or not, is refused with 400 whatever the body holds.
CHARSETS = ["utf-8", "UTF-8", "latin-1", "utf-16", "ascii", "utf8", "x-no-such-charset"]


@dataclass(frozen=True)
class FormEncoding:
    """A URL-encoded form's Content-Type, with or without a charset."""

    charset: str | None

    @property
    def content_type(self) -> str:
        form = "application/x-www-form-urlencoded"
        return form if self.charset is None else f"{form}; charset={self.charset}"

    @property
    def is_read(self) -> bool:
        return self.charset is None or self.charset.lower() == "utf-8"

    def encode(self, text: str) -> bytes:
        """The body as a client naming this charset would send it."""
        try:
            return text.encode(codecs.lookup(self.charset or "utf-8").name, errors="replace")
        except LookupError:
            return text.encode()


def form_encodings() -> st.SearchStrategy[FormEncoding]:
    return st.builds(FormEncoding, st.one_of(st.none(), st.sampled_from(CHARSETS)))


def client_with_csrf_cookie() -> tuple[Client, str]:
    """A client that enforces the CSRF check as browsers meet it, holding a CSRF cookie, and
    the token to post as the form's last csrfmiddlewaretoken (the one the check reads): the
    check then reads the form's body."""
    client = Client(enforce_csrf_checks=True)
    secret = secrets.token_hex(16)
    client.cookies["csrftoken"] = secret
    return client, secret


@dataclass(frozen=True)
class AnswerBody:
    """A form body as (key, value) pairs, keys possibly repeated, in the order sent."""

    pairs: list[tuple[str, str]]
    # True when every field the form needs is there exactly once with a value that a correct
    # browser could send: such a body must be stored.
    is_valid_answer: bool


@st.composite
def answer_bodies(draw: st.DrawFn, *, version: str, category_slugs: Sequence[str]) -> AnswerBody:
    """Bodies for POST /assessment/: mostly the real fields, often wrong, missing or repeated."""
    valid_name = st.text(min_size=1, max_size=100).filter(lambda s: s.strip() and "\x00" not in s)
    valid_rating = st.integers(min_value=-(10**12), max_value=10**12).map(str)
    required = {"v": st.just(version), "name": valid_name}
    required.update(dict.fromkeys(category_slugs, valid_rating))
    pairs: list[tuple[str, str]] = []
    is_valid_answer = True
    for key, valid_value in required.items():
        # 0: left out, 1: something hostile, otherwise what a browser would send; weighted so
        # that about a third of all bodies are valid answers.
        choice = draw(st.integers(0, 15))
        if choice == 0:
            is_valid_answer = False
        elif choice == 1:
            pairs.append((key, draw(hostile_text())))
            is_valid_answer = False
        else:
            pairs.append((key, draw(valid_value)))
    levelups = [f"{slug}-levelup" for slug in category_slugs]
    for levelup in levelups:
        if draw(st.booleans()):
            pairs.append((levelup, draw(st.one_of(st.just("on"), hostile_text()))))
    real_keys = [*required, *levelups, "csrfmiddlewaretoken"]
    extra_key = st.one_of(st.sampled_from(real_keys), hostile_text())
    extras = draw(st.lists(st.tuples(extra_key, hostile_text()), max_size=4))
    # A second value for a field the form reads makes the outcome depend on which one wins.
    if any(key in required for key, _ in extras):
        is_valid_answer = False
    return AnswerBody(pairs=draw(st.permutations(pairs + extras)), is_valid_answer=is_valid_answer)


class QueryParameterProperties:
    """Mix into a `hypothesis.extra.django.TestCase`: no value of one query parameter breaks a page.

    Set `path` (a string or a property) and `parameter`; `statuses` are the answers the page may
    give. Override `known_values` to mix in values the page recognises, `sign_in` for pages behind
    sign-in (each example gets a fresh client), and `check_answer` to say more about an answer.
    Each class writes its own three-line test (Hypothesis keeps examples per test function):

        class MatrixMinimumProperties(QueryParameterProperties, TestCase):
            path = "/manage/sports/"
            parameter = "min"

            def sign_in(self):
                self.client.force_login(self.manager)

            @given(data=st.data())
            def test_any_min_gets_an_answer_never_a_server_error(self, data):
                self.assert_any_value_gets_an_answer(data)
    """

    path: str
    parameter: str
    statuses: frozenset[int] = frozenset({200})

    def known_values(self) -> list[str]:
        return []

    def sign_in(self) -> None:
        pass

    def check_answer(self, values: list[str], response: HttpResponse) -> None:
        self.assertIn(response.status_code, self.statuses)

    def assert_any_value_gets_an_answer(self, data: st.DataObject) -> None:
        known = self.known_values()
        value = st.one_of(st.sampled_from(known), hostile_text()) if known else hostile_text()
        # Several values exercise repeated keys: ?min=1&min=x.
        values = data.draw(st.lists(value, min_size=1, max_size=3), label=self.parameter)
        self.sign_in()

        response = self.client.get(self.path, {self.parameter: values})

        self.check_answer(values, response)
