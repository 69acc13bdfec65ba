"""The builder's forms: writing a definition without JSON, and the conversions between those
forms and the loader's JSON format."""

import copy
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import formset_factory
from django.utils.text import capfirst, format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from assessments.definition import (
    MAX_CATEGORIES,
    MAX_SLUG_LENGTH,
    NUL,
    category_slug_problem,
    reserved_category_slugs,
    resources_problems,
    validate_assessment_slug,
)
from assessments.models import Assessment
from assessments.texts import (
    Text,
    chosen_text,
    default_language,
    joined_texts,
    other_languages,
    texts_by_language,
)

# Blank rows offered below the filled ones, and added by the "More rows" buttons.
EXTRA_CATEGORY_ROWS = 3
EXTRA_ROLE_ROWS = 1
MAX_ROLES = 20
DESCRIPTION_MAX_LENGTH = 1000
LEVELS_MAX_LENGTH = 3000
# Ten resources of a long title and a long address each.
RESOURCES_MAX_LENGTH = 25000


def lines(text: str) -> list[str]:
    """The non-blank lines of a text area, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def refuse_nul(value: str) -> None:
    if NUL in value:
        raise ValidationError(_("This text must not contain NUL characters."))


def suggested_slug(name: str) -> str:
    return slugify(name)[:MAX_SLUG_LENGTH].strip("-")


def in_language(name: str, code: str) -> str:
    """The name of the field holding field `name`'s text in the language of `code`."""
    return f"{name}_{code.replace('-', '_')}"


def slug_field(**kwargs: Any) -> forms.SlugField:
    """A slug that may be left empty, to be made from the name (see BuilderForm.clean_slug)."""
    kwargs.setdefault("help_text", _("Left empty, made from the name."))
    return forms.SlugField(label=_("Slug"), max_length=MAX_SLUG_LENGTH, required=False, **kwargs)


