from accounts.rules import is_coordinator
from groups.rules import is_current_member
from officials.rules import is_staff_member


def can_view_issue_list(user) -> bool:
    return is_staff_member(user)


def can_view_issue(user, issue) -> bool:
    return is_staff_member(user) or is_current_member(user, issue.group)


def can_manage_issues(user) -> bool:
    """Create issues and change their status: the coordinator."""
    return is_coordinator(user)


def can_answer_issue(user, issue) -> bool:
    """The coordinator, or an official of the department responsible."""
    if is_coordinator(user):
        return True
    official = getattr(user, "official", None) if user.is_authenticated else None
    return (
        official is not None
        and issue.department_id is not None
        and official.departments.filter(pk=issue.department_id).exists()
    )
