"""A definition's texts, each one string (every language) or one per language, and the one rule
that chooses the text a reader reads."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

# PostgreSQL cannot store it, and no text needs it.
NUL = "\x00"
# A text in a definition: "Automated testing", or {"en": "Automated testing", "de": "…"}.
Text = str | dict[str, str]


def base_language(code: str) -> str:
    """The language without its region: "en" for "en-gb"."""
    return code.lower().split("-")[0]


def language_codes() -> list[str]:
    """The keys a per-language text may use: the site's languages and their base languages."""
    codes: list[str] = []
    for code, _name in settings.LANGUAGES:
        for key in (code.lower(), base_language(code)):
            if key not in codes:
                codes.append(key)
    return codes


def default_language() -> str:
    """The key the site's own language is written under when a text is split by language."""
    return base_language(settings.LANGUAGE_CODE)


def other_languages() -> list[tuple[str, str]]:
    """(code, name) of the site's languages besides its own: the builder's extra inputs."""
    return [
        (code.lower(), name)
        for code, name in settings.LANGUAGES
        if base_language(code) != default_language()
    ]


def chosen_text(text: Any, *, language: str | None = None) -> str:
    """The one rule for which text a reader reads: the entry for their language (the active one
    unless given), else its base language's ("en" serves "en-gb"), else the site's language's,
    else its base language's, else the first given. A plain string is every language's."""
    if isinstance(text, str):
        return text
    if not isinstance(text, dict):
        return ""
    reader = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    site = settings.LANGUAGE_CODE.lower()
    for code in (reader, base_language(reader), site, base_language(site)):
        if isinstance(text.get(code), str):
            return text[code]
    return next((entry for entry in text.values() if isinstance(entry, str)), "")


def given_languages(text: Any) -> list[str]:
    """The languages a text has an entry of its own for (none for a plain string)."""
    return list(text) if isinstance(text, dict) else []


def text_problem(text: Any, *, may_be_empty: bool = False) -> str | None:
    """What is wrong with a text of a definition ("must ..."), or None when nothing is: a string
    without NUL characters (non-empty unless `may_be_empty`), or an object of such strings
    keyed by the site's language codes."""
    entries = text.values() if isinstance(text, dict) else [text]
    if isinstance(text, dict):
        if not text:
            return gettext("must give a text for at least one language.")
        unknown = sorted(str(code) for code in text if code not in language_codes())
        if unknown:
            return gettext("uses unknown language codes %(unknown)s; the site's are %(codes)s.") % {
                "unknown": ", ".join(unknown),
                "codes": ", ".join(language_codes()),
            }
    if not all(isinstance(entry, str) for entry in entries):
        return gettext('must be text, or an object of language: text like {"en": "…", "de": "…"}.')
    if any(NUL in entry for entry in entries):
        return gettext("must not contain NUL characters.")
    if not may_be_empty and not all(entry.strip() for entry in entries):
        return gettext("must not be empty in any language.")
    return None


def texts_by_language(text: Any) -> dict[str, str]:
    """A text as the builder edits it: the site's language's under its key, and each other
    language's own entry (a language without one reads the site's, so it has none here)."""
    texts = {default_language(): chosen_text(text, language=settings.LANGUAGE_CODE)}
    if isinstance(text, dict):
        for code, _name in other_languages():
            if isinstance(text.get(code), str):
                texts[code] = text[code]
    return texts


def joined_texts(texts: dict[str, str]) -> Text:
    """The builder's inputs for one text as the definition stores it: a plain string when only
    the site's language is given, else one entry per language given (blank ones left out)."""
    given = {code: value for code, value in texts.items() if value}
    if set(given) <= {default_language()}:
        return texts.get(default_language(), "")
    return given


def with_text(text: Any, *, language: str, value: str) -> Text:
    """The text with the entry a reader of `language` reads replaced by `value`."""
    if not isinstance(text, dict):
        return value
    key = next(
        (code for code in (language.lower(), base_language(language)) if code in text),
        base_language(language),
    )
    return {**text, key: value}
