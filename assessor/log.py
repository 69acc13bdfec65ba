"""Log formatting: one line per record, so each event is one line in whatever collects stdout."""

import logging


class OneLineFormatter(logging.Formatter):
    """Keeps a traceback on its record's line, with its line breaks written as \\n."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")
