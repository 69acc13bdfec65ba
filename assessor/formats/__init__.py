"""The site's own date formats, ahead of Django's (FORMAT_MODULE_PATH): a date reads the same in
every page and email, in the reader's language (`date_format(value, "DATE_FORMAT")`, or the
`date` filter with "DATE_FORMAT")."""
