"""An assessment: a named, versioned set of categories rated on one scale."""

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from assessments.definition import (
    NUL,
    Category,
    Group,
    Role,
    category_details,
    category_pair,
    grouped,
    rating_on_scale,
    validate_assessment_slug,
    validate_definition,
    validate_one_line_name,
)
from assessments.texts import Text, chosen_text


def answered_part(definition: Any) -> Any:
    """The part of a definition that results depend on, normalised for comparison: what the
    categories and ratings are, whether n/a is an answer, and which roles can be compared with.
    Descriptions, groups, level texts, role names and targets explain; they may change."""
    if not isinstance(definition, dict):
        return definition
    categories = definition.get("categories")
    if isinstance(categories, list):
        categories = [category_pair(entry) for entry in categories]
    roles = definition.get("roles") or []
    role_slugs = sorted(role.get("slug") for role in roles if isinstance(role, dict))
    answered = [
        categories,
        definition.get("ratings"),
        definition.get("not-applicable", False),
        role_slugs,
    ]
    # A JSON round trip makes tuples and lists compare equal.
    return json.loads(json.dumps(answered, default=list))


class AssessmentQuerySet(models.QuerySet):
    def published(self) -> "AssessmentQuerySet":
        """What anyone may answer: everything but drafts (see assessments/drafts.py)."""
        return self.filter(draft=False)


class Assessment(models.Model):
    name = models.CharField(max_length=200, verbose_name=_("name"))
    slug = models.SlugField(
        unique=True,
        help_text=_("The version people see in links: /assessment/?v=<slug>."),
        validators=[validate_assessment_slug],
        verbose_name=_("slug"),
    )
    assessment = models.JSONField(
        help_text=_(
            '{"categories": [[name, slug], ...], "ratings": [label, ...], "wide-category": false}'
        ),
        verbose_name=_("assessment"),
    )
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="later_versions",
        help_text=_("The assessment this one was saved as a new version of."),
        verbose_name=_("based on"),
    )
    draft = models.BooleanField(
        default=False,
        help_text=_(
            "A draft is not on the home page, and only those who may change assessments can "
            "open its link. Publish it once someone has checked it."
        ),
        verbose_name=_("draft"),
    )
    created = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.follow_names_in_definition()
        self.refuse_change_to_answered_definition()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{reverse('results:answer')}?{urlencode({'v': self.slug})}"

    # The definition's texts may be given per language. The properties below give each in the
    # reader's (the active) language, through chosen_text; the `stored_` ones give them as the
    # definition stores them, for the JSON downloads and the builder.

    @property
    def name_in_language(self) -> str:
        """The assessment's name in the reader's language."""
        return chosen_text(self.stored_name)

    @property
    def stored_name(self) -> Text:
        """The name as given: one per language in the definition, else the one in `name`."""
        return self.assessment.get("name") or self.name

    @property
    def description(self) -> str:
        """What the assessment is for, in the reader's language; empty when not given."""
        return chosen_text(self.assessment.get("description", ""))

    def follow_names_in_definition(self) -> None:
        """Names given per language in the definition are what counts; `name` follows them."""
        if isinstance(self.assessment, dict) and "name" in self.assessment:
            self.name = chosen_text(self.assessment["name"], language=settings.LANGUAGE_CODE)

    def set_name(self, name: Text) -> None:
        """Name the assessment, with one text (every language's) or one per language. Per
        language, the names live in the definition and `name` holds the site's language's, which
        the admin's lists, search, ordering and the manager's pages read."""
        definition = {key: value for key, value in self.assessment.items() if key != "name"}
        if isinstance(name, dict):
            definition = {"name": name, **definition}
        self.assessment = definition
        self.name = chosen_text(name, language=settings.LANGUAGE_CODE)

    @property
    def categories(self) -> list[list[str]]:
        """The categories as `[name, slug]` pairs, whichever form the definition uses, the name
        in the reader's language."""
        return [[chosen_text(name), slug] for name, slug in self.stored_categories]

    @property
    def stored_categories(self) -> list[list[Any]]:
        """The categories as `[name, slug]` pairs, the name as stored."""
        return [category_pair(entry) for entry in self.assessment.get("categories") or []]

    @property
    def category_details(self) -> list[Category]:
        """Every category with its description, group and level texts (empty where unset), in
        the reader's language."""
        return [category_details(entry) for entry in self.assessment.get("categories") or []]

    @property
    def groups(self) -> list[Group]:
        return grouped(self.category_details)

    @property
    def offers_not_applicable(self) -> bool:
        return bool(self.assessment.get("not-applicable", False))

    @property
    def roles(self) -> list[Role]:
        """The roles, named in the reader's language."""
        return [
            Role(
                name=chosen_text(role["name"]),
                slug=role["slug"],
                targets=dict(role.get("targets") or {}),
            )
            for role in self.stored_roles
        ]

    @property
    def stored_roles(self) -> list[dict[str, Any]]:
        return list(self.assessment.get("roles") or [])

    def role(self, slug: str | None) -> Role | None:
        """The role of that slug, or None (also for no slug at all)."""
        return next((role for role in self.roles if role.slug == slug), None)

    @property
    def ratings(self) -> list[str]:
        """The scale's labels, lowest first, in the reader's language."""
        return [chosen_text(label) for label in self.stored_ratings]

    @property
    def stored_ratings(self) -> list[Text]:
        return list(self.assessment.get("ratings") or [])

    @property
    def wide_category(self) -> bool:
        return bool(self.assessment.get("wide-category", False))

    @property
    def fingerprint(self) -> str:
        """Changes whenever anything a page shows of this assessment changes."""
        shown = json.dumps([self.name, self.slug, self.assessment], sort_keys=True, default=list)
        return hashlib.sha256(shown.encode()).hexdigest()[:24]

    @property
    def category_slugs(self) -> list[str]:
        return [slug for _, slug in self.categories]

    @property
    def top_rating(self) -> int:
        """The highest step of the scale; ratings run from 1 to this."""
        return len(self.ratings)

    def rating(self, value: object) -> int | None:
        """A stored value as a rating on this assessment's scale, or None (see rating_on_scale)."""
        return rating_on_scale(value, top=self.top_rating)

    def rating_label(self, value: object) -> str | None:
        """The label of a stored rating, or None when the value is no rating on the scale."""
        rating = self.rating(value)
        return None if rating is None else self.ratings[rating - 1]

    def clean(self) -> None:
        self.follow_names_in_definition()
        if NUL in self.name:
            raise ValidationError({"name": _("The name must not contain NUL characters.")})
        try:
            validate_one_line_name(self.name)
        except ValidationError as error:
            raise ValidationError({"name": error.messages}) from None
        validate_definition(self.assessment)
        self.refuse_change_to_answered_definition()

    def refuse_change_to_answered_definition(self) -> None:
        """Stored results point at this definition, so its categories and ratings are frozen."""
        if self.pk is None:
            return
        stored = Assessment.objects.filter(pk=self.pk).values_list("assessment", flat=True).first()
        if stored is None or answered_part(stored) == answered_part(self.assessment):
            return
        if self.results.exists():
            raise ValidationError(
                _(
                    "This assessment already has results, so its categories and ratings cannot "
                    "change (nor whether “not applicable” is offered, nor the roles' slugs). "
                    "Save it as a new version instead."
                ),
                code="answered",
            )
