"""Who may do what with suggestions and surveys. Residents need no account: leaving a
suggestion and answering an open survey are not permissions but public pages."""

import rules

from accounts.rules import is_coordinator
from groups.models import Group
from groups.rules import is_current_member
from participation.models import Suggestion


@rules.predicate
def is_member_of_the_areas_group(user, area) -> bool:
    """A current representative of the area's group (object: the area)."""
    if area is None or not user.is_authenticated:
        return False
    group = Group.objects.filter(area=area).first()
    return group is not None and is_current_member(user, group)


@rules.predicate
def is_published_suggestion(user, suggestion) -> bool:
    return suggestion is not None and suggestion.is_public


@rules.predicate
def is_member_of_the_suggestions_group(user, suggestion) -> bool:
    return suggestion is not None and is_member_of_the_areas_group(user, suggestion.area)


def _can_become(target, name):
    """The suggestion's state allows the move to `target` (Suggestion.TRANSITIONS, which the
    services ask too)."""

    def predicate(user, suggestion) -> bool:
        return suggestion is not None and Suggestion.TRANSITIONS.allows(suggestion.status, target)

    return rules.predicate(predicate, name=name)


can_be_published = _can_become(Suggestion.Status.PUBLISHED, "can_be_published")
can_be_hidden = _can_become(Suggestion.Status.HIDDEN, "can_be_hidden")
# Can still become an agenda proposal or an issue (the table allows both from the same states).
can_go_further = _can_become(Suggestion.Status.ISSUE, "can_go_further")


# The moderation queues of every area, and surveys: the coordinator.
rules.add_perm("participation.moderate_suggestions", is_coordinator)
rules.add_perm("participation.publish_suggestion", is_coordinator & can_be_published)
rules.add_perm("participation.hide_suggestion", is_coordinator & can_be_hidden)
rules.add_perm("participation.forward_suggestion", is_coordinator & can_go_further)
rules.add_perm("participation.manage_surveys", is_coordinator)
# Registering a suggestion that came on paper, by phone, at a meeting or from a school class
# (object: the area): the coordinator, or a representative of the area's group.
rules.add_perm("participation.register_suggestion", is_coordinator | is_member_of_the_areas_group)
# The published suggestions of their area, with the support button (object: the area).
rules.add_perm("participation.view_member_suggestions", is_coordinator | is_member_of_the_areas_group)
# Supporting a suggestion (object: the suggestion): a representative of its area's group, once
# it is published.
rules.add_perm(
    "participation.support_suggestion", is_member_of_the_suggestions_group & is_published_suggestion
)
