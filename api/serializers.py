"""What the API answers for each kind of object: the fields BI tools read, described for the
schema."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import Assessment
from results.documents import result_document
from results.models import AssessmentResult
from teams.models import Round, Team


class CategoryNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessment, with figures counted over the results in the token owner's scope."""

    categories = serializers.SerializerMethodField()
    ratings = serializers.ListField(child=serializers.CharField(), read_only=True)
    result_count = serializers.IntegerField(read_only=True)
    people_count = serializers.IntegerField(read_only=True)
    latest_result = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Assessment
        fields = [
            "slug",
            "name",
            "created",
            "categories",
            "ratings",
            "result_count",
            "people_count",
            "latest_result",
        ]

    @extend_schema_field(CategoryNameSerializer(many=True))
    def get_categories(self, assessment: Assessment) -> list[dict[str, str]]:
        return [{"name": name, "slug": slug} for name, slug in assessment.categories]


class CategoryRatingSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.SlugField()
    current = serializers.IntegerField(allow_null=True)
    current_label = serializers.CharField(allow_null=True)
    desired = serializers.IntegerField(allow_null=True)
    desired_label = serializers.CharField(allow_null=True)
    levelup = serializers.BooleanField()
    not_applicable = serializers.BooleanField(
        required=False, help_text="Only where the assessment offers “not applicable”."
    )
    target = serializers.IntegerField(
        required=False, allow_null=True, help_text="Only where the assessment has roles."
    )
    target_met = serializers.BooleanField(
        required=False, allow_null=True, help_text="Only where the assessment has roles."
    )


class RoleSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    targets = serializers.DictField(child=serializers.IntegerField())


class ResultSerializer(serializers.Serializer):
    """A result exactly as its JSON download gives it (results/documents.py): one shape, which
    the README describes key by key. The fields below describe it for the schema."""

    id = serializers.UUIDField()
    assessment_name = serializers.CharField()
    assessment_version = serializers.CharField()
    name = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    ratings = serializers.ListField(child=serializers.CharField())
    categories = CategoryRatingSerializer(many=True)
    role = RoleSerializer(
        required=False, allow_null=True, help_text="Only where the assessment has roles."
    )

    def to_representation(self, result: AssessmentResult) -> dict:
        return result_document(result=result)


class TeamSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True, help_text="Current members.")

    class Meta:
        model = Team
        fields = ["slug", "name", "created", "member_count"]


class RoundSerializer(serializers.ModelSerializer):
    assessment = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    is_open = serializers.SerializerMethodField()
    invited = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True)

    class Meta:
        model = Round
        fields = ["id", "assessment", "created", "closes_on", "is_open", "invited", "answered"]

    def get_is_open(self, round: Round) -> bool:
        return round.is_open()
