"""What the API and its token pages accept."""

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken
from teams.access import teams_managed_by


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("What the token is for, e.g. “Power BI, skills dashboard”.")}


class PeopleFilterForm(forms.Form):
    """The matrix's filters that the people endpoint supports so far. A team outside the
    viewer's scope is refused exactly as an unknown one, so its slug tells nothing."""

    team = forms.ModelChoiceField(queryset=None, to_field_name="slug", required=False)
    q = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, viewer: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_managed_by(viewer)
