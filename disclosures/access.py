"""Who sees what: clerks see their departments' records; reviewers and managers see all."""
from .roles import MANAGER


def sees_everything(user):
    return (
        user.is_superuser
        or user.has_perm("disclosures.approve_disclosure")
        or user.groups.filter(name=MANAGER).exists()
    )


def scoped(queryset, user, department_path="department"):
    """``queryset`` narrowed to the user's departments, reached through ``department_path``."""
    if sees_everything(user):
        return queryset
    return queryset.filter(**{f"{department_path}__members": user})
