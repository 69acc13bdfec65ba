"""Where an answer came from, as the matrix, the experts list and the CSV name it: the team whose
invitation it answers (or was answered again from), else the viewer's teams its account is a
member of, else the public link."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext

from results.models import AssessmentResult
from results.visibility import Viewer
from teams.access import teams_managed_by
from teams.models import Member


@dataclass(frozen=True)
class AnswerSources:
    team_names: dict[int, str]
    # An account's teams, by the account's id, joined for display.
    memberships: dict[int, str]
    public_link: str

    def of(self, *, team_scope: int | None, user_id: int | None) -> str:
        if team_scope is not None:
            return self.team_names.get(team_scope, self.public_link)
        return self.memberships.get(user_id, self.public_link)

    def of_result(self, result: AssessmentResult) -> str:
        return self.of(team_scope=result.team_scope, user_id=result.user_id)


def answer_sources(
    *,
    viewer: Viewer,
    team_ids: Collection[int] | None = None,
    user_ids: Collection[int] | None = None,
) -> AnswerSources:
    """The names of the viewer's teams (only `team_ids` when given) and the teams of their
    members with accounts (only `user_ids` when given): two queries at most. Only teams in the
    viewer's scope are named, so a source never tells of another team."""
    teams = teams_managed_by(viewer)
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    team_names = dict(teams.values_list("pk", "name")) if team_ids is None or team_ids else {}
    members = Member.current.filter(team__in=teams_managed_by(viewer), user__isnull=False)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
    joined: dict[int, list[str]] = defaultdict(list)
    if user_ids is None or user_ids:
        pairs = members.order_by("team__name", "team_id").values_list("user_id", "team__name")
        for user_id, name in pairs.distinct():
            if name not in joined[user_id]:
                joined[user_id].append(name)
    return AnswerSources(
        team_names=team_names,
        memberships={user_id: ", ".join(names) for user_id, names in joined.items()},
        # Translators: where an answer came from, when it was not through a team's invitation.
        public_link=gettext("public link"),
    )


def sources_of(*, viewer: Viewer, results: Collection[AssessmentResult]) -> dict[str, str]:
    """Each of a page's results' source, by result id."""
    sources = answer_sources(
        viewer=viewer,
        team_ids={result.team_scope for result in results if result.team_scope is not None},
        user_ids={
            result.user_id for result in results if result.user_id and result.team_scope is None
        },
    )
    return {result.pk: sources.of_result(result) for result in results}
