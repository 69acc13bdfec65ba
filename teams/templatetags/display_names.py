"""`{{ user|display_name }}`: an account named in a page as in the emails."""

from django import template

from teams.display_names import display_name

register = template.Library()
register.filter("display_name", display_name)
