"""Log formatting: one line per record, so each event is one line in whatever collects stdout,
and never a whole capability address in it."""

import logging
import re

from gunicorn import glogging


class OneLineFormatter(logging.Formatter):
    """Keeps a traceback on its record's line, with its line breaks written as \\n."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")


# A result's id and an invitation's token are the keys to what they open, so a log line
# carries only their first characters: enough to tell requests apart, not to open anything.
RESULT_ID = re.compile(
    r"\b([0-9a-fA-F]{8})-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
)
# In a personal link's path (or a colleague's review link's), or in the query of the sign-up
# page it leads to.
INVITATION_TOKEN = re.compile(r"((?:/i/|/r/|invitation=)[^/\s?&#\"']{6})[^/\s?&#\"']+")

# Django's password-reset link (/accounts/reset/<uid>/<timestamp>-<hash>/): the hash goes.
PASSWORD_RESET_TOKEN = re.compile(r"(/accounts/reset/[^/\s]+/[0-9a-z]+-)[0-9a-f]+")


def hide_capabilities(text: str) -> str:
    text = PASSWORD_RESET_TOKEN.sub(r"\1…", text)
    return INVITATION_TOKEN.sub(r"\1…", RESULT_ID.sub(r"\1…", text))


class HideCapabilityAddresses(logging.Filter):
    """On every handler: the message is rewritten with capability addresses cut short."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = hide_capabilities(message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True


HIDE_CAPABILITIES = HideCapabilityAddresses()


class GunicornLogger(glogging.Logger):
    """gunicorn's own logger, whose access lines name every path, with the same filter."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(HIDE_CAPABILITIES)