class BuilderForm(forms.Form):
    """Labels as they read, without Django's trailing colon; a slug left empty is made from the
    name.

    Each field named in `translated` holds the text in the site's language, which stands for
    every language when no other is given; beside it, one optional field per other language of
    the site (`name_de`, …) holds that language's text. Fields in `line_lists` hold one text
    per line, in every language."""

    translated: tuple[str, ...] = ()
    line_lists: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for code, language in other_languages():
            for name in self.translated:
                field = copy.deepcopy(self.fields[name])
                field.required = False
                field.label = format_lazy(
                    "{label} ({language})", label=field.label, language=language
                )
                field.help_text = ""
                self.fields[in_language(name, code)] = field

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"] or suggested_slug(self.cleaned_data.get("name", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in self.line_lists:
            for code, _language in other_languages():
                if in_language(name, code) in cleaned:
                    cleaned[in_language(name, code)] = lines(cleaned[in_language(name, code)])
        return cleaned

    def own_fields(self) -> list[forms.BoundField]:
        """The fields besides the other languages' texts, as the form shows them first."""
        others = {
            in_language(name, code) for code, _ in other_languages() for name in self.translated
        }
        return [self[name] for name in self.fields if name not in others]

    def language_fields(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(code, language, its fields) for each other language of the site."""
        return [
            (code, language, [self[in_language(name, code)] for name in self.translated])
            for code, language in other_languages()
        ]

    @property
    def shows_languages(self) -> bool:
        """Whether the other languages' fields start unfolded: when they hold text or errors."""
        return any(
            field.value() or field.errors
            for _code, _language, fields in self.language_fields()
            for field in fields
        )

    def text(self, name: str) -> Text:
        """The cleaned text of field `name` in every language given, as the definition stores it."""
        return joined_texts(
            {
                default_language(): self.cleaned_data[name],
                **{
                    code: self.cleaned_data[in_language(name, code)]
                    for code, _ in other_languages()
                },
            }
        )

    def line_texts(self, name: str) -> list[Text]:
        """The cleaned lines of field `name`, each in every language given."""
        by_language = {
            default_language(): self.cleaned_data[name],
            **{code: self.cleaned_data[in_language(name, code)] for code, _ in other_languages()},
        }
        count = max(len(given) for given in by_language.values())
        return [
            joined_texts(
                {
                    code: given[number] if number < len(given) else ""
                    for code, given in by_language.items()
                }
            )
            for number in range(count)
        ]

    def line_counts(self, name: str) -> list[tuple[str, int]]:
        """(field name, number of lines) of field `name` in each other language given."""
        fields = [in_language(name, code) for code, _ in other_languages()]
        return [
            (field, len(self.cleaned_data[field]))
            for field in fields
            if self.cleaned_data.get(field)
        ]


class AssessmentFields(BuilderForm):
    """What the whole assessment is: its name, address, scale and options."""

    translated = ("name", "description", "ratings")
    line_lists = ("ratings",)

    name = forms.CharField(label=_("Name"), max_length=200, validators=[refuse_nul])
    slug = slug_field(
        validators=[validate_assessment_slug],
        help_text=_("Its address is /assessment/?v= and the slug. Left empty, made from the name."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[refuse_nul],
        help_text=_("What the assessment is for, shown above its form; or leave empty."),
    )
    ratings = forms.CharField(
        label=_("Scale"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[refuse_nul],
        help_text=_("One label per line, lowest first; at least two."),
    )
    not_applicable = forms.BooleanField(
        label=_("Offer “Not applicable” in every category"), required=False
    )
    wide_category = forms.BooleanField(
        label=_("Long category names (a layout hint)"), required=False
    )
    # Set when the builder starts from an answered assessment: the new one is its next version.
    based_on = forms.ModelChoiceField(
        queryset=Assessment.objects.only("pk", "slug"),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )

    def clean_ratings(self) -> list[str]:
        labels = lines(self.cleaned_data["ratings"])
        if len(labels) < 2:
            raise ValidationError(_("Write at least two labels, one per line."))
        if len(set(labels)) != len(labels):
            raise ValidationError(_("Every label must be different."))
        return labels

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        top = len(cleaned.get("ratings") or [])
        for field, count in self.line_counts("ratings"):
            if top and count != top:
                self.add_error(
                    field,
                    _("Write one label per rating: %(top)d lines, not %(count)d.")
                    % {"top": top, "count": count},
                )
            elif len(set(cleaned[field])) != count:
                self.add_error(field, _("Every label must be different."))
        return cleaned


class CategoryFields(BuilderForm):
    """One category: a row of the builder."""

    translated = ("name", "group", "description", "levels")
    line_lists = ("levels",)

    name = forms.CharField(label=_("Category"), max_length=200, validators=[refuse_nul])
    slug = slug_field()
    group = forms.CharField(
        label=_("Group"), max_length=200, required=False, validators=[refuse_nul]
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[refuse_nul],
    )
    levels = forms.CharField(
        label=_("What each rating means here"),
        max_length=LEVELS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[refuse_nul],
        help_text=_("One line per rating, lowest first; or leave empty."),
    )

    resources = forms.CharField(
        label=_("Where to learn it"),
        max_length=RESOURCES_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[refuse_nul],
        help_text=_(
            "One link per line: a title, a space and its address, e.g. “Django documentation "
            "https://docs.djangoproject.com/”; at most 10; or leave empty."
        ),
    )

    def clean_levels(self) -> list[str]:
        return lines(self.cleaned_data["levels"])

    def clean_resources(self) -> list[dict[str, str]]:
        resources = [resource_of_line(line) for line in lines(self.cleaned_data["resources"])]
        problems = resources_problems(resources)
        if problems:
            raise ValidationError([capfirst(problem) for problem in problems])
        return resources


def resource_of_line(line: str) -> dict[str, str]:
    """A builder line "Title https://…" as the definition stores it: the address is the last
    word, since an address has no spaces."""
    title, _space, url = line.rpartition(" ")
    return {"title": title.strip(), "url": url}


def resource_line(resource: dict[str, str]) -> str:
    return f"{resource['title']} {resource['url']}"


class RoleFields(BuilderForm):
    """One role and its targets."""

    translated = ("name",)

    name = forms.CharField(label=_("Role"), max_length=200, validators=[refuse_nul])
    slug = slug_field()
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[refuse_nul],
        help_text=_(
            "One per line: a category, a colon, and the rating the role needs there, "
            "e.g. “Automated testing: Confident” or “automated-testing: 3”."
        ),
    )


class BuilderRows(forms.BaseFormSet):
    """Rows of the builder, each with a box to remove it."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


CategoryFormSet = formset_factory(
    CategoryFields,
    formset=BuilderRows,
    extra=EXTRA_CATEGORY_ROWS,
    can_delete=True,
    max_num=MAX_CATEGORIES,
    validate_max=True,
    absolute_max=MAX_CATEGORIES + EXTRA_CATEGORY_ROWS,
)
RoleFormSet = formset_factory(
    RoleFields,
    formset=BuilderRows,
    extra=EXTRA_ROLE_ROWS,
    can_delete=True,
    max_num=MAX_ROLES,
    validate_max=True,
    absolute_max=MAX_ROLES + EXTRA_ROLE_ROWS,
)

# A row left empty, or emptied, is no row: the formsets' blank rows, filled or not, are optional.
ROW_KWARGS = {"empty_permitted": True, "use_required_attribute": False}


@dataclass
class Builder:
    """The builder's three forms, read and checked together."""

    assessment: AssessmentFields
    categories: Any
    roles: Any
    # The assessment being edited; None for a new one.
    editing: Assessment | None = None

    @classmethod
    def bound(cls, data: Any, **kwargs: Any) -> "Builder":
        return cls(
            assessment=AssessmentFields(data, prefix="assessment"),
            categories=CategoryFormSet(data, prefix="categories", form_kwargs=ROW_KWARGS),
            roles=RoleFormSet(data, prefix="roles", form_kwargs=ROW_KWARGS),
            **kwargs,
        )

    @classmethod
    def starting_from(
        cls, loader_format: dict, *, based_on: Assessment | None = None, **kwargs: Any
    ) -> "Builder":
        """Blank forms prefilled with a definition in the loader's format."""
        initial = builder_initial(loader_format, based_on=based_on)
        return cls(
            assessment=AssessmentFields(initial=initial["assessment"], prefix="assessment"),
            categories=CategoryFormSet(
                initial=initial["categories"], prefix="categories", form_kwargs=ROW_KWARGS
            ),
            roles=RoleFormSet(initial=initial["roles"], prefix="roles", form_kwargs=ROW_KWARGS),
            **kwargs,
        )

    def with_more_rows(self) -> "Builder":
        """The same rows as typed, unchecked, with blank rows added below: "More rows" without
        JavaScript."""
        return Builder(
            assessment=AssessmentFields(initial=typed(self.assessment), prefix="assessment"),
            categories=CategoryFormSet(
                initial=typed_rows(self.categories), prefix="categories", form_kwargs=ROW_KWARGS
            ),
            roles=RoleFormSet(
                initial=typed_rows(self.roles), prefix="roles", form_kwargs=ROW_KWARGS
            ),
            editing=self.editing,
        )

    @property
    def forms(self) -> list:
        return [self.assessment, self.categories, self.roles]

    @property
    def formsets(self) -> list:
        """The rows, whose errors the page's error summary lists after the assessment's."""
        return [self.categories, self.roles]

    def is_valid(self) -> bool:
        # Every form checks itself first, so each shows all its errors at once.
        valid = [form.is_valid() for form in self.forms]
        if not all(valid):
            return False
        self.check_rows_against_each_other()
        if not all(form.is_valid() for form in self.forms):
            return False
        try:
            self.unsaved_assessment().full_clean()
        except ValidationError as error:
            # What the rows cannot say themselves (a frozen definition, for one).
            self.assessment.add_error(None, error.messages)
            return False
        return True

    def check_rows_against_each_other(self) -> None:
        """What no form can see alone: a slug in use, rows against the scale and each other."""
        self.check_assessment_slug()
        rows = self.category_rows()
        if not rows:
            self.assessment.add_error(None, _("Add at least one category."))
        self.check_categories(rows)
        self.check_roles(
            categories=[(r.cleaned_data["name"], r.cleaned_data.get("slug")) for r in rows]
        )

    def check_assessment_slug(self) -> None:
        slug = self.assessment.cleaned_data["slug"]
        others = Assessment.objects.filter(slug=slug)
        if self.editing is not None:
            others = others.exclude(pk=self.editing.pk)
        if not slug:
            self.assessment.add_error("slug", _("Give the assessment a slug or a name."))
        elif others.exists():
            self.assessment.add_error("slug", _("An assessment with this slug already exists."))

    def check_categories(self, rows: list[CategoryFields]) -> None:
        top = len(self.assessment.cleaned_data["ratings"])
        reserved = reserved_category_slugs(with_roles=bool(self.role_rows()))
        seen: set[str] = set()
        for row in rows:
            category_slug = row.cleaned_data["slug"]
            problem = category_slug_problem(category_slug, earlier=seen, reserved=reserved)
            if not category_slug:
                row.add_error("slug", _("Give the category a slug or a name of letters."))
            elif problem:
                row.add_error("slug", _("This slug %(problem)s") % {"problem": problem})
            seen.add(category_slug)
            levels = row.cleaned_data["levels"]
            counts = [("levels", len(levels))] if levels else []
            for field, count in [*counts, *row.line_counts("levels")]:
                if count != top:
                    row.add_error(
                        field,
                        _("Write one line per rating: %(top)d lines, not %(count)d.")
                        % {"top": top, "count": count},
                    )

    def check_roles(self, *, categories: list[tuple[str, str | None]]) -> None:
        role_slugs: set[str] = set()
        for row in self.role_rows():
            role_slug = row.cleaned_data["slug"]
            if not role_slug:
                row.add_error("slug", _("Give the role a slug or a name of letters."))
            elif role_slug in role_slugs:
                row.add_error("slug", _("An earlier role has this slug."))
            role_slugs.add(role_slug)
            try:
                row.cleaned_data["targets"] = parse_targets(
                    row.cleaned_data["targets"],
                    categories=categories,
                    ratings=self.assessment.cleaned_data["ratings"],
                )
            except ValidationError as error:
                row.add_error("targets", error)

    def category_rows(self) -> list[CategoryFields]:
        return filled_rows(self.categories)

    def role_rows(self) -> list[RoleFields]:
        return filled_rows(self.roles)

    def definition(self) -> dict:
        """The definition the valid forms describe, in the loader's format without name and
        slug: a category with nothing but a name and slug stays a `[name, slug]` pair."""
        cleaned = self.assessment.cleaned_data
        definition: dict[str, Any] = {
            "ratings": self.assessment.line_texts("ratings"),
            "categories": [category_entry(row) for row in self.category_rows()],
            "wide-category": cleaned["wide_category"],
        }
        description = self.assessment.text("description")
        if description:
            definition["description"] = description
        if cleaned["not_applicable"]:
            definition["not-applicable"] = True
        roles = [
            {
                "name": row.text("name"),
                "slug": row.cleaned_data["slug"],
                "targets": row.cleaned_data["targets"],
            }
            for row in self.role_rows()
        ]
        if roles:
            definition["roles"] = roles
        return definition

    def unsaved_assessment(self) -> Assessment:
        # A new assessment starts as a draft: nobody answers it before someone has checked it
        # and pressed Publish.
        assessment = self.editing or Assessment(
            based_on=self.assessment.cleaned_data["based_on"], draft=True
        )
        assessment.slug = self.assessment.cleaned_data["slug"]
        assessment.assessment = self.definition()
        assessment.set_name(self.assessment.text("name"))
        return assessment

    @transaction.atomic
    def save(self) -> Assessment:
        assessment = self.unsaved_assessment()
        assessment.save()
        return assessment


def filled_rows(formset: Any) -> list:
    """The rows that say something and are not marked for removal (once checked)."""
    return [
        form for form in formset.forms if form.has_changed() and form not in formset.deleted_forms
    ]


def typed(form: forms.Form) -> dict:
    """What was typed into a form, as its initial values, without checking it."""
    return {name: form[name].value() for name in form.fields if name != "DELETE"}


def new_version_of(original: Assessment) -> dict:
    """The original's definition under a free slug, to start the builder from."""
    slug, number = original.slug, 2
    while Assessment.objects.filter(slug=f"{slug}-{number}").exists():
        number += 1
    return {**loader_format(original), "slug": f"{slug}-{number}"[:MAX_SLUG_LENGTH]}


def typed_rows(formset: Any) -> list[dict]:
    return [typed(form) for form in formset.forms if form.has_changed()]


def category_entry(row: CategoryFields) -> list[Any] | dict:
    texts = {key: row.text(key) for key in ["group", "description"]}
    details = {
        **texts,
        "levels": row.line_texts("levels"),
        "resources": row.cleaned_data["resources"],
    }
    details = {key: value for key, value in details.items() if value}
    name, slug = row.text("name"), row.cleaned_data["slug"]
    if not details:
        return [name, slug]
    return {"name": name, "slug": slug, **details}


def parse_targets(
    text: str, *, categories: list[tuple[str, str]], ratings: list[str]
) -> dict[str, int]:
    """`Category: rating` lines, naming a category by name or slug and a rating by its label or
    its step, as {category slug: step}."""
    slugs = {name.casefold(): slug for name, slug in categories}
    slugs.update({slug.casefold(): slug for _, slug in categories if slug})
    steps = {label.casefold(): step for step, label in enumerate(ratings, start=1)}
    steps.update({str(step): step for step in range(1, len(ratings) + 1)})
    targets: dict[str, int] = {}
    problems = []
    for line in lines(text):
        category, colon, rating = line.rpartition(":")
        slug = slugs.get(category.strip().casefold())
        step = steps.get(rating.strip().casefold())
        if not colon or slug is None:
            problems.append(_("“%(line)s” names no category of this assessment.") % {"line": line})
        elif step is None:
            problems.append(
                _("“%(line)s”: the rating must be one of the scale's labels or 1 to %(top)d.")
                % {"line": line, "top": len(ratings)}
            )
        else:
            targets[slug] = step
    if problems:
        raise ValidationError(problems)
    return targets


def builder_initial(loader_format: dict, *, based_on: Assessment | None = None) -> dict:
    """The builder's initial values for a definition in the loader's format (which is valid):
    each text in the site's language, and in each other language that has its own."""
    definition = {key: value for key, value in loader_format.items() if key not in ("name",)}
    probe = Assessment(assessment=definition)
    site = settings.LANGUAGE_CODE
    ratings = [chosen_text(label, language=site) for label in probe.stored_ratings]
    categories = []
    for entry in definition.get("categories") or []:
        name, slug = entry if isinstance(entry, list) else (entry["name"], entry["slug"])
        details = entry if isinstance(entry, dict) else {}
        categories.append(
            {
                "slug": slug,
                **initial_texts("name", name),
                **initial_texts("group", details.get("group", "")),
                **initial_texts("description", details.get("description", "")),
                **initial_lines("levels", details.get("levels") or []),
            }
        )
        if details.get("resources"):
            categories[-1]["resources"] = "\n".join(map(resource_line, details["resources"]))
    names = {slug: chosen_text(name, language=site) for name, slug in probe.stored_categories}
    roles = [
        {
            **initial_texts("name", role["name"]),
            "slug": role["slug"],
            "targets": "\n".join(
                f"{names.get(slug, slug)}: {ratings[step - 1]}"
                for slug, step in (role.get("targets") or {}).items()
            ),
        }
        for role in probe.stored_roles
    ]
    return {
        "assessment": {
            "based_on": based_on,
            **initial_texts("name", loader_format.get("name", "")),
            **initial_texts("description", definition.get("description", "")),
            **initial_lines("ratings", probe.stored_ratings),
            "slug": loader_format.get("slug", ""),
            "not_applicable": probe.offers_not_applicable,
            "wide_category": probe.wide_category,
        },
        "categories": categories,
        "roles": roles,
    }


def initial_texts(name: str, text: Any) -> dict[str, str]:
    """Field `name`'s initial values for a text: the site's language's, and each other
    language's own."""
    texts = texts_by_language(text)
    return {
        name: texts[default_language()],
        **{in_language(name, code): texts.get(code, "") for code, _ in other_languages()},
    }


def initial_lines(name: str, texts: list[Any]) -> dict[str, str]:
    """Field `name`'s initial values for a list of texts, one per line: every line in each
    language any of them has its own text in."""
    given = {code for text in texts for code in texts_by_language(text)}
    return {
        name: "\n".join(chosen_text(text, language=settings.LANGUAGE_CODE) for text in texts),
        **{
            in_language(name, code): (
                "\n".join(chosen_text(text, language=code) for text in texts)
                if code in given
                else ""
            )
            for code, _ in other_languages()
        },
    }


def loader_format(assessment: Assessment) -> dict:
    """The assessment as `load_assessment` reads it: name, slug, then the definition; texts as
    stored (a name per language is the definition's own)."""
    return {"name": assessment.name, "slug": assessment.slug, **assessment.assessment}
