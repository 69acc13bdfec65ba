"""`{{ round|round_label }}`: a round named in a page as everywhere else (teams.models)."""

from django import template

from teams.models import round_label

register = template.Library()
register.filter("round_label", round_label)
