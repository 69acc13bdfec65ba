"""`manage.py load_assessment FILE`: create or update an assessment from a JSON file."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from assessments.models import Assessment


class Command(BaseCommand):
    help = (
        "Create or update an assessment from a JSON file holding name, slug, categories "
        "([name, slug] pairs), ratings (labels, lowest first) and optionally wide-category. "
        'Any text may be one per language: {"en": "…", "de": "…"}. '
        "It is published unless --draft is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Keep it a draft: off the home page, its link open only to those who may "
            "change assessments, until someone publishes it.",
        )

    def handle(self, *args, file: Path, draft: bool = False, **options) -> None:
        data = read_definition_file(file)
        slug = data.pop("slug", None)
        name = data.pop("name", None)
        if not isinstance(slug, str) or not isinstance(name, str | dict):
            raise CommandError(
                f"{file}: needs a string 'name' and a string 'slug' (the name may also be "
                "an object of one text per language)."
            )
        # The file as the model stores it: names per language move into the definition.
        loaded = Assessment(assessment=data)
        loaded.set_name(name)
        assessment = Assessment.objects.filter(slug=slug).first()
        if assessment is None:
            assessment = Assessment(slug=slug)
            action = "Created"
        elif (
            assessment.name == loaded.name
            and assessment.assessment == loaded.assessment
            and assessment.draft == draft
        ):
            self.stdout.write(f"Unchanged: assessment {slug!r} already matches {file}.")
            return
        else:
            action = "Updated"
        assessment.name = loaded.name
        assessment.assessment = loaded.assessment
        assessment.draft = draft
        try:
            assessment.full_clean()
        except ValidationError as error:
            problems = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(f"{file} is not a valid assessment:\n{problems}") from error
        assessment.save()
        categories = len(assessment.categories)
        ratings = len(assessment.ratings)
        self.stdout.write(
            self.style.SUCCESS(
                f"{action} assessment {slug!r} ({assessment.name}): {categories} categories, "
                f"{ratings} ratings. {availability(assessment)} {assessment.get_absolute_url()}"
            )
        )


def availability(assessment: Assessment) -> str:
    if assessment.draft:
        return "A draft: check it, then publish it, at"
    return "Answer it at"


def read_definition_file(file: Path) -> dict:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{file} is not valid JSON: {error}.") from error
    if not isinstance(data, dict):
        raise CommandError(f"{file}: the top level must be a JSON object.")
    return data
